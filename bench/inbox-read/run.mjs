// bench/inbox-read: how the inbox's reads (conversation lists, searches, a thread, contacts, the overview) hold up
// when a tenant grows from 1,000 to 100,000 conversations. Runs the built API on a database of its own, contacts only
// 127.0.0.1 and drops what it made at the end. Options, targets and how to read the report: bench/README.md.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { benchApi, refuse } from '../api-process.mjs';
import { idleShare, machineTicks, processCpuSeconds } from '../proc-cpu.mjs';

const SEED_SQL = fileURLToPath(new URL('seed.sql', import.meta.url));
const PASSWORD = 'bench password 1';
// Sequential requests stop after this long even when fewer than --requests were made, so a slow read keeps the
// whole run within minutes; the report prints how many were made.
const SEQUENTIAL_BUDGET_MS = 15_000;
const TARGET = { p99Ms: 30, p50Ratio: 1.3, inboxRps: 800, noMatchP99Ms: 100 };

/**
 * Both tenants: two numbers and 90 days of history; the small one is a hundredth of the large one, its team too
 * (one agent), so that a filtered page holds as many rows in both and the ratio compares tenant sizes, not page sizes.
 */
const TENANTS = [
  { key: 'small', contacts: 1_000, messages: 10_000, agents: 1, deepAfter: 500 },
  { key: 'large', contacts: 100_000, messages: 1_000_000, agents: 50, deepAfter: 2_000 },
];
const DAYS = 90;

/** The reads, in report order; `path` gets what was found in the tenant's rows (see `fixtures`). */
const READS = [
  { name: 'inbox', path: () => '/conversations?limit=50' },
  { name: 'open', path: () => '/conversations?limit=50&status=open' },
  { name: 'pending', path: () => '/conversations?limit=50&status=pending' },
  { name: 'assignee', path: (f) => `/conversations?limit=50&assigneeId=${f.agentId}` },
  { name: 'open-assignee', path: (f) => `/conversations?limit=50&status=open&assigneeId=${f.agentId}` },
  { name: 'search-common', path: () => '/conversations?limit=50&search=Silva' },
  { name: 'search-none', path: () => '/conversations?limit=50&search=Zzyzx' },
  { name: 'search-phone', path: (f) => `/conversations?limit=50&search=${f.phoneDigits}` },
  { name: 'deep-page', path: (f) => `/conversations?limit=50&cursor=${f.deepCursor}` },
  { name: 'messages', path: (f) => `/conversations/${f.newestId}/messages?limit=50` },
  { name: 'contacts-common', path: () => '/contacts?search=Silva&limit=50' },
  { name: 'contacts-none', path: () => '/contacts?search=Zzyzx&limit=50' },
  { name: 'overview', path: () => '/dashboard/overview' },
];

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    requests: { type: 'string', default: '300' },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
    database: { type: 'string' },
    // Writes a V8 CPU profile of the API into this directory (open it in Chrome DevTools).
    profile: { type: 'string' },
  },
});
const DURATION_S = Number(args.duration);
const REQUESTS = Number(args.requests);
const WARMUP_REQUESTS = 30;
if (!Number.isInteger(DURATION_S) || DURATION_S < 1 || DURATION_S > 600) fail('--duration must be 1 to 600 seconds');
if (!Number.isInteger(REQUESTS) || REQUESTS < 10 || REQUESTS > 100_000) fail('--requests must be 10 to 100000');
const selected = args.only ? args.only.split(',').map((s) => s.trim()) : READS.map((r) => r.name);
const unknown = selected.filter((name) => !READS.some((r) => r.name === name));
if (unknown.length > 0) fail(`unknown read(s) ${unknown.join(', ')}; known: ${READS.map((r) => r.name).join(', ')}`);
const reads = READS.filter((r) => selected.includes(r.name));

if (!existsSync('/usr/bin/wrk')) fail('wrk is missing: apt-get install wrk');
const bench = await benchApi({
  name: 'bench/inbox-read',
  redisPrefix: 'bench-inbox',
  database: args.database,
  keep: args.keep,
  profile: args.profile,
});
const { id, dbUrl, dbName, spawnTracked, exitCode, get, postJson } = bench;
const API_PORT = bench.port;

function fail(message) {
  refuse('bench/inbox-read', message);
}

/** Seeds each tenant through seed.sql (one transaction per CALL), then VACUUM ANALYZE; answers the seconds. */
async function seed(db, tenants) {
  const started = performance.now();
  await db.query(readFileSync(SEED_SQL, 'utf8'));
  for (const tenant of tenants) {
    const t0 = performance.now();
    await db.query('CALL pg_temp.seed_inbox($1, $2, $3, $4, $5)', [
      tenant.id,
      tenant.contacts,
      tenant.messages,
      tenant.agents,
      DAYS,
    ]);
    console.log(`  seeded ${tenant.key} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  await db.query('VACUUM ANALYZE');
  return (performance.now() - started) / 1000;
}

/** A tenant of a database made by an earlier run with --keep: its admin signs in again (the secrets are new). */
async function signIn(db, tenant) {
  const { rows } = await db.query(
    `SELECT email, tenant_id FROM users WHERE role = 'admin' AND email LIKE $1 ORDER BY created_at LIMIT 1`,
    [`inbox-${tenant.key}-%@example.test`],
  );
  if (rows.length === 0) throw new Error(`${dbName} has no ${tenant.key} tenant of this bench`);
  const auth = await postJson('/auth/login', { email: rows[0].email, password: PASSWORD });
  return { id: rows[0].tenant_id, token: auth.access_token };
}

/** What the reads need from the tenant's rows, and a few counts that tell what they read. */
async function fixtures(db, tenant) {
  const one = async (sql, params = []) => (await db.query(sql, [tenant.id, ...params])).rows[0];
  const agentRow = await one(
    `SELECT assignee_id AS id, count(*)::int AS total, count(*) FILTER (WHERE status = 'open')::int AS open
     FROM conversations WHERE tenant_id = $1 AND assignee_id IS NOT NULL
     GROUP BY assignee_id ORDER BY open DESC, assignee_id LIMIT 1`,
  );
  // 8 of the 12 digits, none of the leading 55: a number typed from the middle, matching about one contact.
  const phone = await one(
    `SELECT substr(wa_id, 3, 8) AS digits FROM contacts WHERE tenant_id = $1 ORDER BY id LIMIT 1`,
  );
  const inboxRow = `SELECT id, last_message_at FROM conversations WHERE tenant_id = $1
     ORDER BY last_message_at DESC, id DESC OFFSET $2 LIMIT 1`;
  const deep = await one(inboxRow, [tenant.deepAfter - 1]);
  const newest = await one(inboxRow, [0]);
  const counts = await one(
    `SELECT (SELECT count(*) FROM conversations WHERE tenant_id = $1)::int AS conversations,
            (SELECT count(*) FROM conversations WHERE tenant_id = $1 AND status = 'open')::int AS open,
            (SELECT count(*) FROM contacts WHERE tenant_id = $1 AND (name ILIKE '%Silva%' OR profile_name ILIKE '%Silva%'))::int AS silva,
            (SELECT count(*) FROM messages WHERE tenant_id = $1)::int AS messages,
            (SELECT count(*) FROM messages WHERE conversation_id = $2)::int AS thread`,
    [newest.id],
  );
  console.log(
    `  ${tenant.key}: ${counts.conversations} conversations (${counts.open} open), ${counts.messages} messages; ` +
      `'Silva' in ${counts.silva} contacts; agent ${agentRow.id} has ${agentRow.total} (${agentRow.open} open); ` +
      `phone digits ${phone.digits}; newest thread ${counts.thread} messages`,
  );
  return {
    agentId: agentRow.id,
    phoneDigits: phone.digits,
    // The API's own cursor: the position after that row in inbox order (keyset.ts).
    deepCursor: Buffer.from(`${deep.last_message_at.toISOString()}|${deep.id}`).toString('base64url'),
    newestId: newest.id,
  };
}

/**
 * CPU seconds of the API and of the PostgreSQL backends serving the bench database (found by their process title,
 * so other databases on the same server do not count), with the machine's ticks. Linux only, else NaN.
 */
function sampleCpu(apiPid) {
  let postgres = 0;
  for (const pid of existsSync('/proc') ? readdirSync('/proc').filter((e) => /^\d+$/.test(e)) : []) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${dbName} `)) postgres += processCpuSeconds(pid) || 0;
    } catch {
      // gone meanwhile
    }
  }
  return { api: processCpuSeconds(apiPid), postgres, machine: machineTicks() };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** One request at a time after a warm-up: p50 and p99 in ms, and how many were measured (at least 10). */
async function sequential(path, token) {
  const timed = async () => {
    const t0 = performance.now();
    const { status } = await get(path, token, false);
    if (status !== 200) throw new Error(`GET ${path} answered ${status} while measuring`);
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

/** wrk prints times like 812.00us, 4.56ms or 1.02s. */
function wrkMs(text) {
  const [, value, unit] = /([\d.]+)(us|ms|s|m)\b/.exec(text) ?? [];
  return Number(value) * { us: 0.001, ms: 1, s: 1000, m: 60_000 }[unit];
}

async function wrk(path, token, seconds, apiPid) {
  const child = spawnTracked(
    '/usr/bin/wrk',
    [
      '-t1',
      '-c50',
      `-d${seconds}s`,
      '--timeout',
      '10s',
      '--latency',
      '-H',
      `Authorization: Bearer ${token}`,
      `http://127.0.0.1:${API_PORT}${path}`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const before = sampleCpu(apiPid);
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  if ((await exitCode(child)) !== 0) throw new Error(`wrk failed on ${path}:\n${out}`);
  const after = sampleCpu(apiPid);
  const socketErrors = /Socket errors: (.*)/.exec(out)?.[1].match(/\d+/g) ?? [];
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  const perRequest = (name) => ((after[name] - before[name]) * 1e6) / Math.max(1, requests);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]),
    p99: wrkMs(/\n\s+99%\s+(\S+)/.exec(out)?.[1] ?? ''),
    requests,
    apiUs: perRequest('api'),
    postgresUs: perRequest('postgres'),
    idle: idleShare(before.machine, after.machine),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
    errors: socketErrors.reduce((sum, n) => sum + Number(n), 0),
  };
}

async function main(onApiExit) {
  console.log(
    `bench/inbox-read: ${reads.length} reads; ${REQUESTS} sequential requests (after ${WARMUP_REQUESTS}) per read and ` +
      `tenant, ${DURATION_S} s at 50 connections per read on the large tenant; load average ${loadavg()[0].toFixed(2)}; node ${process.version}`,
  );
  const reuse = args.database !== undefined;
  if (!reuse) console.log(`  database ${dbName}`);
  const api = await bench.start(onApiExit);

  const db = new pg.Client({ connectionString: dbUrl.toString() });
  await db.connect();
  const tenants = [];
  try {
    for (const size of TENANTS) {
      if (reuse) {
        tenants.push({ ...size, ...(await signIn(db, size)) });
        continue;
      }
      const auth = await postJson('/auth/register', {
        tenantName: `Inbox bench ${size.key}`,
        name: 'Bench Admin',
        email: `inbox-${size.key}-${id}@example.test`,
        password: PASSWORD,
      });
      tenants.push({ ...size, id: auth.tenant.id, token: auth.access_token });
    }
    if (reuse) console.log(`  seed: reused ${dbName}, not seeded again`);
    else console.log(`  seed: ${(await seed(db, tenants)).toFixed(1)} s for both tenants (with VACUUM ANALYZE)`);
    for (const tenant of tenants) tenant.fixtures = await fixtures(db, tenant);
  } finally {
    await db.end();
  }

  // Every read must answer 200 before anything is measured; the rows show that each read found what it should.
  for (const read of reads) {
    const rows = [];
    for (const tenant of tenants) {
      const path = read.path(tenant.fixtures);
      const { status, body } = await get(path, tenant.token);
      if (status !== 200) throw new Error(`GET ${path} (${tenant.key}) answered ${status}: ${body.slice(0, 300)}`);
      const data = JSON.parse(body).data;
      rows.push(`${tenant.key} ${Array.isArray(data) ? `${data.length} rows` : 'ok'}`);
    }
    console.log(`  check ${read.name.padEnd(15)} 200: ${rows.join(', ')}`);
  }

  const results = new Map(reads.map((r) => [r.name, {}]));
  for (const read of reads) {
    for (const tenant of tenants) {
      const m = await sequential(read.path(tenant.fixtures), tenant.token);
      results.get(read.name)[tenant.key] = m;
      console.log(
        `  ${read.name.padEnd(15)} ${tenant.key.padEnd(5)} one at a time: p50 ${m.p50.toFixed(2)} ms  ` +
          `p99 ${m.p99.toFixed(2)} ms  (${m.n} requests)`,
      );
    }
  }
  const large = tenants.find((t) => t.key === 'large');
  console.log(`  throughput phase: load average ${loadavg()[0].toFixed(2)}`);
  for (const read of reads) {
    const path = read.path(large.fixtures);
    await wrk(path, large.token, 1, api.pid);
    // The API goes on with what wrk left in flight: one request queued behind it waits until that is done.
    await get(path, large.token, false);
    const w = await wrk(path, large.token, DURATION_S, api.pid);
    await get(path, large.token, false);
    w.invalid = w.non2xx > 0 || w.errors > 0;
    results.get(read.name).wrk = w;
    console.log(
      `  ${read.name.padEnd(15)} large 50 connections: ${w.rps.toFixed(0)} req/s  p99 ${w.p99.toFixed(1)} ms  ` +
        `(${w.requests} requests, non-2xx ${w.non2xx}, socket errors ${w.errors}); CPU/request API ` +
        `${w.apiUs.toFixed(0)} µs, PostgreSQL ${w.postgresUs.toFixed(0)} µs; idle ${(100 * w.idle).toFixed(0)}%` +
        `${w.invalid ? '  INVALID' : ''}`,
    );
  }
  report(results);
}

function report(results) {
  const ms = (n) => n.toFixed(1);
  const header = [
    'read',
    'small p50',
    'small p99',
    'large p50',
    'large p99',
    'p50 ratio',
    'p99 ratio',
    'req/s @50',
    'p99 @50',
  ];
  const rows = [...results].map(([name, r]) => [
    name,
    ms(r.small.p50),
    ms(r.small.p99),
    ms(r.large.p50),
    ms(r.large.p99),
    `${(r.large.p50 / r.small.p50).toFixed(2)}x`,
    `${(r.large.p99 / r.small.p99).toFixed(2)}x`,
    r.wrk.invalid ? 'INVALID' : r.wrk.rps.toFixed(0),
    r.wrk.invalid ? 'INVALID' : ms(r.wrk.p99),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\nbench/inbox-read: times in ms; large = 100,000 conversations, small = 1,000\n`);
  console.log(line(header));
  for (const row of rows) console.log(line(row));

  const failed = [];
  const verdict = (ok, what) => {
    if (!ok) failed.push(what);
    return ok ? 'PASS' : 'FAIL';
  };
  console.log('\ntargets');
  for (const [name, r] of results) {
    const ratio = r.large.p50 / r.small.p50;
    console.log(
      `  ${name.padEnd(15)} one at a time: large p99 ${ms(r.large.p99)} ms <= ${TARGET.p99Ms} ` +
        `${verdict(r.large.p99 <= TARGET.p99Ms, `${name} p99`)}, large/small p50 ${ratio.toFixed(2)}x <= ` +
        `${TARGET.p50Ratio} ${verdict(ratio <= TARGET.p50Ratio, `${name} ratio`)}`,
    );
  }
  // A figure with errors or non-2xx answers is not a figure: its target fails.
  const inbox = results.get('inbox')?.wrk;
  if (inbox)
    console.log(
      `  inbox           50 connections: ${inbox.invalid ? 'INVALID' : `${inbox.rps.toFixed(0)} req/s`} >= ` +
        `${TARGET.inboxRps} ${verdict(!inbox.invalid && inbox.rps >= TARGET.inboxRps, 'inbox req/s')}`,
    );
  for (const name of ['search-none', 'contacts-none']) {
    const w = results.get(name)?.wrk;
    if (!w) continue;
    console.log(
      `  ${name.padEnd(15)} 50 connections: p99 ${w.invalid ? 'INVALID' : `${ms(w.p99)} ms`} <= ` +
        `${TARGET.noMatchP99Ms} ${verdict(!w.invalid && w.p99 <= TARGET.noMatchP99Ms, `${name} p99 @50`)}`,
    );
  }
  console.log(`\ninbox-read: ${failed.length === 0 ? 'PASS' : `FAIL ${failed.join(', ')}`}`);
}

// A bound on the whole run: per read two sequential budgets with their warm-ups and the wrk runs, plus 5 minutes
// to set up and seed.
const deadlineMs = (reads.length * (2 * (SEQUENTIAL_BUDGET_MS / 1000 + 10) + DURATION_S + 10) + 300) * 1000;
bench.run(main, deadlineMs);
