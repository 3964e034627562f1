import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type PlatformAnalyticsDto } from '@aerostic/shared';
import { AnalyticsService } from '../../analytics/analytics.service';
import { AdminRoute } from '../auth/admin-route.decorator';

@ApiTags('admin')
@ApiBearerAuth()
@AdminRoute()
@Controller('admin/analytics')
export class AdminAnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  /** The Control Tower's revenue and biggest tenants: MRR, tenants by plan, top tenants this month. */
  @Get()
  get(): Promise<PlatformAnalyticsDto> {
    return this.analytics.platform();
  }
}
