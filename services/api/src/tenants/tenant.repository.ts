import { Injectable } from '@nestjs/common';
import { TENANT_STATUSES, type TenantStatus } from '@aerostic/shared';
import { type KeysetPosition } from '../common/pagination/keyset';
import { int, oneOf, text, textOrNull, timestamp, timestampOrNull } from '../database/columns';
import { Tenant } from '../database/entities';
import { type Row, Sql } from '../database/sql';
import { escapeLike, SqlParams } from '../database/sql-text';

/** A workspace as the admin panel lists it: the row and its figures. */
export interface TenantSummaryRow {
  id: string;
  name: string;
  domain: string;
  status: TenantStatus;
  plan: string;
  suspendedAt: Date | null;
  suspendedReason: string | null;
  createdAt: Date;
  /** Active users. */
  userCount: number;
  /** Connected numbers. */
  numberCount: number;
  /** Messages in and out since the start of the UTC month. */
  messagesThisMonth: number;
}

export interface TenantSummaryFilter {
  search?: string;
  status?: TenantStatus;
}

export interface Suspension {
  status: TenantStatus;
  suspendedAt: Date | null;
  suspendedReason: string | null;
}

/**
 * The figures of the workspaces in `page` (a subquery of tenants under alias `t`), one index probe per workspace and
 * figure: the whole page in one statement, whatever its length.
 */
function summaries(page: string): string {
  return `SELECT t.id, t.name, t.domain, t.status, t.plan, t.suspended_at, t.suspended_reason, t.created_at,
                 (SELECT count(*)::int FROM users u WHERE u.tenant_id = t.id AND u.status = 'active') AS user_count,
                 (SELECT count(*)::int FROM whatsapp_accounts w
                   WHERE w.tenant_id = t.id AND w.status = 'connected') AS number_count,
                 (SELECT count(*)::int FROM messages m
                   WHERE m.tenant_id = t.id
                     AND m.created_at >= date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
                 ) AS messages_this_month
          FROM (${page}) t
          ORDER BY t.created_at DESC, t.id DESC`;
}

function toSummary(row: Row): TenantSummaryRow {
  return {
    id: text(row, 'id'),
    name: text(row, 'name'),
    domain: text(row, 'domain'),
    status: oneOf(row, 'status', TENANT_STATUSES),
    plan: text(row, 'plan'),
    suspendedAt: timestampOrNull(row, 'suspended_at'),
    suspendedReason: textOrNull(row, 'suspended_reason'),
    createdAt: timestamp(row, 'created_at'),
    userCount: int(row, 'user_count'),
    numberCount: int(row, 'number_count'),
    messagesThisMonth: int(row, 'messages_this_month'),
  };
}

/** The only writer of `tenants`. A tenant's own row is found by its id, which is the tenant id. */
@Injectable()
export class TenantRepository {
  constructor(private readonly sql: Sql) {}

  findById(tenantId: string): Promise<Tenant | null> {
    return this.sql.table(Tenant, (table) => table.findOneBy({ id: tenantId }));
  }

  /** Domains are unique on the platform. */
  async domainExistsAcrossTenants(domain: string): Promise<boolean> {
    return (await this.sql.table(Tenant, (table) => table.countBy({ domain }))) > 0;
  }

  create(values: Pick<Tenant, 'name' | 'domain'>): Promise<Tenant> {
    return this.sql.table(Tenant, (table) =>
      table.save(table.create({ ...values, status: 'active', suspendedAt: null, suspendedReason: null })),
    );
  }

  async update(tenantId: string, changes: Partial<Pick<Tenant, 'name' | 'timeZone'>>): Promise<void> {
    await this.sql.table(Tenant, (table) => table.update({ id: tenantId }, changes));
  }

  /** Locks the tenant's row until the transaction ends: changes that must see each other queue behind it. */
  async lock(tenantId: string): Promise<void> {
    await this.sql.execute(`SELECT 1 FROM tenants WHERE id = $1 FOR UPDATE`, [tenantId]);
  }

  /** Locks the row (inside a transaction) and answers its suspension state; null when there is no such tenant. */
  async lockSuspension(tenantId: string): Promise<Suspension | null> {
    const [row] = await this.sql.query(
      `SELECT status, suspended_at, suspended_reason FROM tenants WHERE id = $1 FOR UPDATE`,
      [tenantId],
      (r): Suspension => ({
        status: oneOf(r, 'status', TENANT_STATUSES),
        suspendedAt: timestampOrNull(r, 'suspended_at'),
        suspendedReason: textOrNull(r, 'suspended_reason'),
      }),
    );
    return row ?? null;
  }

  /** A status change is announced on `session_changes` by a trigger: sessions and sockets end with the commit. */
  async setSuspension(tenantId: string, suspension: Suspension): Promise<void> {
    await this.sql.execute(
      `UPDATE tenants SET status = $2, suspended_at = $3, suspended_reason = $4, updated_at = now() WHERE id = $1`,
      [tenantId, suspension.status, suspension.suspendedAt, suspension.suspendedReason],
    );
  }

  listSuspendedIdsAcrossTenants(): Promise<string[]> {
    return this.sql.query(`SELECT id FROM tenants WHERE status = 'suspended'`, [], (row) => text(row, 'id'));
  }

  /** Newest first, with each workspace's figures. */
  listSummariesAcrossTenants(
    filter: TenantSummaryFilter,
    after: KeysetPosition | null,
    take: number,
  ): Promise<TenantSummaryRow[]> {
    const params = new SqlParams();
    const where: string[] = [];
    if (filter.search) {
      const pattern = params.add(`%${escapeLike(filter.search)}%`);
      where.push(`(name ILIKE ${pattern} OR domain ILIKE ${pattern})`);
    }
    if (filter.status) where.push(`status = ${params.add(filter.status)}`);
    if (after) where.push(`(created_at, id) < (${params.add(after.createdAt)}, ${params.add(after.id)})`);
    const page = `SELECT * FROM tenants ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
                  ORDER BY created_at DESC, id DESC LIMIT ${params.add(take)}`;
    return this.sql.query(summaries(page), params.values, toSummary);
  }

  async findSummaryAcrossTenants(tenantId: string): Promise<TenantSummaryRow | null> {
    const [row] = await this.sql.query(summaries(`SELECT * FROM tenants WHERE id = $1`), [tenantId], toSummary);
    return row ?? null;
  }

  /** How many workspaces there are of each status and plan. */
  countByStatusAndPlanAcrossTenants(): Promise<{ status: TenantStatus; plan: string; count: number }[]> {
    return this.sql.query(
      `SELECT status, plan, count(*)::int AS count FROM tenants GROUP BY status, plan`,
      [],
      (row) => ({ status: oneOf(row, 'status', TENANT_STATUSES), plan: text(row, 'plan'), count: int(row, 'count') }),
    );
  }

  /** Workspaces created on each UTC day from `start` on (days without any are left out), `YYYY-MM-DD`. */
  countCreatedByDayAcrossTenants(start: Date): Promise<{ date: string; count: number }[]> {
    return this.sql.query(
      `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS date, count(*)::int AS count
       FROM tenants WHERE created_at >= $1 GROUP BY 1`,
      [start],
      (row) => ({ date: text(row, 'date'), count: int(row, 'count') }),
    );
  }
}
