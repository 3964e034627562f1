import { Module } from '@nestjs/common';
import { AuditLogsModule } from '../audit-logs/audit-logs.module';
import { ContactsModule } from '../contacts/contacts.module';
import { LimitsModule } from '../limits/limits.module';
import { MessagesModule } from '../messages/messages.module';
import { RealtimeEventsModule } from '../realtime/realtime-events.module';
import { TemplatesModule } from '../templates/templates.module';
import { WhatsAppModule } from '../whatsapp/whatsapp.module';
import { CampaignRepository } from './campaign.repository';
import { CampaignsController } from './campaigns.controller';
import { CampaignsService } from './campaigns.service';

/** Broadcast campaigns: the only module that writes `campaigns` and `campaign_recipients` (docs/adr/0116). */
@Module({
  imports: [
    AuditLogsModule,
    ContactsModule,
    LimitsModule,
    MessagesModule,
    RealtimeEventsModule,
    TemplatesModule,
    WhatsAppModule,
  ],
  controllers: [CampaignsController],
  providers: [CampaignRepository, CampaignsService],
  exports: [CampaignsService],
})
export class CampaignsModule {}
