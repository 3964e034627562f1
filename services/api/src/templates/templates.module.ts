import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogsModule } from '../audit-logs/audit-logs.module';
import { Template } from '../database/entities';
import { WhatsAppModule } from '../whatsapp/whatsapp.module';
import { TemplateRepository } from './template.repository';
import { TemplatesController } from './templates.controller';
import { TemplatesService } from './templates.service';

@Module({
  imports: [TypeOrmModule.forFeature([Template]), AuditLogsModule, WhatsAppModule],
  controllers: [TemplatesController],
  providers: [TemplateRepository, TemplatesService],
})
export class TemplatesModule {}
