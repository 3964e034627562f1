import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type ApiKeyDto, type CreatedApiKeyDto } from '@aerostic/shared';
import { Roles } from '../auth/roles.decorator';
import { ReqMeta, type RequestMeta } from '../common/http/request-meta.decorator';
import { CurrentTenant } from '../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyIdParamDto, CreateApiKeyDto } from './dto/api-keys.dto';

/** Admins only: a key acts for the whole workspace. Keys themselves cannot call these routes. */
@ApiTags('api-keys')
@ApiBearerAuth()
@Roles('admin')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  /** The answer holds the whole key: it is never shown again. */
  @Post()
  create(
    @CurrentTenant() principal: Principal,
    @ReqMeta() meta: RequestMeta,
    @Body() body: CreateApiKeyDto,
  ): Promise<CreatedApiKeyDto> {
    return this.apiKeys.create(principal, meta, body);
  }

  @Get()
  list(@CurrentTenant() principal: Principal): Promise<ApiKeyDto[]> {
    return this.apiKeys.list(principal);
  }

  @Delete(':id')
  @HttpCode(204)
  revoke(
    @CurrentTenant() principal: Principal,
    @ReqMeta() meta: RequestMeta,
    @Param() params: ApiKeyIdParamDto,
  ): Promise<void> {
    return this.apiKeys.revoke(principal, meta, params.id);
  }
}
