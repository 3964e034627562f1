import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { APP_ROLE, CROSS_TENANT_SETTING, TENANT_SETTING } from '../tenant-scope-settings';

/**
 * Whether the statement runs on a named cross-tenant path. The settings are read in sub-selects, which PostgreSQL
 * evaluates once per statement (an InitPlan) instead of once per row: the inbound path's writes need it.
 */
const CROSS_TENANT = `(SELECT COALESCE(current_setting('${CROSS_TENANT_SETTING}', true), '') <> '')`;

/** Whether the statement's scope names this tenant, or a named cross-tenant path (docs/adr/0203). */
const TENANT_MATCHES = (column: string): string =>
  `(${column} = (SELECT NULLIF(current_setting('${TENANT_SETTING}', true), '')::uuid) OR ${CROSS_TENANT})`;

/**
 * Tables without a tenant_id whose rows belong to a tenant through a parent: a row is visible when its parent is
 * (the parent's own policy applies inside the EXISTS).
 */
const THROUGH_PARENT: Record<string, string> = {
  invoice_lines: `EXISTS (SELECT 1 FROM invoices i WHERE i.id = invoice_lines.invoice_id)`,
  message_stats_replies: `EXISTS (SELECT 1 FROM messages m WHERE m.id = message_stats_replies.message_id)`,
  message_status_events: `EXISTS (SELECT 1 FROM whatsapp_accounts a WHERE a.phone_number_id = message_status_events.phone_number_id)`,
};

/**
 * Tables searched through a view of the owner's (contacts_search), which applies the same condition itself: the
 * view reads as its owner, which only a table that does not FORCE row-level security lets through (ADR 0203).
 */
const READ_THROUGH_OWNER_VIEW = ['contacts'];

/** The bookkeeping of the migration runner: the application may read it (is the schema current?), never write. */
const MIGRATION_TABLES = ['migrations', 'typeorm_metadata'];

/**
 * The API's own role, which owns nothing, and row-level security on every table holding a tenant's rows, keyed on
 * the per-transaction settings the API sets from the token or a named cross-tenant path (docs/adr/0203, 0204).
 */
export class RowLevelSecurity1767836800000 implements MigrationInterface {
  name = 'RowLevelSecurity1767836800000';

  async up(q: QueryRunner): Promise<void> {
    // Roles are cluster-wide: test databases migrate concurrently, and either error means another run made it.
    await q.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    await q.query(`
      DO $$
      BEGIN
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO ${APP_ROLE}', current_database());
      END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`);
    for (const table of MIGRATION_TABLES) {
      if (await q.hasTable(table))
        await q.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${table} FROM ${APP_ROLE}`);
    }
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);
    // Tables and sequences that later migrations create (as this same owner) are the application's too.
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}`,
    );
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APP_ROLE}`);

    const tenantTables = (await q.query(
      `SELECT c.table_name AS name
         FROM information_schema.columns c
         JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'
        ORDER BY 1`,
    )) as { name: string }[];
    for (const { name } of tenantTables) {
      await protect(q, name, TENANT_MATCHES('tenant_id'), !READ_THROUGH_OWNER_VIEW.includes(name));
    }
    // Selected columns only, and no security barrier: the planner may then use the trigram and tag indexes for the
    // search conditions, which are not leakproof. Read only: an updatable view would write as its owner.
    await q.query(`
      CREATE VIEW contacts_search AS
        SELECT id, tenant_id, name, profile_name, username, wa_id, tags, created_at FROM contacts
        WHERE ${TENANT_MATCHES('tenant_id')}`);
    await q.query(`REVOKE ALL ON contacts_search FROM ${APP_ROLE}`);
    await q.query(`GRANT SELECT ON contacts_search TO ${APP_ROLE}`);
    await protect(q, 'tenants', TENANT_MATCHES('id'));
    // A cross-tenant path sees every row without the parent's lookup (the inbound path writes these per message).
    for (const [table, visible] of Object.entries(THROUGH_PARENT))
      await protect(q, table, `(${CROSS_TENANT} OR ${visible})`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW contacts_search`);
    const protectedTables = (await q.query(
      `SELECT tablename AS name FROM pg_policies WHERE schemaname = 'public' AND policyname = 'tenant_isolation'`,
    )) as { name: string }[];
    for (const { name } of protectedTables) {
      await q.query(`DROP POLICY tenant_isolation ON ${name}`);
      await q.query(`ALTER TABLE ${name} NO FORCE ROW LEVEL SECURITY, DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ${APP_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ${APP_ROLE}`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${APP_ROLE}`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APP_ROLE}`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM ${APP_ROLE}`);
    // The role stays: it is cluster-wide, and other databases of the cluster may still grant it.
  }
}

/** FORCEd unless told otherwise, so that the owner is held to the policy too (migrations set the cross-tenant setting). */
async function protect(q: QueryRunner, table: string, visible: string, force = true): Promise<void> {
  await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  if (force) await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  await q.query(`CREATE POLICY tenant_isolation ON ${table} USING (${visible}) WITH CHECK (${visible})`);
}
