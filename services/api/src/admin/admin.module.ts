import { Module } from '@nestjs/common';
import { AdminsModule } from './admins/admins.module';
import { AdminAnalyticsModule } from './analytics/admin-analytics.module';
import { AdminAuditLogsModule } from './audit-logs/admin-audit-logs.module';
import { AdminAuthModule } from './auth/admin-auth.module';
import { AdminInvoicesModule } from './invoices/admin-invoices.module';
import { AdminLimitsModule } from './limits/admin-limits.module';
import { AdminOverviewModule } from './overview/admin-overview.module';
import { AdminPlansModule } from './plans/admin-plans.module';
import { AdminQueuesModule } from './queues/admin-queues.module';
import { AdminRateCardModule } from './rate-card/admin-rate-card.module';
import { AdminTenantsModule } from './tenants/admin-tenants.module';
import { AdminWhatsAppAccountsModule } from './whatsapp-accounts/admin-whatsapp-accounts.module';

/** The platform administration API (`/admin/...`), for the company's own admins only. */
@Module({
  imports: [
    AdminAuthModule,
    AdminsModule,
    AdminTenantsModule,
    AdminOverviewModule,
    AdminAuditLogsModule,
    AdminQueuesModule,
    AdminLimitsModule,
    AdminPlansModule,
    AdminWhatsAppAccountsModule,
    AdminInvoicesModule,
    AdminRateCardModule,
    AdminAnalyticsModule,
  ],
})
export class AdminModule {}
