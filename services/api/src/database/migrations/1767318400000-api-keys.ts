import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * API keys (issue 20): only a SHA-256 of the secret is kept; the prefix is shown in lists to tell keys apart and finds
 * the row. A revoked key keeps its row (and its audit trail) with `revoked_at` set.
 */
export class ApiKeys1767318400000 implements MigrationInterface {
  name = 'ApiKeys1767318400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        name text NOT NULL,
        prefix text NOT NULL UNIQUE,
        secret_hash bytea NOT NULL,
        scopes text[] NOT NULL CHECK (scopes <@ ARRAY['read', 'send', 'contacts']::text[] AND cardinality(scopes) > 0),
        created_by uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id, created_at DESC) WHERE revoked_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_keys`);
  }
}
