import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AdminWhatsAppAccountDto, type Page } from '@aerostic/shared';
import { ReqMeta, type RequestMeta } from '../../common/http/request-meta.decorator';
import { WhatsAppAdminService } from '../../whatsapp/whatsapp-admin.service';
import { type AdminPrincipal } from '../auth/admin-principal';
import { AdminRoute } from '../auth/admin-route.decorator';
import { CurrentAdmin } from '../auth/current-admin.decorator';
import { AdminWhatsAppAccountIdParamDto, ListAdminWhatsAppAccountsQueryDto } from './dto/admin-whatsapp-accounts.dto';

/** Every workspace's connected numbers and their token and quality health (the admin panel's Meta Tokens page). */
@ApiTags('admin')
@ApiBearerAuth()
@AdminRoute()
@Controller('admin/whatsapp-accounts')
export class AdminWhatsAppAccountsController {
  constructor(private readonly numbers: WhatsAppAdminService) {}

  @Get()
  list(@Query() query: ListAdminWhatsAppAccountsQueryDto): Promise<Page<AdminWhatsAppAccountDto>> {
    return this.numbers.list(query);
  }

  @Post(':id/check')
  @HttpCode(200)
  check(
    @CurrentAdmin() admin: AdminPrincipal,
    @Param() params: AdminWhatsAppAccountIdParamDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<AdminWhatsAppAccountDto> {
    return this.numbers.check(admin, meta, params.id);
  }
}
