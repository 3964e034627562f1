import { Module } from '@nestjs/common';
import { AutomationModule } from '../automation/automation.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { ClickToChatModule } from '../click-to-chat/click-to-chat.module';
import { ContactsModule } from '../contacts/contacts.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { MediaModule } from '../media/media.module';
import { MessagesModule } from '../messages/messages.module';
import { TemplatesModule } from '../templates/templates.module';
import { UsageModule } from '../usage/usage.module';
import { WhatsAppModule } from '../whatsapp/whatsapp.module';
import { AccountWebhooksService } from './account-webhooks.service';
import { InboundService } from './inbound.service';
import { MetaWebhookConsumer } from './meta-webhook.consumer';

/** Meta's webhooks: what they mean, handed to the modules that own what they change. No SQL of its own. */
@Module({
  imports: [
    WhatsAppModule,
    ContactsModule,
    ConversationsModule,
    MessagesModule,
    TemplatesModule,
    MediaModule,
    CampaignsModule,
    AutomationModule,
    UsageModule,
    ClickToChatModule,
  ],
  providers: [InboundService, AccountWebhooksService, MetaWebhookConsumer],
})
export class InboundModule {}
