import { Body, Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  type CampaignAudienceCsvResult,
  type CampaignDto,
  type CampaignPreviewDto,
  type CampaignRecipientDto,
  type Page,
} from '@aerostic/shared';
import { Roles } from '../auth/roles.decorator';
import { ReqMeta, type RequestMeta } from '../common/http/request-meta.decorator';
import { CurrentTenant } from '../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { CsvBody } from '../contacts/csv-body.decorator';
import { CampaignsService } from './campaigns.service';
import {
  CampaignIdParamDto,
  CreateCampaignDto,
  ExportCampaignRecipientsQueryDto,
  ListCampaignRecipientsQueryDto,
  ListCampaignsQueryDto,
  PreviewCampaignDto,
  PreviewPageQueryDto,
} from './dto/campaigns.dto';

/**
 * Any member may follow campaigns and their reports. Creating and controlling them is admin-only: a campaign
 * writes to thousands of customers and spends the workspace's money; the CSV export hands over the audience.
 */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get()
  list(@CurrentTenant() principal: Principal, @Query() query: ListCampaignsQueryDto): Promise<Page<CampaignDto>> {
    return this.campaigns.list(principal, query);
  }

  /** Without `scheduledAt` the campaign starts now. */
  @Post()
  @Roles('admin')
  create(
    @CurrentTenant() principal: Principal,
    @Body() body: CreateCampaignDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<CampaignDto> {
    return this.campaigns.create(principal, body, meta);
  }

  /** What creating this campaign would do; a page of recipients with their message (`?limit=&cursor=`). */
  @Post('preview')
  @Roles('admin')
  @HttpCode(200)
  preview(
    @CurrentTenant() principal: Principal,
    @Body() body: PreviewCampaignDto,
    @Query() page: PreviewPageQueryDto,
  ): Promise<CampaignPreviewDto> {
    return this.campaigns.preview(principal, body, page);
  }

  /** The body is a contacts CSV (as `POST /contacts/import`); the saved rows' ids go in `audience.contactIds`. */
  @Post('audience.csv')
  @Roles('admin')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'phone,name,city\n+44 7700 900123,Ada,Leeds' } })
  importAudience(
    @CurrentTenant() principal: Principal,
    @CsvBody() csv: string,
    @ReqMeta() meta: RequestMeta,
  ): Promise<CampaignAudienceCsvResult> {
    return this.campaigns.importAudienceCsv(principal, csv, meta);
  }

  @Get(':id')
  findOne(@CurrentTenant() principal: Principal, @Param() params: CampaignIdParamDto): Promise<CampaignDto> {
    return this.campaigns.findOne(principal, params.id);
  }

  @Get(':id/recipients')
  recipients(
    @CurrentTenant() principal: Principal,
    @Param() params: CampaignIdParamDto,
    @Query() query: ListCampaignRecipientsQueryDto,
  ): Promise<Page<CampaignRecipientDto>> {
    return this.campaigns.listRecipients(principal, params.id, query);
  }

  @Get(':id/recipients.csv')
  @Roles('admin')
  @ApiProduces('text/csv')
  async exportRecipients(
    @CurrentTenant() principal: Principal,
    @Param() params: CampaignIdParamDto,
    @Query() query: ExportCampaignRecipientsQueryDto,
  ): Promise<StreamableFile> {
    return new StreamableFile(await this.campaigns.exportRecipientsCsv(principal, params.id, query), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="campaign-recipients.csv"',
    });
  }

  @Post(':id/pause')
  @Roles('admin')
  @HttpCode(200)
  pause(
    @CurrentTenant() principal: Principal,
    @Param() params: CampaignIdParamDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<CampaignDto> {
    return this.campaigns.pause(principal, params.id, meta);
  }

  @Post(':id/resume')
  @Roles('admin')
  @HttpCode(200)
  resume(
    @CurrentTenant() principal: Principal,
    @Param() params: CampaignIdParamDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<CampaignDto> {
    return this.campaigns.resume(principal, params.id, meta);
  }

  @Post(':id/cancel')
  @Roles('admin')
  @HttpCode(200)
  cancel(
    @CurrentTenant() principal: Principal,
    @Param() params: CampaignIdParamDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<CampaignDto> {
    return this.campaigns.cancel(principal, params.id, meta);
  }
}
