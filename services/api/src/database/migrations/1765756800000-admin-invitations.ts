import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Admins invite admins with a single-use link, as workspace admins invite their team: only the token's SHA-256 is
 * stored. `totp_last_used_step` is the time step of the last one-time code accepted, so that a code seen over a
 * shoulder cannot be used a second time (RFC 6238, section 5.2).
 */
export class AdminInvitations1765756800000 implements MigrationInterface {
  name = 'AdminInvitations1765756800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE admin_invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email)),
        role text NOT NULL CHECK (role IN ('super_admin', 'admin')),
        token_hash text NOT NULL UNIQUE,
        invited_by_admin_id uuid REFERENCES platform_admins (id) ON DELETE SET NULL,
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE platform_admins ADD COLUMN totp_last_used_step integer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE platform_admins DROP COLUMN totp_last_used_step`);
    await q.query(`DROP TABLE admin_invitations`);
  }
}
