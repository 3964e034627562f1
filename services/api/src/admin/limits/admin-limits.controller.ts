import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type LimitValues, type TenantLimitsDto } from '@aerostic/shared';
import { ReqMeta, type RequestMeta } from '../../common/http/request-meta.decorator';
import { IdParamDto } from '../../users/dto/users.dto';
import { type AdminPrincipal } from '../auth/admin-principal';
import { AdminRoute, SuperAdminRoute } from '../auth/admin-route.decorator';
import { CurrentAdmin } from '../auth/current-admin.decorator';
import { AdminLimitsService } from './admin-limits.service';
import { UpdateLimitDefaultsDto, UpdateTenantLimitsDto } from './dto/admin-limits.dto';

/** Quotas: every admin reads them, only super admins change them. A null maximum is unlimited. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
export class AdminLimitsController {
  constructor(private readonly limits: AdminLimitsService) {}

  /** The platform defaults, which every workspace without an override follows. */
  @Get('limits')
  @AdminRoute()
  defaults(): Promise<LimitValues> {
    return this.limits.defaults();
  }

  @Put('limits')
  @SuperAdminRoute()
  updateDefaults(
    @CurrentAdmin() admin: AdminPrincipal,
    @Body() body: UpdateLimitDefaultsDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<LimitValues> {
    return this.limits.updateDefaults(admin, body, meta);
  }

  @Get('tenants/:id/limits')
  @AdminRoute()
  forTenant(@Param() params: IdParamDto): Promise<TenantLimitsDto> {
    return this.limits.forTenant(params.id);
  }

  /** Replaces the workspace's overrides: a limit left out of `overrides` follows the platform default again. */
  @Put('tenants/:id/limits')
  @SuperAdminRoute()
  updateForTenant(
    @CurrentAdmin() admin: AdminPrincipal,
    @Param() params: IdParamDto,
    @Body() body: UpdateTenantLimitsDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<TenantLimitsDto> {
    return this.limits.updateForTenant(admin, params.id, body, meta);
  }
}
