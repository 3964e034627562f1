import { Injectable } from '@nestjs/common';
import { type KeysetPosition } from '../common/pagination/keyset';
import { AuditLog } from '../database/entities';
import { Sql } from '../database/sql';

/** The only writer of `audit_logs`; a record joins the transaction of the change it describes. */
@Injectable()
export class AuditLogRepository {
  constructor(private readonly sql: Sql) {}

  /** Platform-wide records (no tenant yet: a failed sign-in with an unknown email) go through here too. */
  async insert(entry: Omit<AuditLog, 'id' | 'createdAt'>): Promise<void> {
    const table = this.sql.table(AuditLog);
    await table.save(table.create(entry));
  }

  /** Newest first. */
  listPage(tenantId: string, after: KeysetPosition | null, take: number): Promise<AuditLog[]> {
    const qb = this.sql
      .table(AuditLog)
      .createQueryBuilder('a')
      .where('a.tenant_id = :tenantId', { tenantId })
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .take(take);
    if (after) qb.andWhere('(a.created_at, a.id) < (:createdAt, :id)', after);
    return qb.getMany();
  }
}
