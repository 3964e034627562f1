import { Module } from '@nestjs/common';
import { AuditLogsModule } from '../../audit-logs/audit-logs.module';
import { BillingCoreModule } from '../../billing/billing-core.module';
import { AdminPlansController } from './admin-plans.controller';
import { AdminPlansService } from './admin-plans.service';

/** `/admin/plans`: the plans tenants choose from. */
@Module({
  imports: [BillingCoreModule, AuditLogsModule],
  controllers: [AdminPlansController],
  providers: [AdminPlansService],
})
export class AdminPlansModule {}
