import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  type CreatedInvitationDto,
  type InvitationDto,
  type Page,
  type PresenceDto,
  type TeamMemberDto,
  type UserDto,
} from '@aerostic/shared';
import { Roles } from '../auth/roles.decorator';
import { ReqMeta, type RequestMeta } from '../common/http/request-meta.decorator';
import { CurrentTenant } from '../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { CreateInvitationDto, IdParamDto, ListUsersQueryDto, SetPresenceDto, UpdateUserDto } from './dto/users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(@CurrentTenant() principal: Principal, @Query() query: ListUsersQueryDto): Promise<Page<TeamMemberDto>> {
    return this.users.list(principal, query);
  }

  @Get('invitations')
  @Roles('admin')
  listInvitations(
    @CurrentTenant() principal: Principal,
    @Query() query: ListUsersQueryDto,
  ): Promise<Page<InvitationDto>> {
    return this.users.listInvitations(principal, query);
  }

  @Post('invitations')
  @Roles('admin')
  invite(
    @CurrentTenant() principal: Principal,
    @Body() body: CreateInvitationDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<CreatedInvitationDto> {
    return this.users.invite(principal, body, meta);
  }

  @Delete('invitations/:id')
  @Roles('admin')
  @HttpCode(204)
  revokeInvitation(
    @CurrentTenant() principal: Principal,
    @Param() params: IdParamDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<void> {
    return this.users.revokeInvitation(principal, params.id, meta);
  }

  @Get('me/presence')
  getPresence(@CurrentTenant() principal: Principal): Promise<PresenceDto> {
    return this.users.getPresence(principal);
  }

  /** Online or away: every member sets their own (offline is a closed dashboard, never chosen). */
  @Put('me/presence')
  setPresence(@CurrentTenant() principal: Principal, @Body() body: SetPresenceDto): Promise<PresenceDto> {
    return this.users.setPresence(principal, body);
  }

  @Get(':id')
  findOne(@CurrentTenant() principal: Principal, @Param() params: IdParamDto): Promise<UserDto> {
    return this.users.findOne(principal, params.id);
  }

  @Patch(':id')
  @Roles('admin')
  update(
    @CurrentTenant() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: UpdateUserDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<UserDto> {
    return this.users.update(principal, params.id, body, meta);
  }
}
