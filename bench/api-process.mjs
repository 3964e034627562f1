// The built API on a database of its own, for the benches that measure reads through it (inbox-read, analytics):
// checks that everything stays on this machine, runs the migrations and the API as in production with fresh secrets,
// and on the way out stops what it started and drops the database (unless kept) and the Redis keys.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const API_MAIN = `${ROOT}services/api/dist/main.js`;
const MIGRATE_MAIN = `${ROOT}services/api/dist/database/migrate.js`;
const LOCAL_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];
const BENCH_DB = /^aerostic_bench_[0-9a-f]{8}$/;

/** Prints `<name>: message` and exits with 2, the benches' code for a refused invocation. */
export function refuse(name, message) {
  console.error(`${name}: ${message}`);
  process.exit(2);
}

/** A port nobody listens on now, so that the health check cannot reach someone else's API. */
function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Prepares a bench's API: `name` prefixes its messages, `redisPrefix` its keys; `database` reuses a database an
 * earlier run kept (only one this bench made), `keep` leaves the database for such a run; `profile` names a directory
 * for a V8 CPU profile of the API (open it in Chrome DevTools).
 */
/** The same database as aerostic_app, the API's own role (its password is ignored by a trust-authenticated server). */
export function appRoleUrl(url) {
  const app = new URL(url);
  app.username = 'aerostic_app';
  return app.toString();
}

export async function benchApi({ name, redisPrefix, database, keep = false, profile }) {
  const id = randomBytes(4).toString('hex');
  const baseDb = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/aerostic';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const dbUrl = new URL(database ?? baseDb);
  if (!database) dbUrl.pathname = `/aerostic_bench_${id}`;
  const dbName = decodeURIComponent(dbUrl.pathname.slice(1));
  for (const [label, url] of [
    ['DATABASE_URL', baseDb],
    ['--database', dbUrl.toString()],
    ['REDIS_URL', redisUrl],
  ]) {
    if (!LOCAL_HOSTS.includes(new URL(url).hostname))
      refuse(
        name,
        `${label} must point at this machine (got host ${new URL(url).host}): the bench drops what it made.`,
      );
  }
  // The database is dropped at the end (unless kept), so --database only takes one a bench made.
  if (!BENCH_DB.test(dbName))
    refuse(name, `--database must name a database of this bench (aerostic_bench_xxxxxxxx), not ${dbName}`);
  for (const file of [API_MAIN, MIGRATE_MAIN]) {
    if (!existsSync(file)) refuse(name, `${file} is missing: run \`npm run build\` first (the bench builds nothing).`);
  }
  // Production refuses a database URL without a password; a local server with trust authentication ignores it.
  const apiDbUrl = new URL(dbUrl);
  if (!apiDbUrl.password) apiDbUrl.password = randomBytes(12).toString('hex');
  const port = await freePort();
  // The API as in production, with fresh secrets (production refuses published ones); nothing leaves the machine.
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    API_PORT: String(port),
    DATABASE_URL: apiDbUrl.toString(),
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `${redisPrefix}-${id}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    META_GRAPH_URL: 'http://127.0.0.1:9',
    MEDIA_STORAGE_DIR: `/tmp/aerostic-bench-${id}`,
  };

  const children = new Set();
  const exitCode = (child) => child.exitCode ?? new Promise((resolve) => child.once('exit', resolve));
  let stopping = false;

  function spawnTracked(command, argv, options) {
    const child = spawn(command, argv, { cwd: ROOT, ...options });
    children.add(child);
    child.once('exit', () => children.delete(child));
    return child;
  }

  async function waitHealthy(api) {
    for (let i = 0; i < 150; i++) {
      if (api.exitCode !== null) throw new Error(`the API exited with ${api.exitCode} before it was healthy`);
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await sleep(200);
    }
    throw new Error('the API was not healthy after 30 s');
  }

  /** Migrates (a reused database too: an index added since applies before measuring), starts the API, waits. */
  async function start(onUnexpectedExit) {
    const migrate = spawnTracked(process.execPath, [MIGRATE_MAIN], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    if ((await exitCode(migrate)) !== 0) throw new Error('migrations failed');
    // Migrated as the owner; the API runs as its own role, held to row-level security as in production.
    const apiEnv = { ...env, DATABASE_URL: appRoleUrl(env.DATABASE_URL) };
    const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`, '--cpu-prof-name=api.cpuprofile'] : [];
    const api = spawnTracked(process.execPath, [...flags, API_MAIN], {
      env: apiEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // LOG_LEVEL=warn: whatever the API logs is worth seeing.
    api.stdout.on('data', (d) => process.stderr.write(`[api] ${d}`));
    api.stderr.on('data', (d) => process.stderr.write(`[api] ${d}`));
    api.once('exit', (code, signal) => {
      if (!stopping) onUnexpectedExit(`the API exited (${signal ?? `code ${code}`})`);
    });
    await waitHealthy(api);
    return api;
  }

  async function postJson(path, body) {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text);
  }

  // One socket, kept alive: a sequential latency is the API's and the database's, not connection setup.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  /** GET with a bearer token; answers the status and, unless `keepBody` is false, the body. */
  function get(path, token, keepBody = true) {
    return new Promise((resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port, path, agent, headers: { authorization: `Bearer ${token}` } },
        (res) => {
          const chunks = [];
          res.on('data', (chunk) => {
            if (keepBody) chunks.push(chunk);
          });
          res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      req.on('error', reject);
    });
  }

  /** Stops what this run started; drops its database unless kept, and always its Redis keys. */
  async function cleanup() {
    stopping = true;
    for (const child of children) child.kill('SIGTERM');
    const killer = setTimeout(() => children.forEach((child) => child.kill('SIGKILL')), 10_000);
    await Promise.all([...children].map(exitCode));
    clearTimeout(killer);
    if (keep) {
      console.log(`kept ${dbUrl} (reuse it with --database, drop it with DROP DATABASE ${dbName})`);
    } else {
      const adminUrl = new URL(dbUrl);
      adminUrl.pathname = '/postgres';
      const admin = new pg.Client({ connectionString: adminUrl.toString() });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await admin.end();
    }
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    for await (const keys of redis.scanStream({ match: `${env.REDIS_PREFIX}*`, count: 1000 })) {
      if (keys.length > 0) await redis.del(...keys);
    }
    redis.disconnect();
  }

  /**
   * Runs `main` within `deadlineMs`; after it, a failure, the time limit or Ctrl-C, cleanup runs once and the
   * process exits (0 only when `main` finished).
   */
  function run(main, deadlineMs) {
    let finishing = false;
    const finish = async (code, error) => {
      if (finishing) return;
      finishing = true;
      clearTimeout(deadline);
      if (error) console.error(error instanceof Error ? error : `${name}: ${error}`);
      try {
        await cleanup();
      } catch (cleanupError) {
        console.error(`${name}: cleanup failed:`, cleanupError);
        code = 1;
      }
      process.exit(code);
    };
    const deadline = setTimeout(() => finish(1, `exceeded its ${deadlineMs / 1000} s budget`), deadlineMs);
    process.once('SIGINT', () => finish(1, 'interrupted'));
    main((reason) => finish(1, reason)).then(
      () => finish(0),
      (error) => finish(1, error),
    );
  }

  return { id, port, env, dbUrl, dbName, spawnTracked, exitCode, start, get, postJson, run };
}
