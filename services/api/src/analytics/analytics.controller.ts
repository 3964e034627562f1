import { Controller, Get, Headers, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentTenant } from '../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { AnalyticsQueryDto } from './dto/analytics-query.dto';
import { AnalyticsService, type ReportAnswer } from './analytics.service';

/**
 * The tenant's analytics, for every member: `from` and `to` are days in the tenant's time zone, both inclusive. Each
 * report is also a CSV download with `?format=csv` or `Accept: text/csv`.
 */
@ApiTags('analytics')
@ApiBearerAuth()
@ApiProduces('application/json', 'text/csv')
@Controller('analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('summary')
  summary(
    @CurrentTenant() principal: Principal,
    @Query() query: AnalyticsQueryDto,
    @Headers('accept') accept?: string,
  ): Promise<ReportAnswer<'summary'>> {
    return this.analytics.report(principal, 'summary', query, accept);
  }

  /** One row per day of the range, days without traffic included. */
  @Get('daily')
  daily(
    @CurrentTenant() principal: Principal,
    @Query() query: AnalyticsQueryDto,
    @Headers('accept') accept?: string,
  ): Promise<ReportAnswer<'daily'>> {
    return this.analytics.report(principal, 'daily', query, accept);
  }

  @Get('agents')
  agents(
    @CurrentTenant() principal: Principal,
    @Query() query: AnalyticsQueryDto,
    @Headers('accept') accept?: string,
  ): Promise<ReportAnswer<'agents'>> {
    return this.analytics.report(principal, 'agents', query, accept);
  }

  @Get('numbers')
  numbers(
    @CurrentTenant() principal: Principal,
    @Query() query: AnalyticsQueryDto,
    @Headers('accept') accept?: string,
  ): Promise<ReportAnswer<'numbers'>> {
    return this.analytics.report(principal, 'numbers', query, accept);
  }

  @Get('templates')
  templates(
    @CurrentTenant() principal: Principal,
    @Query() query: AnalyticsQueryDto,
    @Headers('accept') accept?: string,
  ): Promise<ReportAnswer<'templates'>> {
    return this.analytics.report(principal, 'templates', query, accept);
  }

  /** Campaigns started in the range. */
  @Get('campaigns')
  campaigns(
    @CurrentTenant() principal: Principal,
    @Query() query: AnalyticsQueryDto,
    @Headers('accept') accept?: string,
  ): Promise<ReportAnswer<'campaigns'>> {
    return this.analytics.report(principal, 'campaigns', query, accept);
  }
}
