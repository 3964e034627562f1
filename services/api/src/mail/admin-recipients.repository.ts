import { Injectable } from '@nestjs/common';
import { text } from '../database/columns';
import { Sql } from '../database/sql';

export interface Recipient {
  userId: string;
  email: string;
}

/** Reads (never writes) `users`, which the users module owns: who of a workspace gets its alerts. */
@Injectable()
export class AdminRecipientsRepository {
  constructor(private readonly sql: Sql) {}

  /** The workspace's active admins. */
  list(tenantId: string): Promise<Recipient[]> {
    return this.sql.query(
      `SELECT id, email FROM users WHERE tenant_id = $1 AND role = 'admin' AND status = 'active' ORDER BY created_at`,
      [tenantId],
      (row) => ({ userId: text(row, 'id'), email: text(row, 'email') }),
    );
  }
}
