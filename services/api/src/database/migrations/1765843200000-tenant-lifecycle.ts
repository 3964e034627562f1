import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A workspace's plan (every workspace is on `free` until billing brings plans, docs/adr/0108) and its suspension:
 * when and why, as the admin who suspended it gave it. Indexes for the admin panel's lists: tenants newest first and
 * searched by name or slug, and the platform audit log filtered by actor or action.
 */
export class TenantLifecycle1765843200000 implements MigrationInterface {
  name = 'TenantLifecycle1765843200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tenants
        ADD COLUMN plan text NOT NULL DEFAULT 'free',
        ADD COLUMN suspended_at timestamptz(3),
        ADD COLUMN suspended_reason text`);
    // Workspaces suspended by hand before this column existed: their last change is the best date there is.
    await q.query(`UPDATE tenants SET suspended_at = updated_at WHERE status = 'suspended'`);
    await q.query(`CREATE INDEX tenants_page_idx ON tenants (created_at, id)`);
    await q.query(`CREATE INDEX tenants_search_idx ON tenants USING gin (name gin_trgm_ops, domain gin_trgm_ops)`);
    await q.query(
      `CREATE INDEX audit_logs_actor_user_idx ON audit_logs (actor_user_id, created_at, id) WHERE actor_user_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX audit_logs_actor_admin_idx ON audit_logs (actor_admin_id, created_at, id)
         WHERE actor_admin_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX audit_logs_action_idx ON audit_logs (action, created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_logs_action_idx`);
    await q.query(`DROP INDEX audit_logs_actor_admin_idx`);
    await q.query(`DROP INDEX audit_logs_actor_user_idx`);
    await q.query(`DROP INDEX tenants_search_idx`);
    await q.query(`DROP INDEX tenants_page_idx`);
    await q.query(`ALTER TABLE tenants DROP COLUMN suspended_reason, DROP COLUMN suspended_at, DROP COLUMN plan`);
  }
}
