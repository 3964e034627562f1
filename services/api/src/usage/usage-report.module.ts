import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { ContactsModule } from '../contacts/contacts.module';
import { LimitsModule } from '../limits/limits.module';
import { UsersModule } from '../users/users.module';
import { WhatsAppModule } from '../whatsapp/whatsapp.module';
import { UsageStatsRepository } from './usage-stats.repository';
import { UsageReportService } from './usage-report.service';
import { UsageController } from './usage.controller';
import { UsageModule } from './usage.module';

/** `GET /billing/usage` and `GET/PUT /billing/budget`: apart from UsageModule, which the sending modules import. */
@Module({
  imports: [UsageModule, LimitsModule, UsersModule, WhatsAppModule, ContactsModule, CampaignsModule],
  controllers: [UsageController],
  providers: [UsageStatsRepository, UsageReportService],
})
export class UsageReportModule {}
