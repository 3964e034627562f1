import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Microsoft sign-in: a workspace's link to one Entra tenant (with its allowed domains, join policy and the password
 * switch), and the Microsoft identities of users, matched on the immutable (tid, oid) pair rather than the email.
 */
export class MicrosoftSignIn1767404800000 implements MigrationInterface {
  name = 'MicrosoftSignIn1767404800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenant_entra_links (
        tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
        entra_tenant_id text,
        allowed_domains text[] NOT NULL DEFAULT '{}',
        join_policy text NOT NULL DEFAULT 'invitation' CHECK (join_policy IN ('agent', 'invitation')),
        password_sign_in boolean NOT NULL DEFAULT true CHECK (password_sign_in OR entra_tenant_id IS NOT NULL),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX tenant_entra_links_entra_idx ON tenant_entra_links (entra_tenant_id)`);
    await q.query(`
      CREATE TABLE microsoft_identities (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        entra_tenant_id text NOT NULL,
        object_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_sign_in_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (entra_tenant_id, object_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE microsoft_identities`);
    await q.query(`DROP TABLE tenant_entra_links`);
  }
}
