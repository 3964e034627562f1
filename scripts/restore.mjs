#!/usr/bin/env node
// npm run restore -- FILE [--database NAME] [--force]: restores a dump of `npm run backup` (a path, or an s3:// key
// fetched with the aws CLI) into a database on DATABASE_URL's server. Without --database it creates a new one
// (aerostic_restore_<time>); a database that already holds tables is refused unless --force is given, which
// replaces the objects the dump contains. The restore is one transaction: it lands whole or not at all.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_DATABASE_URL, parseArgs, pgEnv, query, run } from './backup/postgres.mjs';

const USAGE = 'usage: npm run restore -- FILE [--database NAME] [--force]';

/** Tables, views and sequences outside PostgreSQL's own schemas: what "not empty" means here. */
const USER_RELATIONS = `SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
  AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f');`;

function restore(file, database, force) {
  const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const maintenance = pgEnv(databaseUrl, 'postgres');
  const exists = query(maintenance, `SELECT 1 FROM pg_database WHERE datname = :'name';`, { name: database });
  if (exists.length === 0) {
    query(maintenance, `CREATE DATABASE :"name";`, { name: database });
    console.log(`database created: ${database}`);
  } else {
    const [[relations]] = query(pgEnv(databaseUrl, database), USER_RELATIONS);
    if (Number(relations) > 0 && !force) {
      throw new Error(
        `database ${database} is not empty (${relations} tables, views or sequences); restore into a new one ` +
          '(leave out --database) or pass --force to replace what the dump contains',
      );
    }
  }
  const args = ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction'];
  if (force) args.push('--clean', '--if-exists');
  run('pg_restore', [...args, '--dbname', database, file], pgEnv(databaseUrl, database));
  console.log(`restored ${file} into database ${database}`);
}

function main() {
  const { options, positional } = parseArgs(process.argv.slice(2), ['force']);
  if (positional.length !== 1) throw new Error(USAGE);
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, '')
    .replace('T', '_');
  const database = options.database ?? `aerostic_restore_${stamp.toLowerCase()}`;
  if (!/^[A-Za-z_][A-Za-z0-9_-]{0,62}$/.test(database)) throw new Error(`--database ${database} is not a name`);
  let file = positional[0];
  let downloaded;
  if (file.startsWith('s3://')) {
    downloaded = mkdtempSync(path.join(tmpdir(), 'aerostic-restore-'));
    const local = path.join(downloaded, path.basename(file));
    run('aws', ['s3', 'cp', '--only-show-errors', file, local], process.env);
    file = local;
  }
  try {
    restore(path.resolve(file), database, options.force === true);
  } finally {
    if (downloaded) rmSync(downloaded, { recursive: true, force: true });
  }
}

try {
  main();
} catch (err) {
  console.error(`restore refused: ${err.message}`);
  process.exit(1);
}
