import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module';
import { IntegrationsEventsModule } from '../integrations/integrations-events.module';
import { LimitsModule } from '../limits/limits.module';
import { MediaStorageModule } from '../media/media-storage.module';
import { RealtimeEventsModule } from '../realtime/realtime-events.module';
import { TemplatesModule } from '../templates/templates.module';
import { UsageModule } from '../usage/usage.module';
import { WhatsAppModule } from '../whatsapp/whatsapp.module';
import { CampaignMessagesService } from './campaign-messages.service';
import { MessageRepository } from './message.repository';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';
import { OutboundQueue } from './outbound-queue';
import { ReactionTargets } from './reaction-targets';
import { ReadReceiptsController } from './read-receipts.controller';
import { ReadReceiptsService } from './read-receipts.service';
import { SendMessageService } from './send-message.service';
import { SendResultConsumer } from './send-result.consumer';
import { SendResultsQueue } from './send-results-queue';

@Module({
  imports: [
    ConversationsModule,
    WhatsAppModule,
    TemplatesModule,
    RealtimeEventsModule,
    MediaStorageModule,
    LimitsModule,
    UsageModule,
    IntegrationsEventsModule,
  ],
  controllers: [MessagesController, ReadReceiptsController],
  providers: [
    MessageRepository,
    MessagesService,
    SendMessageService,
    ReadReceiptsService,
    SendResultConsumer,
    OutboundQueue,
    ReactionTargets,
    SendResultsQueue,
    CampaignMessagesService,
  ],
  exports: [MessagesService, CampaignMessagesService, SendMessageService],
})
export class MessagesModule {}
