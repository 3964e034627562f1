import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module';
import { MediaModule } from '../media/media.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { WhatsAppModule } from '../whatsapp/whatsapp.module';
import { InboundRepository } from './inbound.repository';
import { InboundService } from './inbound.service';
import { ReactionTargets } from './reaction-targets';
import { MetaWebhookConsumer } from './meta-webhook.consumer';
import { SendResultConsumer } from './send-result.consumer';
import { MessagesModule } from '../messages/messages.module';

@Module({
  imports: [WhatsAppModule, ConversationsModule, MessagesModule, MediaModule, RealtimeModule],
  providers: [InboundRepository, InboundService, MetaWebhookConsumer, ReactionTargets, SendResultConsumer],
  exports: [InboundRepository],
})
export class InboundModule {}
