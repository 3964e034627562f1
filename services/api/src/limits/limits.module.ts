import { Module } from '@nestjs/common';
import { LimitRepository } from './limit.repository';
import { LimitsService } from './limits.service';

/** Quotas: imported by every module whose actions a limit stops; it imports none of them. */
@Module({
  providers: [LimitRepository, LimitsService],
  exports: [LimitsService],
})
export class LimitsModule {}
