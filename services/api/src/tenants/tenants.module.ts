import { Module } from '@nestjs/common';
import { AuditLogsModule } from '../audit-logs/audit-logs.module';
import { BillingCoreModule } from '../billing/billing-core.module';
import { TenantRepository } from './tenant.repository';
import { TenantSuspensionFlags } from './tenant-suspension-flags';
import { TenantsController } from './tenants.controller';
import { TenantsService } from './tenants.service';

@Module({
  imports: [AuditLogsModule, BillingCoreModule],
  controllers: [TenantsController],
  providers: [TenantRepository, TenantsService, TenantSuspensionFlags],
  exports: [TenantsService],
})
export class TenantsModule {}
