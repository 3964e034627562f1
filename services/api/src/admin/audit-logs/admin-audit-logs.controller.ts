import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type AdminAuditLogDto, type Page } from '@aerostic/shared';
import { ReqMeta, type RequestMeta } from '../../common/http/request-meta.decorator';
import { type AdminPrincipal } from '../auth/admin-principal';
import { AdminRoute } from '../auth/admin-route.decorator';
import { CurrentAdmin } from '../auth/current-admin.decorator';
import { AdminAuditLogsService } from './admin-audit-logs.service';
import { AdminAuditLogsFilterDto, AdminAuditLogsQueryDto } from './dto/admin-audit-logs.dto';

/** The audit log of the whole platform: every workspace's records and the admins' own. */
@ApiTags('admin')
@ApiBearerAuth()
@AdminRoute()
@Controller('admin/audit-logs')
export class AdminAuditLogsController {
  constructor(private readonly auditLogs: AdminAuditLogsService) {}

  @Get()
  list(@Query() query: AdminAuditLogsQueryDto): Promise<Page<AdminAuditLogDto>> {
    return this.auditLogs.list(query);
  }

  /** The same filters as the list; every matching record, newest first. */
  @Get('export')
  @ApiProduces('text/csv')
  async export(
    @CurrentAdmin() admin: AdminPrincipal,
    @Query() query: AdminAuditLogsFilterDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<StreamableFile> {
    return new StreamableFile(await this.auditLogs.exportCsv(admin, meta, query), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="audit-log.csv"',
    });
  }
}
