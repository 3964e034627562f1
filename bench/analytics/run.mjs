// bench/analytics: how the analytics reports hold up when a tenant grows from 100,000 to 1,000,000 messages over 90
// days. Runs the built API on a database of its own, contacts only 127.0.0.1 and drops what it made at the end.
// Options, targets and how to read the report: bench/README.md.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { benchApi, refuse } from '../api-process.mjs';

const SEED_SQL = fileURLToPath(new URL('seed.sql', import.meta.url));
const PASSWORD = 'bench password 1';
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

const bench = await benchApi({ name: 'bench/analytics', redisPrefix: 'bench-analytics' });
const { id, dbUrl, dbName, get, postJson } = bench;

function fail(message) {
  refuse('bench/analytics', message);
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

async function main(onApiExit) {
  console.log(
    `bench/analytics: ${selected.length} reports × ${RANGES.length} ranges; up to ${REQUESTS} sequential requests ` +
      `(after ${WARMUP_REQUESTS}) each; load average ${loadavg()[0].toFixed(2)}\n  database ${dbName}`,
  );
  await bench.start(onApiExit);

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

// A bound on the whole run: two budgets with warm-ups per report and range, plus 5 minutes to set up and seed.
bench.run(main, (selected.length * RANGES.length * 2 * (SEQUENTIAL_BUDGET_MS / 1000 + 5) + 300) * 1000);
