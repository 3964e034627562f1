#!/usr/bin/env node
// npm run backup: one `pg_dump -Fc` of DATABASE_URL into BACKUP_DIR, dumps older than BACKUP_RETENTION_DAYS removed,
// and a copy to BACKUP_S3_URI when it is set. `--nightly` keeps running and takes one every day at BACKUP_AT (UTC),
// which is how the backup service of docker-compose.prod.yml runs it. Runbook: docs/operations.md.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_DATABASE_URL, DUMP_NAME, parseArgs, pgEnv, run, s3Key } from './backup/postgres.mjs';

const DAY_MS = 24 * 60 * 60 * 1000;

function settings() {
  const retentionDays = Number(process.env.BACKUP_RETENTION_DAYS || '14');
  if (!Number.isInteger(retentionDays) || retentionDays < 1) {
    throw new Error('BACKUP_RETENTION_DAYS must be a whole number of days, at least 1');
  }
  const at = process.env.BACKUP_AT || '02:30';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(at)) throw new Error('BACKUP_AT must be a UTC time as HH:MM');
  const s3Uri = process.env.BACKUP_S3_URI || undefined;
  if (s3Uri !== undefined && !s3Uri.startsWith('s3://')) throw new Error('BACKUP_S3_URI must start with s3://');
  return {
    databaseUrl: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
    dir: path.resolve(process.env.BACKUP_DIR || 'backups'),
    retentionDays,
    at,
    s3Uri,
  };
}

/** Takes one dump; answers its path. Written under a temporary name, so a dump that is there is whole. */
function backup(config, now = new Date()) {
  mkdirSync(config.dir, { recursive: true });
  const env = pgEnv(config.databaseUrl);
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const name = `aerostic-${env.PGDATABASE.replace(/[^A-Za-z0-9_-]/g, '_')}-${stamp}.dump`;
  const file = path.join(config.dir, name);
  const partial = `${file}.partial`;
  try {
    run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`], env);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  console.log(`backup written: ${file} (${statSync(file).size} bytes)`);
  if (config.s3Uri !== undefined) {
    run('aws', ['s3', 'cp', '--only-show-errors', file, s3Key(config.s3Uri, name)], process.env);
    console.log(`backup copied to ${s3Key(config.s3Uri, name)}`);
  }
  prune(config, now);
  return file;
}

/** Removes the local dumps older than the retention; S3 keeps its own by a lifecycle rule (docs/operations.md). */
function prune(config, now) {
  const cutoff = now.getTime() - config.retentionDays * DAY_MS;
  for (const name of readdirSync(config.dir)) {
    const file = path.join(config.dir, name);
    if (DUMP_NAME.test(name) && statSync(file).mtimeMs < cutoff) {
      rmSync(file);
      console.log(`backup removed (older than ${config.retentionDays} days): ${file}`);
    }
  }
}

/** Milliseconds from `now` to the next HH:MM UTC. */
function untilNext(at, now = new Date()) {
  const [hours, minutes] = at.split(':').map(Number);
  const next = new Date(now);
  next.setUTCHours(hours, minutes, 0, 0);
  if (next <= now) next.setTime(next.getTime() + DAY_MS);
  return next.getTime() - now.getTime();
}

async function nightly(config) {
  let stopping = false;
  const controller = new AbortController();
  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.once(signal, () => {
      stopping = true;
      controller.abort();
    });
  }
  console.log(`nightly backups at ${config.at} UTC into ${config.dir}`);
  while (!stopping) {
    await sleep(untilNext(config.at), undefined, { signal: controller.signal }).catch(() => undefined);
    if (stopping) break;
    // A failed night is logged and retried the next night; the dumps already there stay.
    try {
      backup(config);
    } catch (err) {
      console.error(`backup failed: ${err.message}`);
    }
  }
}

async function main() {
  const { options } = parseArgs(process.argv.slice(2), ['nightly']);
  const config = settings();
  if (options.nightly) await nightly(config);
  else backup(config);
}

main().catch((err) => {
  console.error(`backup refused: ${err.message}`);
  process.exit(1);
});
