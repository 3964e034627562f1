import { Module } from '@nestjs/common';
import { AuditLogsModule } from '../audit-logs/audit-logs.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { LimitsModule } from '../limits/limits.module';
import { MailModule } from '../mail/mail.module';
import { PresenceModule } from '../routing/presence/presence.module';
import { RoutingSignalsModule } from '../routing/signals/routing-signals.module';
import { TenantsModule } from '../tenants/tenants.module';
import { InvitationRepository } from './invitation.repository';
import { LocalSessionChanges } from './local-session-changes';
import { UserAccountsService } from './user-accounts.service';
import { UserRepository } from './user.repository';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [
    AuditLogsModule,
    TenantsModule,
    ConversationsModule,
    LimitsModule,
    PresenceModule,
    RoutingSignalsModule,
    MailModule,
  ],
  controllers: [UsersController],
  providers: [UserRepository, InvitationRepository, UsersService, UserAccountsService, LocalSessionChanges],
  exports: [UsersService, UserAccountsService, LocalSessionChanges],
})
export class UsersModule {}
