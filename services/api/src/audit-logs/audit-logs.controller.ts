import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type AuditLogDto, type Page } from '@aerostic/shared';
import { Roles } from '../auth/roles.decorator';
import { CurrentTenant } from '../common/tenant-context/current-tenant.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { AuditLogsService } from './audit-logs.service';
import { ListAuditLogsQueryDto } from './dto/list-audit-logs.dto';

@ApiTags('audit-logs')
@ApiBearerAuth()
@Controller('audit-logs')
export class AuditLogsController {
  constructor(private readonly auditLogs: AuditLogsService) {}

  @Get()
  @Roles('admin')
  list(@CurrentTenant() principal: Principal, @Query() query: ListAuditLogsQueryDto): Promise<Page<AuditLogDto>> {
    return this.auditLogs.list(principal, query);
  }
}
