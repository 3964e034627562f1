import { Injectable } from '@nestjs/common';
import { text } from '../database/columns';
import { Sql } from '../database/sql';

export type EmailTokenPurpose = 'password_reset' | 'email_verification';

export interface UsedEmailToken {
  tenantId: string;
  userId: string;
}

/** The only writer of `email_tokens`: the single-use tokens of emailed links, kept as SHA-256 hashes. */
@Injectable()
export class EmailTokenRepository {
  constructor(private readonly sql: Sql) {}

  /** Stores a new token and retires the user's unused ones of the same purpose, so only the newest link works. */
  async replace(token: {
    tenantId: string;
    userId: string;
    purpose: EmailTokenPurpose;
    tokenHash: string;
    expiresAt: Date;
  }): Promise<string> {
    await this.sql.execute(
      `UPDATE email_tokens SET used_at = now() WHERE tenant_id = $1 AND user_id = $2 AND purpose = $3 AND used_at IS NULL`,
      [token.tenantId, token.userId, token.purpose],
    );
    const [id] = await this.sql.query(
      `INSERT INTO email_tokens (tenant_id, user_id, purpose, token_hash, expires_at)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [token.tenantId, token.userId, token.purpose, token.tokenHash, token.expiresAt],
      (row) => text(row, 'id'),
    );
    if (!id) throw new Error('email_tokens insert returned no row');
    return id;
  }

  /**
   * Uses the token once: one UPDATE marks it used only while unused and unexpired, so two requests racing with the
   * same link get one success. The link names no tenant, hence across tenants.
   */
  async useAcrossTenants(purpose: EmailTokenPurpose, tokenHash: string, now: Date): Promise<UsedEmailToken | null> {
    const [used] = await this.sql.query(
      `UPDATE email_tokens SET used_at = $3
       WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
       RETURNING tenant_id, user_id`,
      [tokenHash, purpose, now],
      (row) => ({ tenantId: text(row, 'tenant_id'), userId: text(row, 'user_id') }),
    );
    return used ?? null;
  }
}
