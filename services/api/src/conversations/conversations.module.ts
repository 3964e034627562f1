import { Module } from '@nestjs/common';
import { AutomationQueueModule } from '../automation/automation-queue.module';
import { RealtimeEventsModule } from '../realtime/realtime-events.module';
import { ConversationRepository } from './conversation.repository';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';

@Module({
  imports: [RealtimeEventsModule, AutomationQueueModule],
  controllers: [ConversationsController],
  providers: [ConversationRepository, ConversationsService],
  exports: [ConversationsService],
})
export class ConversationsModule {}
