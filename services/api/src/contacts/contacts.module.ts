import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogsModule } from '../audit-logs/audit-logs.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { Contact } from '../database/entities';
import { ContactRepository } from './contact.repository';
import { ContactsController } from './contacts.controller';
import { ContactsService } from './contacts.service';

@Module({
  imports: [TypeOrmModule.forFeature([Contact]), AuditLogsModule, ConversationsModule],
  controllers: [ContactsController],
  providers: [ContactRepository, ContactsService],
  exports: [ContactRepository],
})
export class ContactsModule {}
