// bench/analytics: how the analytics reports hold up when a tenant grows from 100,000 to 1,000,000 messages over 90
// days. Runs the built API on a database of its own, contacts only 127.0.0.1 and drops what it made at the end.
// Options, targets and how to read the report: bench/README.md.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const API_MAIN = `${ROOT}services/api/dist/main.js`;
const MIGRATE_MAIN = `${ROOT}services/api/dist/database/migrate.js`;
const SEED_SQL = fileURLToPath(new URL('seed.sql', import.meta.url));
const PASSWORD = 'bench password 1';
const LOCAL_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];
const BENCH_DB = /^aerostic_bench_[0-9a-f]{8}$/;
// Each report is measured for at most this long per tenant and range, so the run stays within minutes.
const SEQUENTIAL_BUDGET_MS = 10_000;
const TARGET = { p99Ms: 200 };
const DAYS = 90;
const ZONE = 'America/Sao_Paulo';

/** The small tenant is a tenth of the large one in messages and conversations. */
const TENANTS = [
  { key: 'small', messages: 100_000, conversations: 10_000, agents: 50 },
  { key: 'large', messages: 1_000_000, conversations: 100_000, agents: 50 },
];
const REPORTS = ['summary', 'daily', 'agents', 'numbers', 'templates', 'campaigns'];
const RANGES = [30, 90];

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '200' },
    only: { type: 'string' },
  },
});
const REQUESTS = Number(args.requests);
const WARMUP_REQUESTS = 10;
if (!Number.isInteger(REQUESTS) || REQUESTS < 10 || REQUESTS > 100_000) fail('--requests must be 10 to 100000');
const selected = args.only ? args.only.split(',').map((s) => s.trim()) : REPORTS;
const unknown = selected.filter((name) => !REPORTS.includes(name));
if (unknown.length > 0) fail(`unknown report(s) ${unknown.join(', ')}; known: ${REPORTS.join(', ')}`);

const id = randomBytes(4).toString('hex');
const baseDb = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/aerostic';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const dbUrl = new URL(baseDb);
dbUrl.pathname = `/aerostic_bench_${id}`;
const dbName = decodeURIComponent(dbUrl.pathname.slice(1));
for (const [name, url] of [
  ['DATABASE_URL', baseDb],
  ['REDIS_URL', redisUrl],
]) {
  if (!LOCAL_HOSTS.includes(new URL(url).hostname))
    fail(`${name} must point at this machine (got host ${new URL(url).host}): the bench drops what it made there.`);
}
if (!BENCH_DB.test(dbName)) fail(`refusing to use ${dbName}`);
for (const file of [API_MAIN, MIGRATE_MAIN]) {
  if (!existsSync(file)) fail(`${file} is missing: run \`npm run build\` first (the bench builds nothing).`);
}
const apiDbUrl = new URL(dbUrl);
if (!apiDbUrl.password) apiDbUrl.password = randomBytes(12).toString('hex');
const API_PORT = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});
const env = {
  ...process.env,
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  API_PORT: String(API_PORT),
  DATABASE_URL: apiDbUrl.toString(),
  REDIS_URL: redisUrl,
  REDIS_PREFIX: `bench-analytics-${id}`,
  JWT_SECRET: randomBytes(32).toString('hex'),
  ENCRYPTION_KEY: randomBytes(32).toString('hex'),
  META_GRAPH_URL: 'http://127.0.0.1:9',
  MEDIA_STORAGE_DIR: `/tmp/aerostic-bench-${id}`,
};

function fail(message) {
  console.error(`bench/analytics: ${message}`);
  process.exit(2);
}

const children = new Set();
function spawnTracked(command, argv, options) {
  const child = spawn(command, argv, { cwd: ROOT, ...options });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function exitCode(child) {
  return child.exitCode ?? new Promise((resolve) => child.once('exit', resolve));
}

async function waitForApi(api) {
  for (let i = 0; i < 150; i++) {
    if (api.exitCode !== null) throw new Error(`the API exited with ${api.exitCode} before it was healthy`);
    const ok = await fetch(`http://127.0.0.1:${API_PORT}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(200);
  }
  throw new Error('the API was not healthy after 30 s');
}

async function postJson(path, body) {
  const res = await fetch(`http://127.0.0.1:${API_PORT}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

// One socket, kept alive: the latency is the API's and the database's, not connection setup.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function get(path, token) {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port: API_PORT, path, agent, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
  });
}

async function seed(db, tenants) {
  const started = performance.now();
  await db.query(readFileSync(SEED_SQL, 'utf8'));
  for (const tenant of tenants) {
    const t0 = performance.now();
    await db.query(`UPDATE tenants SET time_zone = $2 WHERE id = $1`, [tenant.id, ZONE]);
    await db.query('CALL pg_temp.seed_analytics($1, $2, $3, $4, $5)', [
      tenant.id,
      tenant.messages,
      tenant.conversations,
      tenant.agents,
      DAYS,
    ]);
    const { rows } = await db.query(
      `SELECT (SELECT sum(messages)::float8 FROM message_stats_daily WHERE tenant_id = $1) AS messages,
              (SELECT count(*)::int FROM message_stats_daily WHERE tenant_id = $1) AS rollups,
              (SELECT count(*)::int FROM conversation_facts WHERE tenant_id = $1) AS facts`,
      [tenant.id],
    );
    console.log(
      `  seeded ${tenant.key} in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${rows[0].messages} messages in ` +
        `${rows[0].rollups} rollup rows, ${tenant.conversations} conversations in ${rows[0].facts} fact rows`,
    );
  }
  await db.query('VACUUM ANALYZE');
  return (performance.now() - started) / 1000;
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** One request at a time after a warm-up: p50 and p99 in ms, and how many were measured (at least 10). */
async function sequential(path, token) {
  const timed = async () => {
    const t0 = performance.now();
    const { status, body } = await get(path, token);
    if (status !== 200) throw new Error(`GET ${path} answered ${status}: ${body.slice(0, 300)}`);
    return performance.now() - t0;
  };
  for (let i = 0; i < WARMUP_REQUESTS; i++) await timed();
  const latencies = [];
  const deadline = performance.now() + SEQUENTIAL_BUDGET_MS;
  while (latencies.length < 10 || (latencies.length < REQUESTS && performance.now() < deadline))
    latencies.push(await timed());
  latencies.sort((a, b) => a - b);
  return { p50: pct(latencies, 50), p99: pct(latencies, 99), n: latencies.length };
}

/** The tenant's today and the range of `days` days ending today, in its time zone. */
function range(days) {
  const today = new Date().toLocaleDateString('en-CA', { timeZone: ZONE });
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return `from=${from}&to=${today}`;
}

async function main() {
  console.log(
    `bench/analytics: ${selected.length} reports × ${RANGES.length} ranges; up to ${REQUESTS} sequential requests ` +
      `(after ${WARMUP_REQUESTS}) each; load average ${loadavg()[0].toFixed(2)}\n  database ${dbName}`,
  );
  const migrate = spawnTracked(process.execPath, [MIGRATE_MAIN], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  if ((await exitCode(migrate)) !== 0) throw new Error('migrations failed');
  const api = spawnTracked(process.execPath, [API_MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  api.stdout.on('data', (d) => process.stderr.write(`[api] ${d}`));
  api.stderr.on('data', (d) => process.stderr.write(`[api] ${d}`));
  api.once('exit', (code, signal) => {
    if (!stopping) finish(1, `the API exited (${signal ?? `code ${code}`})`);
  });
  await waitForApi(api);

  const db = new pg.Client({ connectionString: dbUrl.toString() });
  await db.connect();
  const tenants = [];
  try {
    for (const size of TENANTS) {
      const auth = await postJson('/auth/register', {
        tenantName: `Analytics bench ${size.key}`,
        name: 'Bench Admin',
        email: `analytics-${size.key}-${id}@example.test`,
        password: PASSWORD,
      });
      tenants.push({ ...size, id: auth.tenant.id, token: auth.access_token });
    }
    console.log(`  seed: ${(await seed(db, tenants)).toFixed(1)} s for both tenants (with VACUUM ANALYZE)`);
  } finally {
    await db.end();
  }

  // Both tenants' 90-day figures, so the report shows what was read.
  for (const tenant of tenants) {
    const { body } = await get(`/analytics/summary?${range(90)}`, tenant.token);
    console.log(`  ${tenant.key} summary (90 days): ${body}`);
  }

  const results = [];
  for (const report of selected)
    for (const days of RANGES) {
      const row = { report, days };
      for (const tenant of tenants) {
        row[tenant.key] = await sequential(`/analytics/${report}?${range(days)}`, tenant.token);
        console.log(
          `  ${report.padEnd(9)} ${String(days).padStart(2)} days ${tenant.key.padEnd(5)} p50 ` +
            `${row[tenant.key].p50.toFixed(2)} ms  p99 ${row[tenant.key].p99.toFixed(2)} ms  (${row[tenant.key].n} requests)`,
        );
      }
      results.push(row);
    }
  report(results);
}

function report(results) {
  const ms = (n) => n.toFixed(1);
  const header = ['report', 'days', 'small p50', 'small p99', 'large p50', 'large p99', 'p50 ratio', 'p99 ratio'];
  const rows = results.map((r) => [
    r.report,
    String(r.days),
    ms(r.small.p50),
    ms(r.small.p99),
    ms(r.large.p50),
    ms(r.large.p99),
    `${(r.large.p50 / r.small.p50).toFixed(2)}x`,
    `${(r.large.p99 / r.small.p99).toFixed(2)}x`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\nbench/analytics: times in ms; large = 1,000,000 messages, small = 100,000\n`);
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  const failed = [];
  console.log('\ntargets');
  for (const r of results) {
    const ok = r.large.p99 <= TARGET.p99Ms && r.small.p99 <= TARGET.p99Ms;
    if (!ok) failed.push(`${r.report} ${r.days} days`);
    console.log(
      `  ${r.report.padEnd(9)} ${String(r.days).padStart(2)} days: p99 small ${ms(r.small.p99)} ms, large ` +
        `${ms(r.large.p99)} ms <= ${TARGET.p99Ms} ${ok ? 'PASS' : 'FAIL'}`,
    );
  }
  console.log(`\nanalytics: ${failed.length === 0 ? 'PASS' : `FAIL ${failed.join(', ')}`}`);
}

let stopping = false;
/** Stops what this run started, drops its database and its Redis keys. */
async function cleanup() {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  const killer = setTimeout(() => children.forEach((child) => child.kill('SIGKILL')), 10_000);
  await Promise.all([...children].map(exitCode));
  clearTimeout(killer);
  const adminUrl = new URL(dbUrl);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.end();
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  for await (const keys of redis.scanStream({ match: `${env.REDIS_PREFIX}*`, count: 1000 })) {
    if (keys.length > 0) await redis.del(...keys);
  }
  redis.disconnect();
}

/** The one way out: after the report, a failure, the time limit or Ctrl-C, cleanup runs once. */
async function finish(code, error) {
  if (stopping) return;
  clearTimeout(deadline);
  if (error) console.error(error instanceof Error ? error : `bench/analytics: ${error}`);
  try {
    await cleanup();
  } catch (cleanupError) {
    console.error('bench/analytics: cleanup failed:', cleanupError);
    code = 1;
  }
  process.exit(code);
}

// A bound on the whole run: two budgets with warm-ups per report and range, plus 5 minutes to set up and seed.
const deadlineMs = (selected.length * RANGES.length * 2 * (SEQUENTIAL_BUDGET_MS / 1000 + 5) + 300) * 1000;
const deadline = setTimeout(() => finish(1, `exceeded its ${deadlineMs / 1000} s budget`), deadlineMs);
process.once('SIGINT', () => finish(1, 'interrupted'));
main().then(
  () => finish(0),
  (error) => finish(1, error),
);
