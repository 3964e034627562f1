import { Injectable } from '@nestjs/common';
import { type KeysetPosition } from '../common/pagination/keyset';
import { jsonObject, text, textOrNull, timestamp } from '../database/columns';
import { AuditLog } from '../database/entities';
import { type Row, Sql } from '../database/sql';
import { SqlParams } from '../database/sql-text';

/** Filters of the platform-wide audit log; `actor` is an email (any case) or the id of a user or an admin. */
export interface PlatformAuditFilter {
  tenantId?: string;
  actor?: string;
  action?: string;
  /** Included. */
  from?: Date;
  /** Excluded. */
  to?: Date;
}

/** A record with the names the admin panel shows beside its ids. */
export interface PlatformAuditRow extends AuditLog {
  tenantName: string | null;
  actorEmail: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodePlatformRow(row: Row): PlatformAuditRow {
  return {
    id: text(row, 'id'),
    tenantId: textOrNull(row, 'tenant_id'),
    actorUserId: textOrNull(row, 'actor_user_id'),
    actorAdminId: textOrNull(row, 'actor_admin_id'),
    action: text(row, 'action'),
    targetType: textOrNull(row, 'target_type'),
    targetId: textOrNull(row, 'target_id'),
    ip: textOrNull(row, 'ip'),
    metadata: jsonObject(row, 'metadata'),
    createdAt: timestamp(row, 'created_at'),
    tenantName: textOrNull(row, 'tenant_name'),
    actorEmail: textOrNull(row, 'actor_email'),
  };
}

/** The WHERE conditions of a platform page on `audit_logs a`. */
function platformConditions(filter: PlatformAuditFilter, after: KeysetPosition | null, params: SqlParams): string[] {
  const where: string[] = [];
  if (filter.tenantId) where.push(`a.tenant_id = ${params.add(filter.tenantId)}`);
  if (filter.action) where.push(`a.action = ${params.add(filter.action)}`);
  if (filter.from) where.push(`a.created_at >= ${params.add(filter.from)}`);
  if (filter.to) where.push(`a.created_at < ${params.add(filter.to)}`);
  if (filter.actor) {
    if (UUID.test(filter.actor)) {
      const id = params.add(filter.actor.toLowerCase());
      where.push(`(a.actor_user_id = ${id} OR a.actor_admin_id = ${id})`);
    } else {
      // Emails are stored in lower case.
      const email = params.add(filter.actor.toLowerCase());
      where.push(
        `(a.actor_user_id IN (SELECT id FROM users WHERE email = ${email})` +
          ` OR a.actor_admin_id IN (SELECT id FROM platform_admins WHERE email = ${email}))`,
      );
    }
  }
  if (after) where.push(`(a.created_at, a.id) < (${params.add(after.createdAt)}, ${params.add(after.id)})`);
  return where;
}

/** The only writer of `audit_logs`; a record joins the transaction of the change it describes. */
@Injectable()
export class AuditLogRepository {
  constructor(private readonly sql: Sql) {}

  /** Platform-wide records (no tenant yet: a failed sign-in with an unknown email) go through here too. */
  async insert(entry: Omit<AuditLog, 'id' | 'createdAt'>): Promise<void> {
    await this.sql.table(AuditLog, (table) => table.save(table.create(entry)));
  }

  /** Newest first. */
  listPage(tenantId: string, after: KeysetPosition | null, take: number): Promise<AuditLog[]> {
    return this.sql.table(AuditLog, (table) => {
      const qb = table
        .createQueryBuilder('a')
        .where('a.tenant_id = :tenantId', { tenantId })
        .orderBy('a.created_at', 'DESC')
        .addOrderBy('a.id', 'DESC')
        .take(take);
      if (after) qb.andWhere('(a.created_at, a.id) < (:createdAt, :id)', after);
      return qb.getMany();
    });
  }

  /**
   * Records of every workspace (and of none), newest first, with the workspace's name and the actor's email. The
   * page is chosen first, through the (created_at, id), tenant, actor or action index, and only its rows are joined.
   */
  listPlatformPageAcrossTenants(
    filter: PlatformAuditFilter,
    after: KeysetPosition | null,
    take: number,
  ): Promise<PlatformAuditRow[]> {
    const params = new SqlParams();
    const where = platformConditions(filter, after, params);
    return this.sql.query(
      `SELECT a.*, t.name AS tenant_name, COALESCE(pa.email, u.email) AS actor_email
       FROM (SELECT a.* FROM audit_logs a ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
             ORDER BY a.created_at DESC, a.id DESC LIMIT ${params.add(take)}) a
       LEFT JOIN tenants t ON t.id = a.tenant_id
       LEFT JOIN users u ON u.id = a.actor_user_id
       LEFT JOIN platform_admins pa ON pa.id = a.actor_admin_id
       ORDER BY a.created_at DESC, a.id DESC`,
      params.values,
      decodePlatformRow,
    );
  }
}
