import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AdminTenantDetailDto, type AdminTenantSummaryDto, type Page } from '@aerostic/shared';
import { ReqMeta, type RequestMeta } from '../../common/http/request-meta.decorator';
import { IdParamDto } from '../../users/dto/users.dto';
import { type AdminPrincipal } from '../auth/admin-principal';
import { AdminRoute } from '../auth/admin-route.decorator';
import { CurrentAdmin } from '../auth/current-admin.decorator';
import { AdminTenantsService } from './admin-tenants.service';
import { AdminTenantsQueryDto, ReactivateTenantDto, SuspendTenantDto } from './dto/admin-tenants.dto';

/** Every workspace of the platform; both admin roles may suspend and reactivate (support work). */
@ApiTags('admin')
@ApiBearerAuth()
@AdminRoute()
@Controller('admin/tenants')
export class AdminTenantsController {
  constructor(private readonly tenants: AdminTenantsService) {}

  @Get()
  list(@Query() query: AdminTenantsQueryDto): Promise<Page<AdminTenantSummaryDto>> {
    return this.tenants.list(query);
  }

  @Get(':id')
  findOne(@Param() params: IdParamDto): Promise<AdminTenantDetailDto> {
    return this.tenants.findOne(params.id);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  suspend(
    @CurrentAdmin() admin: AdminPrincipal,
    @Param() params: IdParamDto,
    @Body() body: SuspendTenantDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<AdminTenantSummaryDto> {
    return this.tenants.suspend(admin, meta, params.id, body.reason);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  reactivate(
    @CurrentAdmin() admin: AdminPrincipal,
    @Param() params: IdParamDto,
    @Body() body: ReactivateTenantDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<AdminTenantSummaryDto> {
    return this.tenants.reactivate(admin, meta, params.id, body.reason);
  }
}
