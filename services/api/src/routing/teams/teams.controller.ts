import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Page, type TeamDto } from '@aerostic/shared';
import { Roles } from '../../auth/roles.decorator';
import { ReqMeta, type RequestMeta } from '../../common/http/request-meta.decorator';
import { CurrentTenant } from '../../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../../common/tenant-context/principal';
import { IdParamDto, ListUsersQueryDto } from '../../users/dto/users.dto';
import { CreateTeamDto, UpdateTeamDto } from '../dto/teams.dto';
import { TeamsService } from './teams.service';

/** Teams of members; admins manage them, every member reads them (the inbox filters by team). */
@ApiTags('teams')
@ApiBearerAuth()
@Controller('teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  list(@CurrentTenant() principal: Principal, @Query() query: ListUsersQueryDto): Promise<Page<TeamDto>> {
    return this.teams.list(principal, query);
  }

  @Get(':id')
  findOne(@CurrentTenant() principal: Principal, @Param() params: IdParamDto): Promise<TeamDto> {
    return this.teams.findOne(principal, params.id);
  }

  @Post()
  @Roles('admin')
  create(
    @CurrentTenant() principal: Principal,
    @Body() body: CreateTeamDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<TeamDto> {
    return this.teams.create(principal, body, meta);
  }

  @Patch(':id')
  @Roles('admin')
  update(
    @CurrentTenant() principal: Principal,
    @Param() params: IdParamDto,
    @Body() body: UpdateTeamDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<TeamDto> {
    return this.teams.update(principal, params.id, body, meta);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  remove(
    @CurrentTenant() principal: Principal,
    @Param() params: IdParamDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<void> {
    return this.teams.remove(principal, params.id, meta);
  }
}
