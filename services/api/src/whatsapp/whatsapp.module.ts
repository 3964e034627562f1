import { Module } from '@nestjs/common';
import { AuditLogsModule } from '../audit-logs/audit-logs.module';
import { LimitsModule } from '../limits/limits.module';
import { GraphClient } from './graph-client';
import { SecretBox } from '../common/crypto/secret-box';
import { WhatsAppAccountRepository } from './whatsapp-account.repository';
import { WhatsAppAccountsService } from './whatsapp-accounts.service';
import { WhatsAppController } from './whatsapp.controller';
import { WhatsAppService } from './whatsapp.service';

@Module({
  imports: [AuditLogsModule, LimitsModule],
  controllers: [WhatsAppController],
  providers: [GraphClient, SecretBox, WhatsAppAccountRepository, WhatsAppService, WhatsAppAccountsService],
  exports: [GraphClient, SecretBox, WhatsAppAccountsService],
})
export class WhatsAppModule {}
