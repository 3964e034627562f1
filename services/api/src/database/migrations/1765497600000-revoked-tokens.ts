import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Signed-out tokens, kept until they would have expired anyway. Each revocation is announced on `session_changes` by
 * a trigger, in the same transaction, so every API instance keeps the list in memory and hears each addition
 * (src/auth/revoked-tokens.ts).
 */
export class RevokedTokens1765497600000 implements MigrationInterface {
  name = 'RevokedTokens1765497600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE revoked_tokens (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX revoked_tokens_expiry_idx ON revoked_tokens (expires_at)`);
    await q.query(
      `CREATE TRIGGER revoked_tokens_session_change AFTER INSERT ON revoked_tokens FOR EACH ROW
       EXECUTE FUNCTION notify_session_change('token')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE revoked_tokens`);
  }
}
