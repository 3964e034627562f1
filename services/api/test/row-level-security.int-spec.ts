import { Client } from 'pg';
import { text } from '../src/database/columns';
import { Sql, Transactions } from '../src/database/sql';
import { CROSS_TENANT_PATHS, TenantScope } from '../src/database/tenant-scope';
import { APP_ROLE } from '../src/database/tenant-scope-settings';
import { RevokedTokens } from '../src/auth/revoked-tokens';
import { registerTenant, type Member } from './support/builders';
import { eventually } from './support/eventually';
import { createTestApp, type TestApp } from './support/test-app';

/** Tables without a tenant_id whose rows belong to a tenant through a parent; they have a policy too. */
const THROUGH_PARENT = ['invoice_lines', 'message_stats_replies', 'message_status_events'];

/** Searched through the owner's view contacts_search, which only a table without FORCE lets through. */
const NOT_FORCED = ['contacts'];

/** PostgreSQL's insufficient_privilege: what a row outside the policy's WITH CHECK is refused with. */
const REFUSED = '42501';

describe('Row-level security, as the application role', () => {
  let t: TestApp;
  let app: Client;
  let a: Member;
  let b: Member;
  let tenantTables: string[];

  /** Runs `work` as the application role with the tenant setting (or none), then rolls it back. */
  async function asTenant<T>(tenantId: string | null, work: () => Promise<T>): Promise<T> {
    await app.query('BEGIN');
    try {
      if (tenantId !== null) await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      return await work();
    } finally {
      await app.query('ROLLBACK');
    }
  }

  const count = async (table: string, where = 'true', params: unknown[] = []) =>
    Number((await app.query(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params)).rows[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    a = await registerTenant(t, 'Tenant A');
    b = await registerTenant(t, 'Tenant B');
    for (const member of [a, b]) {
      await t.sql(`INSERT INTO contacts (tenant_id, wa_id) VALUES ($1, '447700900001')`, [member.tenantId]);
    }
    app = new Client({ connectionString: t.config.DATABASE_URL });
    await app.connect();
    tenantTables = (
      await t.sql(
        `SELECT c.table_name AS name FROM information_schema.columns c
           JOIN information_schema.tables USING (table_schema, table_name)
          WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND table_type = 'BASE TABLE' ORDER BY 1`,
      )
    ).map((row) => String(row.name));
  });
  afterAll(async () => {
    await app.end();
    await t.close();
  });

  it('should connect the API as the application role, which is no superuser, bypasses nothing and owns nothing', async () => {
    expect((await app.query(`SELECT current_user AS name`)).rows[0].name).toBe(APP_ROLE);
    const [role] = await t.sql(
      `SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = $1`,
      [APP_ROLE],
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false });
    const owned = await t.sql(
      `SELECT relname FROM pg_class WHERE relowner = $1::regrole
       UNION ALL SELECT nspname FROM pg_namespace WHERE nspowner = $1::regrole
       UNION ALL SELECT proname FROM pg_proc WHERE proowner = $1::regrole
       UNION ALL SELECT datname FROM pg_database WHERE datdba = $1::regrole`,
      [APP_ROLE],
    );
    expect(owned).toEqual([]);
  });

  it('should have row-level security enabled, forced and a policy on every table holding tenant rows', async () => {
    expect(tenantTables).toEqual(expect.arrayContaining(['contacts', 'messages', 'users', 'conversations']));
    const protectedTables = [...tenantTables, 'tenants', ...THROUGH_PARENT];
    const rows = await t.sql(
      `SELECT c.relname AS name, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
              (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
         FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY($1) ORDER BY 1`,
      [protectedTables],
    );
    expect(rows).toEqual(
      [...protectedTables]
        .sort()
        .map((name) => ({ name, enabled: true, forced: !NOT_FORCED.includes(name), policies: 1 })),
    );
  });

  it('should leave the migrations bookkeeping out of the application role’s reach', async () => {
    const [grants] = await t.sql(
      `SELECT has_table_privilege($1, 'migrations', 'INSERT') AS ins, has_table_privilege($1, 'migrations', 'DELETE') AS del,
              has_table_privilege($1, 'contacts', 'INSERT') AS contacts`,
      [APP_ROLE],
    );
    expect(grants).toEqual({ ins: false, del: false, contacts: true });
  });

  it('should read no row of any tenant table and refuse inserts when no tenant is set', async () => {
    expect(await count('users', 'true')).toBe(0);
    await asTenant(null, async () => {
      for (const table of [...tenantTables, 'tenants', ...THROUGH_PARENT, 'contacts_search']) {
        expect([table, await count(table)]).toEqual([table, 0]);
      }
    });
    expect(Number((await t.sql(`SELECT count(*) AS n FROM users`))[0]!.n)).toBeGreaterThanOrEqual(2);
    await expect(
      asTenant(null, () =>
        app.query(`INSERT INTO contacts (tenant_id, wa_id) VALUES ($1, '447700900002')`, [a.tenantId]),
      ),
    ).rejects.toMatchObject({ code: REFUSED });
  });

  it('should show a tenant its own rows only, and refuse writing rows of another', async () => {
    await asTenant(a.tenantId, async () => {
      expect((await app.query(`SELECT DISTINCT tenant_id FROM users`)).rows).toEqual([{ tenant_id: a.tenantId }]);
      expect((await app.query(`SELECT id FROM tenants`)).rows).toEqual([{ id: a.tenantId }]);
      expect(await count('contacts')).toBe(1);
      expect((await app.query(`SELECT DISTINCT tenant_id FROM contacts_search`)).rows).toEqual([
        { tenant_id: a.tenantId },
      ]);
      const updated = await app.query(`UPDATE contacts SET name = 'taken' WHERE tenant_id = $1`, [b.tenantId]);
      expect(updated.rowCount).toBe(0);
      const deleted = await app.query(`DELETE FROM users WHERE tenant_id = $1`, [b.tenantId]);
      expect(deleted.rowCount).toBe(0);
    });
    await expect(
      asTenant(a.tenantId, () =>
        app.query(`INSERT INTO contacts (tenant_id, wa_id) VALUES ($1, '447700900003')`, [b.tenantId]),
      ),
    ).rejects.toMatchObject({ code: REFUSED });
    await expect(
      asTenant(a.tenantId, () =>
        app.query(`UPDATE contacts SET tenant_id = $1 WHERE tenant_id = $2`, [b.tenantId, a.tenantId]),
      ),
    ).rejects.toMatchObject({ code: REFUSED });
    expect(await t.sql(`SELECT name FROM contacts WHERE tenant_id = $1`, [b.tenantId])).toEqual([{ name: null }]);
  });

  it('should let the application role only read contacts_search, which reads as its owner', async () => {
    await expect(
      asTenant(a.tenantId, () =>
        app.query(`UPDATE contacts_search SET name = 'taken' WHERE tenant_id = $1`, [b.tenantId]),
      ),
    ).rejects.toMatchObject({ code: REFUSED });
    await expect(
      asTenant(b.tenantId, () =>
        app.query(`INSERT INTO contacts_search (tenant_id, wa_id) VALUES ($1, '447700900004')`, [b.tenantId]),
      ),
    ).rejects.toMatchObject({ code: REFUSED });
  });

  describe('through the API’s connections', () => {
    let sql: Sql;
    let transactions: Transactions;
    const tenantsSeen = () =>
      sql.query(`SELECT DISTINCT tenant_id FROM users ORDER BY 1`, [], (row) => text(row, 'tenant_id'));

    beforeAll(() => {
      sql = t.app.get(Sql);
      transactions = t.app.get(Transactions);
    });

    it('should see nothing outside a scope, even on a connection that served another scope before', async () => {
      // One connection at a time, so that the next statement reuses the previous one's connection.
      for (let i = 0; i < 5; i++) {
        expect(await TenantScope.acrossTenants('sweeps', tenantsSeen)).toHaveLength(2);
        expect(await tenantsSeen()).toEqual([]);
        expect(await TenantScope.forTenant(b.tenantId, tenantsSeen)).toEqual([b.tenantId]);
      }
    });

    it('should run a transaction in the scope it began in, and refuse work of another scope joining it', async () => {
      const seen = await TenantScope.forTenant(a.tenantId, () => transactions.run(tenantsSeen));
      expect(seen).toEqual([a.tenantId]);
      await expect(
        TenantScope.forTenant(a.tenantId, () => transactions.run(() => TenantScope.forTenant(b.tenantId, tenantsSeen))),
      ).rejects.toThrow(/scope it began in/);
    });

    it.each(CROSS_TENANT_PATHS.map((path) => [path]))('should see every tenant on the %s path', async (path) => {
      const expected = [a.tenantId, b.tenantId].sort();
      expect((await TenantScope.acrossTenants(path, tenantsSeen)).sort()).toEqual(expected);
      expect((await TenantScope.acrossTenants(path, () => transactions.run(tenantsSeen))).sort()).toEqual(expected);
    });
  });

  describe('the session-revocations path', () => {
    it('should refuse a signed-out token of any workspace at an instance that read the revoked list at its start', async () => {
      const member = await registerTenant(t, 'Signed Out Co');
      await t.http().post('/auth/logout').auth(member.token, { type: 'bearer' }).expect(204);
      const replica = await createTestApp({
        DATABASE_URL: t.config.DATABASE_URL,
        REDIS_PREFIX: t.config.REDIS_PREFIX,
        JWT_SECRET: t.config.JWT_SECRET,
        ENCRYPTION_KEY: t.config.ENCRYPTION_KEY,
      });
      try {
        // Once the list is in memory the database is no longer asked: it must hold every workspace's tokens.
        const list = replica.app.get(RevokedTokens) as unknown as { ready: boolean };
        await eventually(
          async () => list.ready,
          (ready) => ready,
        );
        await replica.http().get('/auth/me').auth(member.token, { type: 'bearer' }).expect(401);
        await replica.http().get('/auth/me').auth(a.token, { type: 'bearer' }).expect(200);
      } finally {
        await replica.close();
      }
    });
  });
});
