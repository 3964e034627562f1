import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type PlanChangeResultDto, type PlanDto, type SubscriptionDto } from '@aerostic/shared';
import { Roles } from '../auth/roles.decorator';
import { ReqMeta, type RequestMeta } from '../common/http/request-meta.decorator';
import { CurrentTenant } from '../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { ChangePlanDto } from './dto/billing.dto';
import { PlanChangesService } from './plan-changes.service';
import { PlansService } from './plans.service';
import { SubscriptionsService } from './subscriptions.service';

/** The plans offered and the workspace's subscription: every member reads them, only admins change the plan. */
@ApiTags('billing')
@ApiBearerAuth()
@Controller('billing')
export class BillingController {
  constructor(
    private readonly plans: PlansService,
    private readonly subscriptions: SubscriptionsService,
    private readonly changes: PlanChangesService,
  ) {}

  /** The active plans, in their order. */
  @Get('plans')
  listPlans(): Promise<PlanDto[]> {
    return this.plans.list(true);
  }

  @Get('subscription')
  subscription(@CurrentTenant() principal: Principal): Promise<SubscriptionDto> {
    return this.subscriptions.get(principal.tenantId);
  }

  /** An upgrade applies now (prorated on the next invoice), a downgrade at the period's end; a trial ends. */
  @Post('subscription/change')
  @HttpCode(200)
  @Roles('admin')
  change(
    @CurrentTenant() principal: Principal,
    @Body() body: ChangePlanDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<PlanChangeResultDto> {
    return this.changes.change(principal, body, meta);
  }

  /** Keeps the current plan: drops the downgrade waiting for the period's end. */
  @Delete('subscription/scheduled-change')
  @Roles('admin')
  cancelScheduledChange(@CurrentTenant() principal: Principal, @ReqMeta() meta: RequestMeta): Promise<SubscriptionDto> {
    return this.changes.cancelScheduled(principal, meta);
  }
}
