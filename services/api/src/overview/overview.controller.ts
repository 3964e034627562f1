import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type OverviewDto } from '@aerostic/shared';
import { CurrentTenant } from '../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { OverviewQueryDto } from './dto/overview.dto';
import { OverviewService } from './overview.service';

/** The dashboard's first page; every member sees it. */
@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class OverviewController {
  constructor(private readonly overview: OverviewService) {}

  /** Today's inbound, outbound and failed messages, open and unassigned conversations, the latest conversations. */
  @Get('overview')
  get(@CurrentTenant() principal: Principal, @Query() query: OverviewQueryDto): Promise<OverviewDto> {
    return this.overview.get(principal, query);
  }
}
