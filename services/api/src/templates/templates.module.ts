import { Module } from '@nestjs/common';
import { AuditLogsModule } from '../audit-logs/audit-logs.module';
import { RealtimeEventsModule } from '../realtime/realtime-events.module';
import { WhatsAppModule } from '../whatsapp/whatsapp.module';
import { TemplateRepository } from './template.repository';
import { TemplatesController } from './templates.controller';
import { TemplatesService } from './templates.service';

@Module({
  imports: [AuditLogsModule, WhatsAppModule, RealtimeEventsModule],
  controllers: [TemplatesController],
  providers: [TemplateRepository, TemplatesService],
  exports: [TemplatesService],
})
export class TemplatesModule {}
