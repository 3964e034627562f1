import { Injectable } from '@nestjs/common';
import { text } from '../database/columns';
import { Sql } from '../database/sql';

/** The only writer of `revoked_tokens`. A token id is unique on the platform, so reads cross tenants. */
@Injectable()
export class RevokedTokenRepository {
  constructor(private readonly sql: Sql) {}

  /** Records the revocation (a trigger announces it) and forgets revocations whose tokens have expired. */
  async insert(values: { id: string; tenantId: string; userId: string; expiresAt: Date }): Promise<void> {
    await this.sql.execute(
      `WITH expired AS (DELETE FROM revoked_tokens WHERE expires_at < now())
       INSERT INTO revoked_tokens (id, tenant_id, user_id, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO NOTHING`,
      [values.id, values.tenantId, values.userId, values.expiresAt],
    );
  }

  async existsAcrossTenants(id: string): Promise<boolean> {
    const rows = await this.sql.query(
      `SELECT id FROM revoked_tokens WHERE id = $1 AND expires_at > now()`,
      [id],
      (row) => text(row, 'id'),
    );
    return rows.length > 0;
  }

  /** The ids of the revoked tokens that have not expired yet. */
  findActiveIdsAcrossTenants(): Promise<string[]> {
    return this.sql.query(`SELECT id FROM revoked_tokens WHERE expires_at > now()`, [], (row) => text(row, 'id'));
  }
}
