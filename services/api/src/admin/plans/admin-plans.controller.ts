import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type PlanDto } from '@aerostic/shared';
import { ReqMeta, type RequestMeta } from '../../common/http/request-meta.decorator';
import { IdParamDto } from '../../users/dto/users.dto';
import { type AdminPrincipal } from '../auth/admin-principal';
import { AdminRoute, SuperAdminRoute } from '../auth/admin-route.decorator';
import { CurrentAdmin } from '../auth/current-admin.decorator';
import { AdminPlansService } from './admin-plans.service';
import { CreatePlanDto, UpdatePlanDto } from './dto/admin-plans.dto';

/** The plans, active or not: every admin reads them, only super admins create and edit them (audited). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/plans')
export class AdminPlansController {
  constructor(private readonly plans: AdminPlansService) {}

  @Get()
  @AdminRoute()
  list(): Promise<PlanDto[]> {
    return this.plans.list();
  }

  @Post()
  @SuperAdminRoute()
  create(
    @CurrentAdmin() admin: AdminPrincipal,
    @Body() body: CreatePlanDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<PlanDto> {
    return this.plans.create(admin, body, meta);
  }

  /** Quotas and prices given are replaced whole; subscribers get new quotas at once, new prices on the next invoice. */
  @Patch(':id')
  @SuperAdminRoute()
  update(
    @CurrentAdmin() admin: AdminPrincipal,
    @Param() params: IdParamDto,
    @Body() body: UpdatePlanDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<PlanDto> {
    return this.plans.update(admin, params.id, body, meta);
  }
}
