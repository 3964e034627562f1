import { Injectable } from '@nestjs/common';
import { PLATFORM_ADMIN_ROLES, type PlatformAdminRole, USER_STATUSES, type UserStatus } from '@aerostic/shared';
import { bool, int, oneOf, text, textOrNull, timestamp, timestampOrNull } from '../../database/columns';
import { type Row, Sql } from '../../database/sql';

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

/** A platform admin without its secrets (password hash, authenticator key). */
export interface AdminAccount {
  id: string;
  email: string;
  name: string;
  role: PlatformAdminRole;
  status: UserStatus;
  tokenVersion: number;
  totpEnabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
}

/** An admin with what signing in checks: the password hash and the sealed authenticator key. */
export interface AdminCredentials extends AdminAccount {
  passwordHash: string;
  /** Sealed with the secret box; set at enrolment, in use once `totpEnabled`. */
  totpSecret: string | null;
  totpLastUsedStep: number | null;
}

const ACCOUNT_COLUMNS = `id, email, name, role, status, token_version, totp_enabled_at IS NOT NULL AS totp_enabled,
  last_login_at, created_at`;

function toAccount(row: Row): AdminAccount {
  return {
    id: text(row, 'id'),
    email: text(row, 'email'),
    name: text(row, 'name'),
    role: oneOf(row, 'role', PLATFORM_ADMIN_ROLES),
    status: oneOf(row, 'status', USER_STATUSES),
    tokenVersion: int(row, 'token_version'),
    totpEnabled: bool(row, 'totp_enabled'),
    lastLoginAt: timestampOrNull(row, 'last_login_at'),
    createdAt: timestamp(row, 'created_at'),
  };
}

function toCredentials(row: Row): AdminCredentials {
  const step = row.totp_last_used_step;
  return {
    ...toAccount(row),
    passwordHash: text(row, 'password_hash'),
    totpSecret: textOrNull(row, 'totp_secret'),
    totpLastUsedStep: step === null ? null : int(row, 'totp_last_used_step'),
  };
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

  async findById(id: string): Promise<AdminAccount | null> {
    const rows = await this.sql.query(`SELECT ${ACCOUNT_COLUMNS} FROM platform_admins WHERE id = $1`, [id], toAccount);
    return rows[0] ?? null;
  }

  /** Every admin, oldest first: a handful of rows, never paged. */
  list(): Promise<AdminAccount[]> {
    return this.sql.query(`SELECT ${ACCOUNT_COLUMNS} FROM platform_admins ORDER BY created_at, id`, [], toAccount);
  }

  /** `email` is lower-case, as every stored email is. */
  async findCredentialsByEmail(email: string): Promise<AdminCredentials | null> {
    const rows = await this.sql.query(
      `SELECT ${ACCOUNT_COLUMNS}, password_hash, totp_secret, totp_last_used_step
         FROM platform_admins WHERE email = $1`,
      [email],
      toCredentials,
    );
    return rows[0] ?? null;
  }

  async findCredentials(id: string): Promise<AdminCredentials | null> {
    const rows = await this.sql.query(
      `SELECT ${ACCOUNT_COLUMNS}, password_hash, totp_secret, totp_last_used_step FROM platform_admins WHERE id = $1`,
      [id],
      toCredentials,
    );
    return rows[0] ?? null;
  }

  async emailExists(email: string): Promise<boolean> {
    const rows = await this.sql.query(
      `SELECT EXISTS (SELECT 1 FROM platform_admins WHERE email = $1) AS taken`,
      [email],
      (row) => bool(row, 'taken'),
    );
    return rows[0] ?? false;
  }

  /** The unique index on `email` refuses a second admin with the same address (a unique violation). */
  async create(values: {
    email: string;
    name: string;
    passwordHash: string;
    role: PlatformAdminRole;
  }): Promise<AdminAccount> {
    const rows = await this.sql.query(
      `INSERT INTO platform_admins (email, name, password_hash, role) VALUES ($1, $2, $3, $4)
       RETURNING ${ACCOUNT_COLUMNS}`,
      [values.email, values.name, values.passwordHash, values.role],
      toAccount,
    );
    return rows[0]!;
  }

  async recordLogin(id: string, at: Date): Promise<void> {
    await this.sql.execute(`UPDATE platform_admins SET last_login_at = $2 WHERE id = $1`, [id, at]);
  }

  /** Keeps a new sealed key until a code confirms it; answers false when the admin has enrolled already. */
  async setPendingTotpSecret(id: string, sealedSecret: string): Promise<boolean> {
    const changed = await this.sql.execute(
      `UPDATE platform_admins SET totp_secret = $2, updated_at = now() WHERE id = $1 AND totp_enabled_at IS NULL`,
      [id, sealedSecret],
    );
    return changed > 0;
  }

  /**
   * Turns the pending key on, with the step of the code that confirmed it; answers false when another request
   * enrolled or replaced the key in the meantime.
   */
  async enableTotp(id: string, sealedSecret: string, step: number): Promise<boolean> {
    const changed = await this.sql.execute(
      `UPDATE platform_admins SET totp_enabled_at = now(), totp_last_used_step = $3, updated_at = now()
        WHERE id = $1 AND totp_enabled_at IS NULL AND totp_secret = $2`,
      [id, sealedSecret, step],
    );
    return changed > 0;
  }

  /** Records a code's time step as used; false when this step or a later one was used already (a replay). */
  async useTotpStep(id: string, step: number): Promise<boolean> {
    const changed = await this.sql.execute(
      `UPDATE platform_admins SET totp_last_used_step = $2
        WHERE id = $1 AND (totp_last_used_step IS NULL OR totp_last_used_step < $2)`,
      [id, step],
    );
    return changed > 0;
  }

  /**
   * Inside a transaction: holds every other change of admins' roles and statuses until it ends, so that two requests
   * cannot each remove "the other" super admin.
   */
  async lockRoleChanges(): Promise<void> {
    await this.sql.query(`SELECT pg_advisory_xact_lock(hashtext('platform_admins.roles'))`, [], () => null);
  }

  async countActiveSuperAdmins(): Promise<number> {
    const rows = await this.sql.query(
      `SELECT count(*)::int AS n FROM platform_admins WHERE role = 'super_admin' AND status = 'active'`,
      [],
      (row) => int(row, 'n'),
    );
    return rows[0] ?? 0;
  }

  /** With `bumpTokenVersion`, every token the admin holds stops working at its next request. */
  async update(
    id: string,
    changes: { role: PlatformAdminRole; status: UserStatus; bumpTokenVersion: boolean },
  ): Promise<void> {
    await this.sql.execute(
      `UPDATE platform_admins
          SET role = $2, status = $3, token_version = token_version + CASE WHEN $4 THEN 1 ELSE 0 END,
              updated_at = now()
        WHERE id = $1`,
      [id, changes.role, changes.status, changes.bumpTokenVersion],
    );
  }
}
