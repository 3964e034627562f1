import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Conversation, ConversationNote } from '../database/entities';
import { RealtimeModule } from '../realtime/realtime.module';
import { UsersModule } from '../users/users.module';
import { ConversationRepository } from './conversation.repository';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';

@Module({
  imports: [TypeOrmModule.forFeature([Conversation, ConversationNote]), UsersModule, RealtimeModule],
  controllers: [ConversationsController],
  providers: [ConversationRepository, ConversationsService],
  exports: [ConversationRepository, ConversationsService],
})
export class ConversationsModule {}
