import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Live sockets end with their session: a change that ends sessions is announced on the `session_changes` channel,
 * which every API instance listens to. Triggers, so that a change made directly in SQL (a suspension) is announced
 * too. The channel and payload are read by src/auth/session-changes.ts; logout sends `{"kind":"token"}` itself.
 */
export class SessionChangeNotifications1765238400000 implements MigrationInterface {
  name = 'SessionChangeNotifications1765238400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE FUNCTION notify_session_change() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE
         changed_id uuid;
       BEGIN
         IF TG_OP = 'DELETE' THEN changed_id := OLD.id; ELSE changed_id := NEW.id; END IF;
         PERFORM pg_notify('session_changes', json_build_object('kind', TG_ARGV[0], 'id', changed_id)::text);
         RETURN NULL;
       END $$`,
    );
    await q.query(
      `CREATE TRIGGER users_session_change AFTER UPDATE OF status, token_version ON users FOR EACH ROW
       WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.token_version IS DISTINCT FROM NEW.token_version)
       EXECUTE FUNCTION notify_session_change('user')`,
    );
    await q.query(
      `CREATE TRIGGER users_session_end AFTER DELETE ON users FOR EACH ROW EXECUTE FUNCTION notify_session_change('user')`,
    );
    await q.query(
      `CREATE TRIGGER tenants_session_change AFTER UPDATE OF status ON tenants FOR EACH ROW
       WHEN (OLD.status IS DISTINCT FROM NEW.status)
       EXECUTE FUNCTION notify_session_change('tenant')`,
    );
    await q.query(
      `CREATE TRIGGER tenants_session_end AFTER DELETE ON tenants FOR EACH ROW EXECUTE FUNCTION notify_session_change('tenant')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tenants_session_end ON tenants`);
    await q.query(`DROP TRIGGER tenants_session_change ON tenants`);
    await q.query(`DROP TRIGGER users_session_end ON users`);
    await q.query(`DROP TRIGGER users_session_change ON users`);
    await q.query(`DROP FUNCTION notify_session_change()`);
  }
}
