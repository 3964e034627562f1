import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type WhatsAppAccountDto } from '@aerostic/shared';
import { Roles } from '../auth/roles.decorator';
import { ReqMeta, type RequestMeta } from '../common/http/request-meta.decorator';
import { CurrentTenant } from '../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { IdParamDto } from '../users/dto/users.dto';
import { EmbeddedSignupDto } from './dto/whatsapp.dto';
import { WhatsAppService } from './whatsapp.service';

@ApiTags('whatsapp')
@ApiBearerAuth()
@Controller('whatsapp')
export class WhatsAppController {
  constructor(private readonly whatsapp: WhatsAppService) {}

  @Post('embedded-signup')
  @Roles('admin')
  connect(
    @CurrentTenant() principal: Principal,
    @Body() body: EmbeddedSignupDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<WhatsAppAccountDto> {
    return this.whatsapp.connect(principal, body, meta);
  }

  @Get('accounts')
  list(@CurrentTenant() principal: Principal): Promise<WhatsAppAccountDto[]> {
    return this.whatsapp.list(principal);
  }

  @Get('accounts/:id')
  findOne(@CurrentTenant() principal: Principal, @Param() params: IdParamDto): Promise<WhatsAppAccountDto> {
    return this.whatsapp.findOne(principal, params.id);
  }

  @Delete('accounts/:id')
  @Roles('admin')
  @HttpCode(204)
  disconnect(
    @CurrentTenant() principal: Principal,
    @Param() params: IdParamDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<void> {
    return this.whatsapp.disconnect(principal, params.id, meta);
  }
}
