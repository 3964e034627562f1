import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A role change is announced on `session_changes` too: API instances keep each user's session state until a change
 * is announced (src/auth/session-accounts.ts), and the role decides what a request may do.
 */
export class SessionRoleChanges1765411200000 implements MigrationInterface {
  name = 'SessionRoleChanges1765411200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER users_session_change ON users`);
    await q.query(
      `CREATE TRIGGER users_session_change AFTER UPDATE OF status, token_version, role, tenant_id ON users FOR EACH ROW
       WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.token_version IS DISTINCT FROM NEW.token_version
         OR OLD.role IS DISTINCT FROM NEW.role OR OLD.tenant_id IS DISTINCT FROM NEW.tenant_id)
       EXECUTE FUNCTION notify_session_change('user')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER users_session_change ON users`);
    await q.query(
      `CREATE TRIGGER users_session_change AFTER UPDATE OF status, token_version ON users FOR EACH ROW
       WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.token_version IS DISTINCT FROM NEW.token_version)
       EXECUTE FUNCTION notify_session_change('user')`,
    );
  }
}
