import { Module } from '@nestjs/common';
import { AuditLogsModule } from '../audit-logs/audit-logs.module';
import { MailModule } from '../mail/mail.module';
import { RealtimeEventsModule } from '../realtime/realtime-events.module';
import { MetaBudgetRepository } from './meta-budget.repository';
import { MetaBudgetService } from './meta-budget.service';
import { MetaRateRepository } from './meta-rate.repository';
import { MetaRatesService } from './meta-rates.service';
import { UsageFolder } from './usage-folder';
import { UsageRebuildService } from './usage-rebuild.service';
import { UsageStatsRepository } from './usage-stats.repository';
import { UsageService } from './usage.service';

/**
 * Usage counting, Meta's rate card and cost, the monthly Meta budget: imported by the modules that send (the limit
 * and the budget) and by inbound (the cost of priced statuses). It imports none of them.
 */
@Module({
  imports: [AuditLogsModule, RealtimeEventsModule, MailModule],
  providers: [
    UsageStatsRepository,
    MetaRateRepository,
    MetaBudgetRepository,
    UsageService,
    MetaRatesService,
    MetaBudgetService,
    UsageFolder,
    UsageRebuildService,
  ],
  exports: [UsageService, MetaRatesService, MetaBudgetService, UsageFolder, UsageRebuildService],
})
export class UsageModule {}
