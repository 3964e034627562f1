import { Module } from '@nestjs/common';
import { AuditLogsModule } from '../audit-logs/audit-logs.module';
import { ConversationRouter } from '../automation/ports';
import { ConversationsModule } from '../conversations/conversations.module';
import { PresenceModule } from './presence/presence.module';
import { RoutingRepository } from './routing.repository';
import { RoutingService } from './routing.service';
import { RoutingSignalsModule } from './signals/routing-signals.module';
import { TeamRepository } from './teams/team.repository';
import { TeamsController } from './teams/teams.controller';
import { TeamsService } from './teams/teams.service';

/**
 * Routing (issue 18): teams, and the ConversationRouter the automation rules and the AI's handoff call. Presence (fed
 * by the socket gateway) and the routing signal are modules of their own, so that users/, conversations/ and
 * realtime/ reach them without importing this one.
 */
@Module({
  imports: [ConversationsModule, PresenceModule, RoutingSignalsModule, AuditLogsModule],
  controllers: [TeamsController],
  providers: [
    RoutingRepository,
    RoutingService,
    { provide: ConversationRouter, useExisting: RoutingService },
    TeamRepository,
    TeamsService,
  ],
  exports: [ConversationRouter],
})
export class RoutingModule {}
