import { Module } from '@nestjs/common';
import { ConversationsModule } from '../../conversations/conversations.module';
import { LimitsModule } from '../../limits/limits.module';
import { MessagesModule } from '../../messages/messages.module';
import { TemplatesModule } from '../../templates/templates.module';
import { UsageModule } from '../../usage/usage.module';
import { WhatsAppModule } from '../../whatsapp/whatsapp.module';
import { CampaignsModule } from '../campaigns.module';
import { CampaignFeedConsumer } from './campaign-feed.consumer';
import { CampaignFeedRepository } from './campaign-feed.repository';
import { CampaignFeeder } from './campaign-feeder.service';
import { CampaignQueue } from './campaign-queue';
import { FeedGate } from './feed-gate';

/** Sends running campaigns through the message-worker (docs/adr/0117). */
@Module({
  imports: [
    CampaignsModule,
    ConversationsModule,
    MessagesModule,
    WhatsAppModule,
    TemplatesModule,
    LimitsModule,
    UsageModule,
  ],
  providers: [CampaignFeedRepository, CampaignFeeder, CampaignQueue, CampaignFeedConsumer, FeedGate],
  exports: [CampaignFeeder],
})
export class CampaignSendingModule {}
