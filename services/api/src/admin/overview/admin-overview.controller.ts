import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AdminOverviewDto } from '@aerostic/shared';
import { AdminRoute } from '../auth/admin-route.decorator';
import { AdminOverviewService } from './admin-overview.service';

@ApiTags('admin')
@ApiBearerAuth()
@AdminRoute()
@Controller('admin/overview')
export class AdminOverviewController {
  constructor(private readonly overview: AdminOverviewService) {}

  /** The Control Tower: workspaces, numbers, messages, queues and the last 30 days. */
  @Get()
  get(): Promise<AdminOverviewDto> {
    return this.overview.get();
  }
}
