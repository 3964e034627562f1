import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type TenantDto } from '@aerostic/shared';
import { Roles } from '../auth/roles.decorator';
import { ReqMeta, type RequestMeta } from '../common/http/request-meta.decorator';
import { CurrentTenant } from '../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { UpdateTenantDto } from './dto/update-tenant.dto';
import { TenantsService } from './tenants.service';

@ApiTags('tenants')
@ApiBearerAuth()
@Controller('tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Get('me')
  findMine(@CurrentTenant() principal: Principal): Promise<TenantDto> {
    return this.tenants.findOne(principal);
  }

  @Patch('me')
  @Roles('admin')
  updateMine(
    @CurrentTenant() principal: Principal,
    @Body() body: UpdateTenantDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<TenantDto> {
    return this.tenants.update(principal, body, meta);
  }
}
