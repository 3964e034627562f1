import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import {
  type AdminAuditLogDto,
  type AdminAuditLogsFilter,
  type AdminAuditLogsQuery,
  type AuditLogDto,
  type Page,
  type PageQuery,
} from '@aerostic/shared';
import { decodeCursor, type KeysetPosition, toPage } from '../common/pagination/keyset';
import { type RequestMeta } from '../common/http/request-meta.decorator';
import { type AdminPrincipal } from '../admin/auth/admin-principal';
import { type Principal } from '../common/tenant-context/principal';
import { type AuditLog } from '../database/entities';
import { type AuditAction } from './audit-actions';
import { auditLogCsvHeader, auditLogCsvRecord } from './audit-log-csv';
import { AuditLogRepository, type PlatformAuditFilter, type PlatformAuditRow } from './audit-log.repository';

/** Records read per query while an export streams. */
const EXPORT_PAGE_SIZE = 1000;

export interface AuditEntry {
  tenantId: string | null;
  actorUserId: string | null;
  actorAdminId?: string | null;
  action: AuditAction;
  ip: string | null;
  target?: { type: string; id: string };
  metadata?: Record<string, unknown>;
}

@Injectable()
export class AuditLogsService {
  constructor(private readonly auditLogs: AuditLogRepository) {}

  /** Inside `Transactions.run`, the record commits, or rolls back, with the change it describes. */
  record(entry: AuditEntry): Promise<void> {
    return this.auditLogs.insert({
      tenantId: entry.tenantId,
      actorUserId: entry.actorUserId,
      actorAdminId: entry.actorAdminId ?? null,
      action: entry.action,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      ip: entry.ip,
      metadata: entry.metadata ?? {},
    });
  }

  /** A record of what a signed-in member did, from where. */
  recordBy(
    principal: Principal,
    meta: RequestMeta,
    action: AuditAction,
    details: Pick<AuditEntry, 'target' | 'metadata'> = {},
  ): Promise<void> {
    return this.record({
      tenantId: principal.tenantId,
      actorUserId: principal.userId,
      action,
      ip: meta.ip,
      ...details,
    });
  }

  /** A record of what a platform admin did, about which workspace if any, and why when a reason was given. */
  recordByAdmin(
    admin: Pick<AdminPrincipal, 'adminId'>,
    meta: RequestMeta,
    action: AuditAction,
    details: Pick<AuditEntry, 'target' | 'metadata'> & { tenantId?: string | null; reason?: string | null } = {},
  ): Promise<void> {
    const { tenantId = null, reason, target, metadata = {} } = details;
    return this.record({
      tenantId,
      actorUserId: null,
      actorAdminId: admin.adminId,
      action,
      ip: meta.ip,
      target,
      metadata: reason ? { ...metadata, reason } : metadata,
    });
  }

  async list(principal: Principal, query: PageQuery): Promise<Page<AuditLogDto>> {
    const rows = await this.auditLogs.listPage(principal.tenantId, decodeCursor(query.cursor), query.limit + 1);
    return toPage(rows, query.limit, toAuditLogDto);
  }

  /** The audit log of the whole platform, newest first, for the admin panel. */
  async listAcrossTenants(query: AdminAuditLogsQuery): Promise<Page<AdminAuditLogDto>> {
    const rows = await this.auditLogs.listPlatformPageAcrossTenants(
      platformFilter(query),
      decodeCursor(query.cursor),
      query.limit + 1,
    );
    return toPage(rows, query.limit, toAdminAuditLogDto);
  }

  /** A workspace's latest records, newest first. */
  async listRecentForTenant(tenantId: string, count: number): Promise<AdminAuditLogDto[]> {
    return (await this.auditLogs.listPlatformPageAcrossTenants({ tenantId }, null, count)).map(toAdminAuditLogDto);
  }

  /** Every filtered record as CSV, newest first, read page by page while the answer streams. */
  exportCsvAcrossTenants(filter: AdminAuditLogsFilter): Readable {
    const auditLogs = this.auditLogs;
    const where = platformFilter(filter);
    async function* lines(): AsyncGenerator<string> {
      // The byte order mark makes Excel read the file as UTF-8.
      yield `\uFEFF${auditLogCsvHeader()}`;
      let after: KeysetPosition | null = null;
      for (;;) {
        const page = await auditLogs.listPlatformPageAcrossTenants(where, after, EXPORT_PAGE_SIZE);
        if (page.length > 0) yield page.map((row) => auditLogCsvRecord(toAdminAuditLogDto(row))).join('');
        const last = page.at(-1);
        if (page.length < EXPORT_PAGE_SIZE || !last) return;
        after = { createdAt: last.createdAt, id: last.id };
      }
    }
    return Readable.from(lines());
  }
}

function platformFilter(filter: AdminAuditLogsFilter): PlatformAuditFilter {
  const { tenantId, actor, action, from, to } = filter;
  return { tenantId, actor, action, from, to };
}

function toAdminAuditLogDto(row: PlatformAuditRow): AdminAuditLogDto {
  const reason = row.metadata.reason;
  return {
    ...toAuditLogDto(row),
    tenantId: row.tenantId,
    tenantName: row.tenantName,
    actorAdminId: row.actorAdminId,
    actorEmail: row.actorEmail,
    reason: typeof reason === 'string' ? reason : null,
  };
}

function toAuditLogDto(row: AuditLog): AuditLogDto {
  return {
    id: row.id,
    action: row.action,
    actorUserId: row.actorUserId,
    targetType: row.targetType,
    targetId: row.targetId,
    ip: row.ip,
    metadata: row.metadata,
    createdAt: row.createdAt.toISOString(),
  };
}
