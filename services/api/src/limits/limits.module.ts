import { Module } from '@nestjs/common';
import { BillingCoreModule } from '../billing/billing-core.module';
import { LimitRepository } from './limit.repository';
import { LimitsService } from './limits.service';

/** Quotas: imported by every module whose actions a limit stops; it imports none of them, only the plans. */
@Module({
  imports: [BillingCoreModule],
  providers: [LimitRepository, LimitsService],
  exports: [LimitsService],
})
export class LimitsModule {}
