import { Module } from '@nestjs/common';
import { RealtimeEventsModule } from '../realtime/realtime-events.module';
import { RoutingSignalsModule } from '../routing/signals/routing-signals.module';
import { ConversationRepository } from './conversation.repository';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';

@Module({
  imports: [RealtimeEventsModule, RoutingSignalsModule],
  controllers: [ConversationsController],
  providers: [ConversationRepository, ConversationsService],
  exports: [ConversationsService],
})
export class ConversationsModule {}
