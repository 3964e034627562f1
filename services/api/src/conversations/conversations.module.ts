import { Module } from '@nestjs/common';
import { AutomationQueueModule } from '../automation/automation-queue.module';
import { IntegrationsEventsModule } from '../integrations/integrations-events.module';
import { RealtimeEventsModule } from '../realtime/realtime-events.module';
import { RoutingSignalsModule } from '../routing/signals/routing-signals.module';
import { ConversationFactsRepository } from './conversation-facts.repository';
import { ConversationFactsService } from './conversation-facts.service';
import { ConversationRepository } from './conversation.repository';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';

@Module({
  imports: [RealtimeEventsModule, AutomationQueueModule, RoutingSignalsModule, IntegrationsEventsModule],
  controllers: [ConversationsController],
  providers: [ConversationRepository, ConversationsService, ConversationFactsRepository, ConversationFactsService],
  exports: [ConversationsService, ConversationFactsService],
})
export class ConversationsModule {}
