import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConversationsModule } from '../conversations/conversations.module';
import { Message, Template } from '../database/entities';
import { MediaStorageModule } from '../media/media-storage.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { WhatsAppModule } from '../whatsapp/whatsapp.module';
import { MessageRepository } from './message.repository';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';
import { OutboundQueue } from './outbound-queue';
import { SendMessageService } from './send-message.service';
import { TemplateLookupRepository } from './template-lookup.repository';

@Module({
  imports: [
    TypeOrmModule.forFeature([Message, Template]),
    ConversationsModule,
    WhatsAppModule,
    RealtimeModule,
    MediaStorageModule,
  ],
  controllers: [MessagesController],
  providers: [MessageRepository, MessagesService, SendMessageService, OutboundQueue, TemplateLookupRepository],
  exports: [MessageRepository],
})
export class MessagesModule {}
