import { Injectable } from '@nestjs/common';
import { PLATFORM_ADMIN_ROLES, USER_STATUSES } from '@aerostic/shared';
import { bool, int, oneOf, text } from '../../database/columns';
import { Sql } from '../../database/sql';

/** What a request needs to know about the admin holding a token. */
export interface AdminSessionRow {
  id: string;
  email: string;
  role: (typeof PLATFORM_ADMIN_ROLES)[number];
  status: (typeof USER_STATUSES)[number];
  tokenVersion: number;
  totpEnabled: boolean;
  tokenRevoked: boolean;
}

/** The only writer of `platform_admins` and `admin_revoked_tokens`. */
@Injectable()
export class PlatformAdminRepository {
  constructor(private readonly sql: Sql) {}

  /** The admin and whether this token was signed out, in one round trip (admin traffic is light: no cache). */
  async findSession(adminId: string, tokenId: string): Promise<AdminSessionRow | null> {
    const rows = await this.sql.query(
      `SELECT a.id, a.email, a.role, a.status, a.token_version, a.totp_enabled_at IS NOT NULL AS totp_enabled,
              EXISTS (SELECT 1 FROM admin_revoked_tokens r WHERE r.id = $2) AS token_revoked
         FROM platform_admins a WHERE a.id = $1`,
      [adminId, tokenId],
      (row): AdminSessionRow => ({
        id: text(row, 'id'),
        email: text(row, 'email'),
        role: oneOf(row, 'role', PLATFORM_ADMIN_ROLES),
        status: oneOf(row, 'status', USER_STATUSES),
        tokenVersion: int(row, 'token_version'),
        totpEnabled: bool(row, 'totp_enabled'),
        tokenRevoked: bool(row, 'token_revoked'),
      }),
    );
    return rows[0] ?? null;
  }

  /** Signs one token out, and forgets sign-outs of tokens that have expired anyway. */
  async revokeToken(values: { id: string; adminId: string; expiresAt: Date }): Promise<void> {
    await this.sql.execute(
      `WITH expired AS (DELETE FROM admin_revoked_tokens WHERE expires_at < now())
       INSERT INTO admin_revoked_tokens (id, admin_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`,
      [values.id, values.adminId, values.expiresAt],
    );
  }
}
