import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type ChatEntryPointDto } from '@aerostic/shared';
import { Roles } from '../auth/roles.decorator';
import { CurrentTenant } from '../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { ClickToChatService } from './click-to-chat.service';
import {
  CreateEntryPointDto,
  EntryPointIdParamDto,
  EntryPointListQueryDto,
  UpdateEntryPointDto,
} from './dto/click-to-chat.dto';

/** A number's wa.me links, QR codes and website widgets: admins set them up, as they do the numbers. */
@ApiTags('click-to-chat')
@ApiBearerAuth()
@Roles('admin')
@Controller('click-to-chat/entry-points')
export class EntryPointsController {
  constructor(private readonly clickToChat: ClickToChatService) {}

  @Post()
  create(@CurrentTenant() principal: Principal, @Body() body: CreateEntryPointDto): Promise<ChatEntryPointDto> {
    return this.clickToChat.create(principal, body);
  }

  @Get()
  list(@CurrentTenant() principal: Principal, @Query() query: EntryPointListQueryDto): Promise<ChatEntryPointDto[]> {
    return this.clickToChat.list(principal, query.whatsappAccountId);
  }

  @Get(':id')
  findOne(@CurrentTenant() principal: Principal, @Param() params: EntryPointIdParamDto): Promise<ChatEntryPointDto> {
    return this.clickToChat.findOne(principal, params.id);
  }

  @Patch(':id')
  update(
    @CurrentTenant() principal: Principal,
    @Param() params: EntryPointIdParamDto,
    @Body() body: UpdateEntryPointDto,
  ): Promise<ChatEntryPointDto> {
    return this.clickToChat.update(principal, params.id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentTenant() principal: Principal, @Param() params: EntryPointIdParamDto): Promise<void> {
    return this.clickToChat.remove(principal, params.id);
  }

  @Get(':id/qr.png')
  qrPng(@CurrentTenant() principal: Principal, @Param() params: EntryPointIdParamDto): Promise<StreamableFile> {
    return this.clickToChat.qrCode(principal, params.id, 'png');
  }

  @Get(':id/qr.svg')
  qrSvg(@CurrentTenant() principal: Principal, @Param() params: EntryPointIdParamDto): Promise<StreamableFile> {
    return this.clickToChat.qrCode(principal, params.id, 'svg');
  }
}
