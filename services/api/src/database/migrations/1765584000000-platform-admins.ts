import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The company's own platform admins: a table and a login apart from tenant users, so that no tenant account can ever
 * become one. Their sign-outs are kept like tenant sign-outs; the audit log names an acting admin in a column of its
 * own, beside the acting tenant user.
 */
export class PlatformAdmins1765584000000 implements MigrationInterface {
  name = 'PlatformAdmins1765584000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE platform_admins (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('super_admin', 'admin')),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deactivated')),
        token_version integer NOT NULL DEFAULT 0,
        totp_secret text,
        totp_enabled_at timestamptz,
        last_login_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE admin_revoked_tokens (
        id uuid PRIMARY KEY,
        admin_id uuid NOT NULL REFERENCES platform_admins (id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX admin_revoked_tokens_expiry_idx ON admin_revoked_tokens (expires_at)`);
    await q.query(`ALTER TABLE audit_logs ADD COLUMN actor_admin_id uuid REFERENCES platform_admins (id)`);
    await q.query(`CREATE INDEX audit_logs_platform_page_idx ON audit_logs (created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_logs_platform_page_idx`);
    await q.query(`ALTER TABLE audit_logs DROP COLUMN actor_admin_id`);
    await q.query(`DROP TABLE admin_revoked_tokens`);
    await q.query(`DROP TABLE platform_admins`);
  }
}
