import { Module } from '@nestjs/common';
import { AuditLogsModule } from '../../audit-logs/audit-logs.module';
import { UsageModule } from '../../usage/usage.module';
import { AdminRateCardController } from './admin-rate-card.controller';
import { AdminRateCardService } from './admin-rate-card.service';

/** `GET/PUT /admin/rate-card`: Meta's rates, kept by the usage module. */
@Module({
  imports: [UsageModule, AuditLogsModule],
  controllers: [AdminRateCardController],
  providers: [AdminRateCardService],
})
export class AdminRateCardModule {}
