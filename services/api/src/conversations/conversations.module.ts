import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Conversation, ConversationNote, Message } from '../database/entities';
import { RealtimeModule } from '../realtime/realtime.module';
import { UsersModule } from '../users/users.module';
import { WhatsAppModule } from '../whatsapp/whatsapp.module';
import { ConversationRepository } from './conversation.repository';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';
import { ReadReceiptQueue } from './read-receipt-queue';

@Module({
  imports: [
    TypeOrmModule.forFeature([Conversation, ConversationNote, Message]),
    UsersModule,
    RealtimeModule,
    WhatsAppModule,
  ],
  controllers: [ConversationsController],
  providers: [ConversationRepository, ConversationsService, ReadReceiptQueue],
  exports: [ConversationRepository, ConversationsService],
})
export class ConversationsModule {}
