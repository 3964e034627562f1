import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConversationsModule } from '../conversations/conversations.module';
import { Message, Template } from '../database/entities';
import { MediaStorage } from '../media/media-storage';
import { RealtimeModule } from '../realtime/realtime.module';
import { WhatsAppModule } from '../whatsapp/whatsapp.module';
import { MessageRepository } from './message.repository';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';
import { OutboundQueue } from './outbound-queue';
import { SendMessageService } from './send-message.service';
import { TemplateLookupRepository } from './template-lookup.repository';

@Module({
  imports: [TypeOrmModule.forFeature([Message, Template]), ConversationsModule, WhatsAppModule, RealtimeModule],
  controllers: [MessagesController],
  providers: [
    MessageRepository,
    MessagesService,
    SendMessageService,
    OutboundQueue,
    TemplateLookupRepository,
    // Files uploaded from the inbox, attached to the message that sends them (the same disk as MediaModule's).
    MediaStorage,
  ],
  exports: [MessageRepository],
})
export class MessagesModule {}
