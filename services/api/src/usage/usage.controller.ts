import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type MetaBudgetDto, type UsageReportDto } from '@aerostic/shared';
import { Roles } from '../auth/roles.decorator';
import { ReqMeta, type RequestMeta } from '../common/http/request-meta.decorator';
import { CurrentTenant } from '../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { MetaBudgetBodyDto, UsageQueryDto } from './dto/usage.dto';
import { MetaBudgetService } from './meta-budget.service';
import { UsageReportService } from './usage-report.service';

/** Any member may read usage and the budget (docs/adr/0129); only admins set the budget, which stops marketing. */
@ApiTags('billing')
@ApiBearerAuth()
@Controller('billing')
export class UsageController {
  constructor(
    private readonly reports: UsageReportService,
    private readonly budgets: MetaBudgetService,
  ) {}

  @Get('usage')
  usage(@CurrentTenant() principal: Principal, @Query() query: UsageQueryDto): Promise<UsageReportDto> {
    return this.reports.report(principal.tenantId, query);
  }

  @Get('budget')
  budget(@CurrentTenant() principal: Principal): Promise<MetaBudgetDto> {
    return this.budgets.get(principal.tenantId);
  }

  @Put('budget')
  @Roles('admin')
  updateBudget(
    @CurrentTenant() principal: Principal,
    @Body() body: MetaBudgetBodyDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<MetaBudgetDto> {
    return this.budgets.update(principal, body, meta);
  }
}
