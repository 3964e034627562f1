import { Injectable } from '@nestjs/common';
import { PLATFORM_ADMIN_ROLES } from '@aerostic/shared';
import { oneOf, text, textOrNull, timestamp, timestampOrNull } from '../../database/columns';
import { type AdminInvitation } from '../../database/entities';
import { type Row, Sql } from '../../database/sql';

/** An admin invitation as the API handles it: never with its token's hash. */
export type AdminInvitationRow = Omit<AdminInvitation, 'tokenHash'>;

const COLUMNS = 'id, email, role, invited_by_admin_id, expires_at, accepted_at, revoked_at, created_at';

function toInvitation(row: Row): AdminInvitationRow {
  return {
    id: text(row, 'id'),
    email: text(row, 'email'),
    role: oneOf(row, 'role', PLATFORM_ADMIN_ROLES),
    invitedByAdminId: textOrNull(row, 'invited_by_admin_id'),
    expiresAt: timestamp(row, 'expires_at'),
    acceptedAt: timestampOrNull(row, 'accepted_at'),
    revokedAt: timestampOrNull(row, 'revoked_at'),
    createdAt: timestamp(row, 'created_at'),
  };
}

const PENDING = 'accepted_at IS NULL AND revoked_at IS NULL';

/** The only writer of `admin_invitations`. */
@Injectable()
export class AdminInvitationRepository {
  constructor(private readonly sql: Sql) {}

  async create(
    values: Omit<AdminInvitation, 'id' | 'acceptedAt' | 'revokedAt' | 'createdAt'>,
  ): Promise<AdminInvitationRow> {
    const rows = await this.sql.query(
      `INSERT INTO admin_invitations (email, role, token_hash, invited_by_admin_id, expires_at)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [values.email, values.role, values.tokenHash, values.invitedByAdminId, values.expiresAt],
      toInvitation,
    );
    return rows[0]!;
  }

  /** Unused and unexpired, newest first: a handful of rows, never paged. */
  listPending(): Promise<AdminInvitationRow[]> {
    return this.sql.query(
      `SELECT ${COLUMNS} FROM admin_invitations WHERE ${PENDING} AND expires_at > now() ORDER BY created_at DESC, id`,
      [],
      toInvitation,
    );
  }

  async findPendingById(id: string): Promise<AdminInvitationRow | null> {
    const rows = await this.sql.query(
      `SELECT ${COLUMNS} FROM admin_invitations WHERE id = $1 AND ${PENDING}`,
      [id],
      toInvitation,
    );
    return rows[0] ?? null;
  }

  /** With `lock` (inside a transaction) the row stays locked, so that two tabs accepting at once use it once. */
  async findUsableByTokenHash(tokenHash: string, lock = false): Promise<AdminInvitationRow | null> {
    const rows = await this.sql.query(
      `SELECT ${COLUMNS} FROM admin_invitations
        WHERE token_hash = $1 AND ${PENDING} AND expires_at > now()${lock ? ' FOR UPDATE' : ''}`,
      [tokenHash],
      toInvitation,
    );
    return rows[0] ?? null;
  }

  async revokePendingForEmail(email: string): Promise<void> {
    await this.sql.execute(`UPDATE admin_invitations SET revoked_at = now() WHERE email = $1 AND ${PENDING}`, [email]);
  }

  async markRevoked(id: string): Promise<void> {
    await this.sql.execute(`UPDATE admin_invitations SET revoked_at = now() WHERE id = $1`, [id]);
  }

  async markAccepted(id: string): Promise<void> {
    await this.sql.execute(`UPDATE admin_invitations SET accepted_at = now() WHERE id = $1`, [id]);
  }
}
