import { Injectable } from '@nestjs/common';
import { type AuditLogDto, type Page, type PageQuery } from '@aerostic/shared';
import { decodeCursor, toPage } from '../common/pagination/keyset';
import { type RequestMeta } from '../common/http/request-meta.decorator';
import { type AdminPrincipal } from '../admin/auth/admin-principal';
import { type Principal } from '../common/tenant-context/principal';
import { type AuditLog } from '../database/entities';
import { type AuditAction } from './audit-actions';
import { AuditLogRepository } from './audit-log.repository';

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
