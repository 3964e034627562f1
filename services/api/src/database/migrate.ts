import { migrateEnvSchema, parseEnv } from '@aerostic/shared';
import { postgresConnection } from '@aerostic/shared/node';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { APP_ROLE, CROSS_TENANT_SETTING } from './tenant-scope-settings';

/** PostgreSQL's codes for a database created by someone else between our check and our CREATE DATABASE. */
const DATABASE_CREATED_CONCURRENTLY = new Set(['42P04', '23505']);

/**
 * One key for every migration runner of a database: a deploy's one-shot migrate service, a `docker compose run`
 * by hand and a second host all queue behind the first (docs/adr/0175).
 */
export const MIGRATION_LOCK_SQL = `SELECT pg_advisory_lock(hashtext('aerostic:migrations'))`;

function pgCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/** Creates the database named in the URL when it does not exist yet (first start, a test's own database). */
export async function ensureDatabase(databaseUrl: string, caFile?: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new Client(postgresConnection(url.toString(), caFile));
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((error: unknown) => {
        if (!DATABASE_CREATED_CONCURRENTLY.has(pgCode(error) ?? '')) throw error;
      });
    }
  } finally {
    await client.end();
  }
}

/**
 * Applies the pending migrations, holding a session advisory lock for the whole run so that two runners never
 * interleave: the second waits, then finds nothing pending. The lock ends with its session, even on a crash.
 */
export async function runMigrations(databaseUrl: string, caFile?: string, appPassword?: string): Promise<string[]> {
  await ensureDatabase(databaseUrl, caFile);
  const lock = new Client(postgresConnection(databaseUrl, caFile));
  await lock.connect();
  try {
    await lock.query(MIGRATION_LOCK_SQL);
    const options = dataSourceOptions(databaseUrl, caFile);
    // The owner is held to row-level security too (FORCE): migrations work across tenants (docs/adr/0203).
    const extra = { ...(options.extra as object), options: `-c ${CROSS_TENANT_SETTING}=migrations` };
    const dataSource = new DataSource({ ...options, extra });
    await dataSource.initialize();
    try {
      const ran = await dataSource.runMigrations({ transaction: 'each' });
      if (appPassword) await setAppRolePassword(lock, appPassword);
      return ran.map((m) => m.name);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await lock.end();
  }
}

/** The application role's password, supplied by ops; set at every run, so that changing it takes one deploy. */
async function setAppRolePassword(client: Client, password: string): Promise<void> {
  const [statement] = (
    await client.query<{ sql: string }>(`SELECT format('ALTER ROLE %I PASSWORD %L', $1::text, $2::text) AS sql`, [
      APP_ROLE,
      password,
    ])
  ).rows;
  await client.query(statement!.sql);
}

async function main(): Promise<void> {
  // Only the database is needed to migrate; the rest of the API's environment is checked when it starts.
  const { DATABASE_URL, DATABASE_CA_FILE, APP_DATABASE_PASSWORD } = parseEnv(migrateEnvSchema);
  const ran = await runMigrations(DATABASE_URL, DATABASE_CA_FILE, APP_DATABASE_PASSWORD);
  process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'migrations complete', ran })}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
