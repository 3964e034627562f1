// What backup.mjs and restore.mjs share: PostgreSQL's client tools run with the connection in PG* variables (so
// a password never shows in a process list or a log), and S3 through the aws CLI. No npm package: the backup image
// has Node, the PostgreSQL 15 client and the aws CLI only.
import { spawnSync } from 'node:child_process';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/aerostic';

/** A dump's file name: sortable by time, and recognisable, so retention never deletes anything else. */
export const DUMP_NAME = /^aerostic-[A-Za-z0-9_-]+-\d{8}T\d{6}Z\.dump$/;

/** PG* variables for a postgres:// URL, pointed at `database` when given (else the URL's own). */
export function pgEnv(databaseUrl, database) {
  const url = new URL(databaseUrl);
  return {
    ...process.env,
    PGHOST: decodeURIComponent(url.hostname) || '127.0.0.1',
    PGPORT: url.port || '5432',
    PGUSER: decodeURIComponent(url.username) || 'postgres',
    PGPASSWORD: decodeURIComponent(url.password),
    PGDATABASE: database ?? decodeURIComponent(url.pathname.slice(1) || 'postgres'),
    // A managed server's `?sslmode=require` holds for the tools as for the API.
    ...(url.searchParams.has('sslmode') && { PGSSLMODE: url.searchParams.get('sslmode') }),
    // The managed server's CA, as the API reads it (DATABASE_CA_FILE, or sslrootcert in the URL).
    ...((process.env.DATABASE_CA_FILE || url.searchParams.get('sslrootcert')) && {
      PGSSLROOTCERT: process.env.DATABASE_CA_FILE || url.searchParams.get('sslrootcert'),
    }),
    // Keep psql's own settings (~/.psqlrc) out of what the scripts parse.
    PSQLRC: '/dev/null',
  };
}

/** Runs a client tool and answers its standard output; a non-zero exit throws with its standard error. */
export function run(command, args, env, input) {
  const result = spawnSync(command, args, { env, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`${command} could not be run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} failed (exit ${result.status}): ${result.stderr.trim()}`);
  return result.stdout;
}

/** One SQL statement through psql with `:'name'` variables bound from `vars`; rows as arrays of text. */
export function query(env, sql, vars = {}) {
  const args = ['-X', '-q', '-t', '-A', '-F', '\t', '-v', 'ON_ERROR_STOP=1'];
  for (const [name, value] of Object.entries(vars)) args.push('-v', `${name}=${value}`);
  return run('psql', [...args, '-f', '-'], env, sql)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('\t'));
}

/** `s3://bucket/prefix` joined with a file name. */
export function s3Key(uri, name) {
  return `${uri.replace(/\/+$/, '')}/${name}`;
}

/** Parses `--name value` and `--flag` options; the rest are positional. */
export function parseArgs(argv, flags) {
  const options = {};
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) positional.push(arg);
    else if (flags.includes(arg.slice(2))) options[arg.slice(2)] = true;
    else if (i + 1 < argv.length) options[arg.slice(2)] = argv[++i];
    else throw new Error(`${arg} needs a value`);
  }
  return { options, positional };
}
