import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '../../services/api/src/database/migrate';
import { REPO_ROOT } from './support/repo';

const BASE_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/aerostic';

function withDatabase(name: string): string {
  const url = new URL(BASE_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function sql<T extends Record<string, unknown>>(database: string, text: string, params: unknown[] = []) {
  const client = new Client({ connectionString: withDatabase(database) });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** Rows of every table of the public schema, counted exactly. */
async function rowCounts(database: string): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>(
    database,
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await sql<{ n: string }>(database, `SELECT count(*) AS n FROM "${name}"`);
    counts[name] = Number(row!.n);
  }
  return counts;
}

/** `npm run <script> -- args` as an operator runs it, with the environment given. */
function npmRun(script: string, args: string[], env: Record<string, string>) {
  return spawnSync('npm', ['run', '--silent', script, '--', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

describe('npm run backup and npm run restore', () => {
  const id = randomBytes(4).toString('hex');
  const source = `aerostic_backup_src_${id}`;
  const target = `aerostic_backup_dst_${id}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'aerostic-backups-'));
  const env = { DATABASE_URL: withDatabase(source), BACKUP_DIR: dir, BACKUP_RETENTION_DAYS: '7' };
  /** Databases the restore named itself. */
  const extra: string[] = [];

  beforeAll(async () => {
    await runMigrations(withDatabase(source));
    for (let i = 0; i < 3; i++) {
      const [tenant] = await sql<{ id: string }>(
        source,
        `INSERT INTO tenants (name, domain) VALUES ($1, $2) RETURNING id`,
        [`Backup ${i}`, `backup-${id}-${i}`],
      );
      for (let j = 0; j <= i; j++) {
        await sql(
          source,
          `INSERT INTO users (tenant_id, email, name, password_hash, role) VALUES ($1, $2, 'Ada', 'x', 'admin')`,
          [tenant!.id, `ada-${id}-${i}-${j}@example.com`],
        );
      }
    }
  }, 60_000);

  afterAll(async () => {
    for (const name of [source, target, ...extra]) {
      await sql('postgres', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('should restore every table with the same row counts into a new database when a backup was taken', async () => {
    const backup = npmRun('backup', [], env);
    const [dump] = readdirSync(dir).filter((name) => name.endsWith('.dump'));

    const restore = npmRun('restore', [path.join(dir, dump!), '--database', target], env);

    expect(backup.status).toBe(0);
    expect(restore.status).toBe(0);
    const before = await rowCounts(source);
    expect(before).toMatchObject({ tenants: 3, users: 6 });
    expect(Object.keys(before).length).toBeGreaterThan(20);
    expect(await rowCounts(target)).toEqual(before);
  }, 60_000);

  it('should refuse to restore into a database that holds tables unless --force is given', async () => {
    const [dump] = readdirSync(dir).filter((name) => name.endsWith('.dump'));
    await sql(target, `DELETE FROM users`);

    const refused = npmRun('restore', [path.join(dir, dump!), '--database', target], env);
    const forced = npmRun('restore', [path.join(dir, dump!), '--database', target, '--force'], env);

    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`database ${target} is not empty`);
    expect(forced.status).toBe(0);
    expect(await rowCounts(target)).toEqual(await rowCounts(source));
  }, 60_000);

  it('should create a new database and restore into it when no --database is given', async () => {
    const [dump] = readdirSync(dir).filter((name) => name.endsWith('.dump'));

    const restore = npmRun('restore', [path.join(dir, dump!)], env);
    const created = /into database (aerostic_restore_\w+)/.exec(restore.stdout)?.[1];
    if (created) extra.push(created);

    expect(restore.status).toBe(0);
    expect(created).toBeDefined();
    expect(await rowCounts(created!)).toEqual(await rowCounts(source));
  }, 60_000);

  it('should remove only dumps older than BACKUP_RETENTION_DAYS when a new backup is written', () => {
    const old = path.join(dir, 'aerostic-old-20200101T000000Z.dump');
    const unrelated = path.join(dir, 'notes.txt');
    writeFileSync(old, '');
    writeFileSync(unrelated, '');
    const tenDaysAgo = new Date(Date.now() - 10 * 24 * 60 * 60 * 1000);
    utimesSync(old, tenDaysAgo, tenDaysAgo);
    utimesSync(unrelated, tenDaysAgo, tenDaysAgo);

    const backup = npmRun('backup', [], env);

    expect(backup.status).toBe(0);
    const left = readdirSync(dir);
    expect(left).not.toContain(path.basename(old));
    expect(left).toContain('notes.txt');
    expect(left.filter((name) => name.endsWith('.dump')).length).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
