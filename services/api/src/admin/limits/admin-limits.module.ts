import { Module } from '@nestjs/common';
import { AuditLogsModule } from '../../audit-logs/audit-logs.module';
import { BillingCoreModule } from '../../billing/billing-core.module';
import { CampaignsModule } from '../../campaigns/campaigns.module';
import { ContactsModule } from '../../contacts/contacts.module';
import { LimitsModule } from '../../limits/limits.module';
import { MessagesModule } from '../../messages/messages.module';
import { TenantsModule } from '../../tenants/tenants.module';
import { UsersModule } from '../../users/users.module';
import { WhatsAppModule } from '../../whatsapp/whatsapp.module';
import { AdminLimitsController } from './admin-limits.controller';
import { AdminLimitsService } from './admin-limits.service';

/** `/admin/limits` and `/admin/tenants/:id/limits`: the quotas, and each workspace's usage against them. */
@Module({
  imports: [
    LimitsModule,
    TenantsModule,
    AuditLogsModule,
    UsersModule,
    WhatsAppModule,
    ContactsModule,
    MessagesModule,
    CampaignsModule,
    BillingCoreModule,
  ],
  controllers: [AdminLimitsController],
  providers: [AdminLimitsService],
})
export class AdminLimitsModule {}
