import { Module } from '@nestjs/common';
import { AuditLogsModule } from '../audit-logs/audit-logs.module';
import { LimitsModule } from '../limits/limits.module';
import { GraphClient } from './graph-client';
import { SecretBox } from '../common/crypto/secret-box';
import { MessagingLimitService } from './messaging-limit.service';
import { NumberHealthConsumer } from './number-health.consumer';
import { NumberHealthQueue } from './number-health-queue';
import { NumberHealthService } from './number-health.service';
import { WhatsAppAccountRepository } from './whatsapp-account.repository';
import { WhatsAppAccountsService } from './whatsapp-accounts.service';
import { WhatsAppAdminService } from './whatsapp-admin.service';
import { WhatsAppController } from './whatsapp.controller';
import { WhatsAppService } from './whatsapp.service';

@Module({
  imports: [AuditLogsModule, LimitsModule],
  controllers: [WhatsAppController],
  providers: [
    GraphClient,
    SecretBox,
    WhatsAppAccountRepository,
    WhatsAppService,
    WhatsAppAccountsService,
    NumberHealthService,
    NumberHealthQueue,
    NumberHealthConsumer,
    WhatsAppAdminService,
    MessagingLimitService,
  ],
  exports: [GraphClient, SecretBox, WhatsAppAccountsService, WhatsAppAdminService, MessagingLimitService],
})
export class WhatsAppModule {}
