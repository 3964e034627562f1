import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UploadedFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  type HeaderSampleDto,
  type Page,
  TEMPLATE_MEDIA_HEADER_FORMATS,
  type TemplateDto,
  type TemplateSyncResultDto,
} from '@aerostic/shared';
import { Roles } from '../auth/roles.decorator';
import { ReqMeta, type RequestMeta } from '../common/http/request-meta.decorator';
import { CurrentTenant } from '../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { FileUpload } from '../media/file-upload.decorator';
import {
  CreateTemplateDto,
  ListTemplatesQueryDto,
  SyncTemplatesDto,
  TemplateIdParamDto,
  UploadHeaderSampleDto,
} from './dto/templates.dto';
import { TemplatesService } from './templates.service';

/**
 * Every member may read templates (agents pick them in the inbox); creating, syncing and deleting changes
 * what the business has at Meta, so only admins do it.
 */
@ApiTags('templates')
@ApiBearerAuth()
@Controller('templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  list(@CurrentTenant() principal: Principal, @Query() query: ListTemplatesQueryDto): Promise<Page<TemplateDto>> {
    return this.templates.list(principal, query);
  }

  @Post()
  @Roles('admin')
  create(
    @CurrentTenant() principal: Principal,
    @Body() body: CreateTemplateDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<TemplateDto> {
    return this.templates.create(principal, body, meta);
  }

  /**
   * The sample Meta reviews an IMAGE, VIDEO or DOCUMENT header with: uploaded with the chosen number's token;
   * answers the handle to put in the header's `example.header_handle`.
   */
  @Post('header-samples')
  @Roles('admin')
  @FileUpload({ format: { type: 'string', enum: [...TEMPLATE_MEDIA_HEADER_FORMATS] } })
  uploadHeaderSample(
    @CurrentTenant() principal: Principal,
    @Body() body: UploadHeaderSampleDto,
    @UploadedFile() file: Express.Multer.File | undefined,
    @ReqMeta() meta: RequestMeta,
  ): Promise<HeaderSampleDto> {
    return this.templates.uploadHeaderSample(principal, body, file, meta);
  }

  @Post('sync')
  @Roles('admin')
  @HttpCode(200)
  sync(
    @CurrentTenant() principal: Principal,
    @Body() body: SyncTemplatesDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<TemplateSyncResultDto> {
    return this.templates.sync(principal, body, meta);
  }

  @Get(':id')
  findOne(@CurrentTenant() principal: Principal, @Param() params: TemplateIdParamDto): Promise<TemplateDto> {
    return this.templates.findOne(principal, params.id);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  delete(
    @CurrentTenant() principal: Principal,
    @Param() params: TemplateIdParamDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<void> {
    return this.templates.delete(principal, params.id, meta);
  }
}
