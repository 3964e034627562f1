import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { ensureDatabase, runMigrations } from '../src/database/migrate';
import { MIGRATIONS } from '../src/database/migrations';
import { TenantForeignKeys1767750400000 } from '../src/database/migrations/1767750400000-tenant-foreign-keys';

const BASE_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/aerostic';

/** A database name no other test uses; it does not exist until a runner creates it. */
function freshDatabaseUrl(): { url: string; name: string } {
  const name = `aerostic_test_fks_${randomBytes(4).toString('hex')}`;
  const url = new URL(BASE_DATABASE_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}

/** Applies the migrations before the tenant foreign keys, as a database deployed before them has. */
async function migrateUpToTenantForeignKeys(url: string): Promise<void> {
  const index = MIGRATIONS.indexOf(TenantForeignKeys1767750400000);
  expect(index).toBeGreaterThan(0);
  await ensureDatabase(url);
  const source = new DataSource({ ...dataSourceOptions(url), migrations: MIGRATIONS.slice(0, index) });
  await source.initialize();
  try {
    await source.runMigrations({ transaction: 'each' });
  } finally {
    await source.destroy();
  }
}

/** The ids of one workspace's rows, one in every table a foreign key between workspace tables joins. */
interface Workspace {
  tenant: string;
  user: string;
  contact: string;
  number: string;
  team: string;
  conversation: string;
  message: string;
  campaign: string;
  rule: string;
  endpoint: string;
}

/** A workspace with a row in every table that references another workspace table, written as the API stores them. */
async function seedWorkspace(db: Client, label: string): Promise<Workspace> {
  const w: Workspace = {
    tenant: randomUUID(),
    user: randomUUID(),
    contact: randomUUID(),
    number: randomUUID(),
    team: randomUUID(),
    conversation: randomUUID(),
    message: randomUUID(),
    campaign: randomUUID(),
    rule: randomUUID(),
    endpoint: randomUUID(),
  };
  const digits = String(randomBytes(4).readUInt32BE(0)).padStart(10, '1');
  const run = (text: string, params: unknown[]) => db.query(text, params);
  await run(`INSERT INTO tenants (id, name, domain) VALUES ($1, $2, $3)`, [w.tenant, label, `${label}.test`]);
  await run(
    `INSERT INTO users (id, tenant_id, email, name, password_hash, role) VALUES ($1, $2, $3, 'Ada', 'x', 'admin')`,
    [w.user, w.tenant, `ada-${digits}@example.test`],
  );
  await run(
    `INSERT INTO invitations (tenant_id, email, role, token_hash, expires_at, invited_by_user_id)
     VALUES ($1, $2, 'agent', $3, now() + interval '1 day', $4)`,
    [w.tenant, `new-${digits}@example.test`, `hash-${digits}`, w.user],
  );
  await run(`INSERT INTO contacts (id, tenant_id, wa_id) VALUES ($1, $2, $3)`, [w.contact, w.tenant, digits]);
  await run(
    `INSERT INTO whatsapp_accounts (id, tenant_id, waba_id, phone_number_id, display_phone_number,
       access_token_encrypted) VALUES ($1, $2, $3, $4, $5, 'sealed')`,
    [w.number, w.tenant, `waba-${digits}`, `phone-${digits}`, digits],
  );
  await run(`INSERT INTO teams (id, tenant_id, name) VALUES ($1, $2, 'Billing')`, [w.team, w.tenant]);
  await run(`INSERT INTO team_members (team_id, user_id, tenant_id) VALUES ($1, $2, $3)`, [w.team, w.user, w.tenant]);
  await run(
    `INSERT INTO conversations (id, tenant_id, contact_id, whatsapp_account_id, assignee_id, team_id)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [w.conversation, w.tenant, w.contact, w.number, w.user, w.team],
  );
  await run(
    `INSERT INTO messages (id, tenant_id, conversation_id, direction, type, content, status, sender_user_id)
     VALUES ($1, $2, $3, 'outbound', 'text', '{"text":{"body":"Hi"}}', 'sent', $4)`,
    [w.message, w.tenant, w.conversation, w.user],
  );
  await run(
    `INSERT INTO conversation_notes (tenant_id, conversation_id, body, author_user_id) VALUES ($1, $2, 'Note', $3)`,
    [w.tenant, w.conversation, w.user],
  );
  await run(`INSERT INTO revoked_tokens (id, tenant_id, user_id, expires_at) VALUES ($1, $2, $3, now())`, [
    randomUUID(),
    w.tenant,
    w.user,
  ]);
  await run(
    `INSERT INTO campaigns (id, tenant_id, whatsapp_account_id, name, status, template_name, template_language,
       template_category, scheduled_at, created_by_user_id)
     VALUES ($1, $2, $3, 'Sale', 'scheduled', 'sale', 'en', 'MARKETING', now(), $4)`,
    [w.campaign, w.tenant, w.number, w.user],
  );
  await run(
    `INSERT INTO campaign_recipients (tenant_id, campaign_id, contact_id, position, state)
     VALUES ($1, $2, $3, 0, 'pending')`,
    [w.tenant, w.campaign, w.contact],
  );
  await run(`INSERT INTO automation_rules (id, tenant_id, name, trigger, actions) VALUES ($1, $2, 'Hi', '{}', '[]')`, [
    w.rule,
    w.tenant,
  ]);
  await run(
    `INSERT INTO automation_runs (tenant_id, rule_id, rule_name, trigger, event_key, conversation_id, message_id)
     VALUES ($1, $2, 'Hi', 'message_received', $3, $4, $5)`,
    [w.tenant, w.rule, `event-${digits}`, w.conversation, w.message],
  );
  await run(
    `INSERT INTO routing_waits (conversation_id, tenant_id, strategy, reason, team_id)
     VALUES ($1, $2, 'round_robin', 'nobody', $3)`,
    [w.conversation, w.tenant, w.team],
  );
  await run(`INSERT INTO routing_turns (user_id, tenant_id) VALUES ($1, $2)`, [w.user, w.tenant]);
  await run(
    `INSERT INTO webhook_endpoints (id, tenant_id, url, events, secret_sealed)
     VALUES ($1, $2, 'http://127.0.0.1:9/hook', '{message.received}', 'sealed')`,
    [w.endpoint, w.tenant],
  );
  await run(
    `INSERT INTO webhook_deliveries (tenant_id, endpoint_id, event_id, type, payload, retry_until)
     VALUES ($1, $2, gen_random_uuid(), 'webhook.test', '{}', now())`,
    [w.tenant, w.endpoint],
  );
  await run(
    `INSERT INTO api_keys (tenant_id, name, prefix, secret_hash, scopes, created_by)
     VALUES ($1, 'CRM', $2, '\\x00', '{read}', $3)`,
    [w.tenant, digits.slice(0, 12), w.user],
  );
  await run(
    `INSERT INTO microsoft_identities (user_id, tenant_id, entra_tenant_id, object_id) VALUES ($1, $2, 'entra', $3)`,
    [w.user, w.tenant, `object-${digits}`],
  );
  await run(
    `INSERT INTO chat_entry_points (tenant_id, whatsapp_account_id, name, kind, ref) VALUES ($1, $2, 'Bio', 'link', $3)`,
    [w.tenant, w.number, randomBytes(3).toString('hex')],
  );
  await run(
    `INSERT INTO email_tokens (tenant_id, user_id, purpose, token_hash, expires_at)
     VALUES ($1, $2, 'password_reset', $3, now())`,
    [w.tenant, w.user, `reset-${digits}`],
  );
  return w;
}

/** Each foreign key between two tables that both have a tenant_id, with its columns in order. */
const FOREIGN_KEYS_BETWEEN_WORKSPACE_TABLES = `
  SELECT c.conname AS name, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
         c.confdeltype AS on_delete,
         ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS columns,
         ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
               JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS referenced,
         ARRAY(SELECT a.attname::text FROM unnest(c.confdelsetcols) k(n)
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS set_null
  FROM pg_constraint c
  WHERE c.contype = 'f'
    AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attname = 'tenant_id')
    AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.confrelid AND a.attname = 'tenant_id')
  ORDER BY 1`;

interface ForeignKey {
  name: string;
  child: string;
  parent: string;
  on_delete: string;
  columns: string[];
  referenced: string[];
  set_null: string[];
}

describe(TenantForeignKeys1767750400000.name, () => {
  const created: string[] = [];
  const clients: Client[] = [];

  async function database(): Promise<{ url: string; db: Client }> {
    const { url, name } = freshDatabaseUrl();
    created.push(name);
    await migrateUpToTenantForeignKeys(url);
    const db = new Client({ connectionString: url });
    await db.connect();
    clients.push(db);
    return { url, db };
  }

  afterAll(async () => {
    for (const client of clients) await client.end();
    const admin = new URL(BASE_DATABASE_URL);
    admin.pathname = '/postgres';
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      for (const name of created) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  });

  describe('on a database with two workspaces', () => {
    let db: Client;
    let a: Workspace;
    let b: Workspace;
    let before: Record<string, number>;

    const counts = async () => {
      const tables = await db.query<{ table_name: string }>(
        `SELECT c.table_name FROM information_schema.columns c
         JOIN information_schema.tables t USING (table_schema, table_name)
         WHERE c.table_schema = current_schema() AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'
         ORDER BY 1`,
      );
      const result: Record<string, number> = {};
      for (const { table_name: table } of tables.rows) {
        const [row] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows;
        result[table] = row?.n ?? 0;
      }
      return result;
    };

    beforeAll(async () => {
      const fresh = await database();
      db = fresh.db;
      a = await seedWorkspace(db, 'alpha');
      b = await seedWorkspace(db, 'beta');
      before = await counts();
      await runMigrations(fresh.url);
    });

    it('should migrate forward keeping every row', async () => {
      const applied = await db.query(`SELECT 1 FROM migrations WHERE name = $1`, [TenantForeignKeys1767750400000.name]);

      expect(applied.rowCount).toBe(1);
      expect(before.conversations).toBe(2);
      expect(await counts()).toEqual(before);
    });

    it('should give every foreign key between workspace tables the tenant id on both sides', async () => {
      const keys = (await db.query<ForeignKey>(FOREIGN_KEYS_BETWEEN_WORKSPACE_TABLES)).rows.filter(
        (key) => key.parent !== 'tenants',
      );

      expect(keys.length).toBeGreaterThanOrEqual(27);
      expect(keys.filter((key) => key.columns[0] !== 'tenant_id' || key.referenced[0] !== 'tenant_id')).toEqual([]);
      // SET NULL names the pointing column alone: nulling tenant_id too would break its NOT NULL.
      expect(keys.filter((key) => key.on_delete === 'n' && key.set_null.includes('tenant_id'))).toEqual([]);
      expect(keys.filter((key) => key.on_delete === 'n').length).toBeGreaterThan(5);
    });

    it.each([
      ['messages', 'conversation_id', 'conversation'],
      ['conversations', 'contact_id', 'contact'],
      ['campaign_recipients', 'campaign_id', 'campaign'],
      ['team_members', 'user_id', 'user'],
      ['webhook_deliveries', 'endpoint_id', 'endpoint'],
    ] as const)(
      "should refuse a row of %s whose %s points at another workspace's row",
      async (table, column, target) => {
        // A new position, so that the recipient cannot collide with B's on (campaign_id, position) first.
        const also = table === 'campaign_recipients' ? ', position = 99' : '';
        const update = db.query(`UPDATE ${table} SET ${column} = $1${also} WHERE tenant_id = $2`, [
          b[target],
          a.tenant,
        ]);

        await expect(update).rejects.toMatchObject({ code: '23503', table });
        const [own] = (await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`, [a[target]]))
          .rows;
        expect(own).toEqual({ n: 1 });
      },
    );

    it('should keep the tenant id of a row whose pointer is set null when its target goes', async () => {
      await db.query(`DELETE FROM teams WHERE id = $1`, [a.team]);

      const rows = await db.query(`SELECT tenant_id, team_id FROM conversations WHERE id = $1`, [a.conversation]);
      expect(rows.rows).toEqual([{ tenant_id: a.tenant, team_id: null }]);
    });

    it("should delete a workspace's rows along with it and leave the other's", async () => {
      const others = await counts();

      await db.query(`DELETE FROM tenants WHERE id = $1`, [b.tenant]);

      const left = await db.query(`SELECT count(*)::int AS n FROM conversations WHERE tenant_id = $1`, [a.tenant]);
      expect(left.rows).toEqual([{ n: 1 }]);
      expect((await counts()).messages).toBe(others.messages! - 1);
    });
  });

  it('should refuse to migrate a database where a row points into another workspace, naming it', async () => {
    const { url, db } = await database();
    const a = await seedWorkspace(db, 'alpha');
    const b = await seedWorkspace(db, 'beta');
    await db.query(`UPDATE messages SET conversation_id = $1 WHERE id = $2`, [b.conversation, a.message]);

    await expect(runMigrations(url)).rejects.toThrow(
      /messages\.conversation_id: 1 row\(s\) point at conversations of another workspace/,
    );

    const applied = await db.query(`SELECT 1 FROM migrations WHERE name = $1`, [TenantForeignKeys1767750400000.name]);
    expect(applied.rowCount).toBe(0);
    const [message] = (await db.query(`SELECT conversation_id FROM messages WHERE id = $1`, [a.message])).rows;
    expect(message).toEqual({ conversation_id: b.conversation });
  });
});
