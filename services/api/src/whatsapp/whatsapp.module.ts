import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogsModule } from '../audit-logs/audit-logs.module';
import { WhatsAppAccount } from '../database/entities';
import { GraphClient } from './graph-client';
import { SecretBox } from './secret-box';
import { WhatsAppAccountRepository } from './whatsapp-account.repository';
import { WhatsAppController } from './whatsapp.controller';
import { WhatsAppService } from './whatsapp.service';

@Module({
  imports: [TypeOrmModule.forFeature([WhatsAppAccount]), AuditLogsModule],
  controllers: [WhatsAppController],
  providers: [GraphClient, SecretBox, WhatsAppAccountRepository, WhatsAppService],
  exports: [GraphClient, SecretBox, WhatsAppAccountRepository],
})
export class WhatsAppModule {}
