import { type Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import {
  type AdminAuditLogDto,
  type AdminAuditLogsFilter,
  type AdminAuditLogsQuery,
  type Page,
} from '@aerostic/shared';
import { AuditLogsService } from '../../audit-logs/audit-logs.service';
import { type RequestMeta } from '../../common/http/request-meta.decorator';
import { type AdminPrincipal } from '../auth/admin-principal';

@Injectable()
export class AdminAuditLogsService {
  constructor(private readonly auditLogs: AuditLogsService) {}

  list(query: AdminAuditLogsQuery): Promise<Page<AdminAuditLogDto>> {
    return this.auditLogs.listAcrossTenants(query);
  }

  /** An export is itself recorded, with its filters, before the file starts. */
  async exportCsv(admin: AdminPrincipal, meta: RequestMeta, filter: AdminAuditLogsFilter): Promise<Readable> {
    await this.auditLogs.recordByAdmin(admin, meta, 'audit_logs.exported', {
      tenantId: filter.tenantId ?? null,
      metadata: {
        filters: {
          ...filter,
          ...(filter.from && { from: filter.from.toISOString() }),
          ...(filter.to && { to: filter.to.toISOString() }),
        },
      },
    });
    return this.auditLogs.exportCsvAcrossTenants(filter);
  }
}
