import { Module } from '@nestjs/common';
import { AuditLogsModule } from '../audit-logs/audit-logs.module';
import { AuthModule } from '../auth/auth.module';
import { LimitsModule } from '../limits/limits.module';
import { MailModule } from '../mail/mail.module';
import { RealtimeEventsModule } from '../realtime/realtime-events.module';
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
  // AuthModule: the email verification that connecting a number waits for (docs/adr/0159).
  imports: [AuditLogsModule, LimitsModule, RealtimeEventsModule, AuthModule, MailModule],
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
