import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { MIGRATIONS } from '../src/database/migrations';
import { MIGRATION_LOCK_SQL, runMigrations } from '../src/database/migrate';

const BASE_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/aerostic';

/** A database name no other test uses; it does not exist until a runner creates it. */
function freshDatabaseUrl(): { url: string; name: string } {
  const name = `aerostic_test_migrate_${randomBytes(4).toString('hex')}`;
  const url = new URL(BASE_DATABASE_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe(runMigrations.name, () => {
  const created: string[] = [];

  afterAll(async () => {
    const admin = new URL(BASE_DATABASE_URL);
    admin.pathname = '/postgres';
    await withClient(admin.toString(), async (client) => {
      for (const name of created) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  });

  it('should apply every migration exactly once when two runners start together on a fresh database', async () => {
    const { url, name } = freshDatabaseUrl();
    created.push(name);

    const [first, second] = await Promise.all([runMigrations(url), runMigrations(url)]);

    const applied = await withClient(url, (client) =>
      client.query<{ name: string }>('SELECT name FROM migrations ORDER BY id'),
    );
    expect([first.length, second.length].sort((a, b) => a - b)).toEqual([0, MIGRATIONS.length]);
    expect(applied.rows).toHaveLength(MIGRATIONS.length);
    expect(new Set(applied.rows.map((row) => row.name)).size).toBe(MIGRATIONS.length);
  });

  it('should wait for the migration lock when another session holds it', async () => {
    const { url, name } = freshDatabaseUrl();
    created.push(name);
    await runMigrations(url);
    const holder = new Client({ connectionString: url });
    await holder.connect();
    await holder.query(MIGRATION_LOCK_SQL);

    let finished = false;
    const run = runMigrations(url).then((ran) => {
      finished = true;
      return ran;
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const finishedWhileHeld = finished;
    await holder.end();

    expect(finishedWhileHeld).toBe(false);
    await expect(run).resolves.toEqual([]);
  });
});
