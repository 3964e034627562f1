import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AdminInvitationDto, type CreatedAdminInvitationDto, type PlatformAdminDto } from '@aerostic/shared';
import { ReqMeta, type RequestMeta } from '../../common/http/request-meta.decorator';
import { type AdminPrincipal } from '../auth/admin-principal';
import { SuperAdminRoute } from '../auth/admin-route.decorator';
import { CurrentAdmin } from '../auth/current-admin.decorator';
import { AdminsService } from './admins.service';
import { AdminIdParamDto, CreateAdminInvitationDto, UpdatePlatformAdminDto } from './dto/admins.dto';

/** The platform's own admins and their invitations; super admins only. */
@ApiTags('admin')
@ApiBearerAuth()
@SuperAdminRoute()
@Controller('admin/admins')
export class AdminsController {
  constructor(private readonly admins: AdminsService) {}

  @Get()
  list(): Promise<PlatformAdminDto[]> {
    return this.admins.list();
  }

  @Get('invitations')
  listInvitations(): Promise<AdminInvitationDto[]> {
    return this.admins.listInvitations();
  }

  @Post('invitations')
  invite(
    @CurrentAdmin() admin: AdminPrincipal,
    @Body() body: CreateAdminInvitationDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<CreatedAdminInvitationDto> {
    return this.admins.invite(admin, body, meta);
  }

  @Delete('invitations/:id')
  @HttpCode(204)
  revokeInvitation(
    @CurrentAdmin() admin: AdminPrincipal,
    @Param() params: AdminIdParamDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<void> {
    return this.admins.revokeInvitation(admin, params.id, meta);
  }

  @Patch(':id')
  update(
    @CurrentAdmin() admin: AdminPrincipal,
    @Param() params: AdminIdParamDto,
    @Body() body: UpdatePlatformAdminDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<PlatformAdminDto> {
    return this.admins.update(admin, params.id, body, meta);
  }
}
