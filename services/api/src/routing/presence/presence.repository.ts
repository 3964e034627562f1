import { Injectable } from '@nestjs/common';
import { oneOf } from '../../database/columns';
import { Sql } from '../../database/sql';

export type PresenceStatus = 'online' | 'away';

/** Reads a member's chosen status (written by `users/`, which owns the table). */
@Injectable()
export class PresenceRepository {
  constructor(private readonly sql: Sql) {}

  async statusOf(tenantId: string, userId: string): Promise<PresenceStatus | null> {
    const [status] = await this.sql.query(
      `SELECT presence_status FROM users WHERE tenant_id = $1 AND id = $2`,
      [tenantId, userId],
      (row) => oneOf(row, 'presence_status', ['online', 'away'] as const),
    );
    return status ?? null;
  }
}
