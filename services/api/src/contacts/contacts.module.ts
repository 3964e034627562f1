import { Module } from '@nestjs/common';
import { AuditLogsModule } from '../audit-logs/audit-logs.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { IntegrationsEventsModule } from '../integrations/integrations-events.module';
import { LimitsModule } from '../limits/limits.module';
import { MessagesModule } from '../messages/messages.module';
import { WhatsAppModule } from '../whatsapp/whatsapp.module';
import { ContactRepository } from './contact.repository';
import { ContactsController } from './contacts.controller';
import { ContactsService } from './contacts.service';

@Module({
  imports: [
    AuditLogsModule,
    ConversationsModule,
    WhatsAppModule,
    LimitsModule,
    MessagesModule,
    IntegrationsEventsModule,
  ],
  controllers: [ContactsController],
  providers: [ContactRepository, ContactsService],
  exports: [ContactsService],
})
export class ContactsModule {}
