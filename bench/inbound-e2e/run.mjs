// bench/inbound-e2e: latency from the webhook-worker's 200 to the agent's Socket.IO event, at a steady offered rate.
// Runs the built webhook-worker and API on a database and Redis prefix of their own, contacts only 127.0.0.1 and
// drops everything it started at the end. Options, target and how to read the report: bench/README.md.
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { io } from 'socket.io-client';
import { idleShare, sampleCpu } from '../proc-cpu.mjs';
import { appRoleUrl } from '../api-process.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '1000' },
    duration: { type: 'string', default: '10' },
    // Seconds of the same load before the measured window (same customers, not counted): the first messages meet
    // cold caches, a cold JIT and customers the database has never seen.
    warmup: { type: 'string', default: '2' },
    customers: { type: 'string', default: '500' },
    // Active automation rules per workspace: the run measures without rules, then again with this many (bench/README.md).
    rules: { type: 'string', default: '0' },
    // Writes a V8 CPU profile of the API and the webhook-worker into this directory (open it in Chrome DevTools).
    profile: { type: 'string' },
  },
});
const RATE = Number(args.rate);
const DURATION_S = Number(args.duration);
const WARMUP_S = Number(args.warmup);
const CUSTOMERS = Number(args.customers);
const RULES = Number(args.rules);
/** A workspace's cap on automated messages per conversation and hour when it has not set one. */
const AUTOMATED_PER_HOUR = 10;

const id = randomBytes(4).toString('hex');
const baseDb = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/aerostic';
const dbUrl = new URL(baseDb);
dbUrl.pathname = `/aerostic_bench_${id}`;
// Production refuses a database URL without a password; a local server with trust authentication ignores it.
if (!dbUrl.password) dbUrl.password = randomBytes(12).toString('hex');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const APP_SECRET = randomBytes(16).toString('hex');
const API_PORT = 4700 + Math.floor(Math.random() * 100);
const WORKER_PORT = API_PORT + 100;
const env = {
  ...process.env,
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  DATABASE_URL: dbUrl.toString(),
  REDIS_URL: redisUrl,
  REDIS_PREFIX: `bench-inbound-${id}`,
  JWT_SECRET: randomBytes(32).toString('hex'),
  ENCRYPTION_KEY: randomBytes(32).toString('hex'),
  META_APP_SECRET: APP_SECRET,
  META_VERIFY_TOKEN: randomBytes(16).toString('hex'),
  META_APP_ID: 'bench-app',
  META_GRAPH_URL: 'http://127.0.0.1:9',
  API_PORT: String(API_PORT),
  WEBHOOK_WORKER_PORT: String(WORKER_PORT),
  MEDIA_STORAGE_DIR: `/tmp/aerostic-bench-${id}`,
};

const children = [];
function start(name, script) {
  const profile = args.profile
    ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`, `--cpu-prof-name=${name}.cpuprofile`]
    : [];
  // Migrated as the owner; the API runs as its own role, held to row-level security as in production.
  const own = name === 'api' ? { ...env, DATABASE_URL: appRoleUrl(env.DATABASE_URL) } : env;
  const child = spawn(process.execPath, [...profile, script], {
    cwd: root,
    env: own,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.on('data', (d) => process.stderr.write(`[${name}] ${d}`));
  child.label = name;
  children.push(child);
  return child;
}

async function waitHealthy(port) {
  for (let i = 0; i < 150; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(200);
  }
  throw new Error(`nothing healthy on port ${port}`);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function post(body, signature) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: WORKER_PORT,
        path: '/webhooks/meta',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signature,
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Webhook `i` of the run with its signature. They are all made before the load starts, so that the load generator,
 * which shares the two cores, spends its time sending rather than encoding and hashing.
 */
function makeWebhook(i, measuredPrefix, phoneNumberId, timestamp) {
  const wamid = i >= RATE * WARMUP_S ? `${measuredPrefix}${i}` : `${measuredPrefix}w${i}`;
  const from = String(447700000000 + (i % CUSTOMERS));
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'bench-waba',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550001111', phone_number_id: phoneNumberId },
              contacts: [{ profile: { name: `Customer ${i % CUSTOMERS}` }, wa_id: from }],
              messages: [
                {
                  from,
                  id: wamid,
                  timestamp: String(timestamp),
                  type: 'text',
                  // One message in ten asks for a price: what the one matching rule of --rules answers.
                  text: { body: i % 10 === 0 ? `what is the price of ${i}?` : `bench message ${i}` },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  const signature = `sha256=${createHmac('sha256', APP_SECRET).update(body).digest('hex')}`;
  return { wamid, body, signature };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main() {
  const migrate = spawn(process.execPath, ['services/api/dist/database/migrate.js'], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if ((await new Promise((r) => migrate.on('exit', r))) !== 0) throw new Error('migrations failed');
  start('api', 'services/api/dist/main.js');
  start('webhook-worker', 'services/webhook-worker/dist/main.js');
  await Promise.all([waitHealthy(API_PORT), waitHealthy(WORKER_PORT)]);

  const register = await fetch(`http://127.0.0.1:${API_PORT}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      tenantName: 'Bench Co',
      name: 'Bench',
      email: `bench-${id}@example.test`,
      password: 'bench password 1',
    }),
  }).then((r) => r.json());
  const db = new pg.Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  const phoneNumberId = `9${Date.now()}`;
  // The token is never used (no media in this bench), so any sealed-looking value will do.
  await db.query(
    `INSERT INTO whatsapp_accounts (tenant_id, waba_id, phone_number_id, display_phone_number, access_token_encrypted)
     VALUES ($1, 'bench-waba', $2, '15550001111', 'v1.unused')`,
    [register.tenant.id, phoneNumberId],
  );

  const socket = io(`http://127.0.0.1:${API_PORT}`, {
    transports: ['websocket'],
    auth: { token: register.access_token },
  });
  await new Promise((resolve, reject) => {
    socket.once('ready', resolve);
    socket.once('unauthorized', reject);
  });

  const phases = [await measure('without rules', 'a', socket, phoneNumberId)];
  if (RULES > 0) {
    await createRules(register.access_token, RULES);
    phases.push(await measure(`with ${RULES} rules per workspace`, 'b', socket, phoneNumberId, true));
    const [before, after] = phases;
    console.log(
      `\nrules          p99 ${before.p99.toFixed(1)} ms without, ${after.p99.toFixed(1)} ms with ${RULES} rules ` +
        `(x${(after.p99 / before.p99).toFixed(2)}); target p99 <= 100 ms with rules: ${after.pass ? 'PASS' : 'FAIL'}`,
    );
  }

  socket.disconnect();
  await db.end();
}

/**
 * `count` rules as a workspace would have them: keyword rules on words the bench never writes, one of them with
 * conditions, and one rule that answers a price question (one message in ten) with a text.
 */
async function createRules(token, count) {
  const words = ['refund', 'cancel', 'invoice', 'complaint', 'delivery', 'address', 'warranty', 'discount', 'stock'];
  const bodies = [
    {
      name: 'Prices',
      trigger: { type: 'message_received', keywords: ['price', 'cost'], match: 'contains' },
      actions: [{ type: 'reply_text', text: 'Our prices are at example.test/prices' }],
    },
  ];
  for (let i = 1; i < count; i++) {
    const word = words[i % words.length];
    bodies.push({
      name: `Keyword ${i}`,
      trigger: {
        type: 'message_received',
        keywords: i % 3 === 0 ? [`^${word}\\b`] : [word, `${word}s`],
        match: i % 3 === 0 ? 'regex' : 'contains',
      },
      conditions: i % 2 === 0 ? [{ type: 'conversation_status', statuses: ['open', 'pending'] }] : [],
      actions: [
        { type: 'add_tag', tag: word },
        { type: 'reply_text', text: `About your ${word}: an agent will answer shortly` },
      ],
    });
  }
  for (const body of bodies) {
    const res = await fetch(`http://127.0.0.1:${API_PORT}/automation/rules`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ enabled: true, ...body }),
    });
    if (res.status !== 201) throw new Error(`rule not created: ${res.status} ${await res.text()}`);
  }
}

/** One measured run at the offered rate; answers its p99 and whether it met the target. */
async function measure(label, phase, socket, phoneNumberId, rulesActive = false) {
  const acceptedAt = new Map();
  const latencies = [];
  // An event can overtake the 200 on its way to this process: it is kept until the 200 is read, and counts as 0 ms.
  const early = new Map();
  const measuredPrefix = `wamid.bench${id}${phase}m`;
  /** [seconds since the measured window started, latency ms] of every measured message. */
  const timeline = [];
  let measuredFrom = Infinity;
  const record = (t0, latency) => {
    latencies.push(latency);
    timeline.push([(t0 - measuredFrom) / 1000, latency]);
  };
  // The rules' replies: counted so that a run cannot look fast by leaving the rules' work for after the load.
  const replies = [];
  const onCreated = ({ message }) => {
    if (message.automatedBy === 'rule') replies.push(performance.now());
    if (!message.wamid?.startsWith(measuredPrefix)) return;
    const t0 = acceptedAt.get(message.wamid);
    if (t0 !== undefined) record(t0, performance.now() - t0);
    else early.set(message.wamid, performance.now());
  };
  socket.on('message.created', onCreated);

  const warmupCount = RATE * WARMUP_S;
  const total = warmupCount + RATE * DURATION_S;
  const load1m = loadavg()[0];
  let cpuBefore;
  let sent = 0;
  let refused = 0;
  /** How long each measured webhook waited for its 200 (the webhook-worker's answer to Meta). */
  const answerTimes = [];
  const inflight = [];
  // Each message's Meta timestamp is the second it is due (whole seconds, like Meta's).
  const webhooks = Array.from({ length: total }, (_, i) =>
    makeWebhook(i, measuredPrefix, phoneNumberId, Math.floor((Date.now() + (i * 1000) / RATE) / 1000)),
  );
  const started = performance.now();
  // Steady offered load: message i leaves at started + i / RATE seconds, whatever the answers do.
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const measured = i >= warmupCount;
    if (i === warmupCount) {
      measuredFrom = performance.now();
      cpuBefore = sampleCpu(children);
    }
    const { wamid, body, signature } = webhooks[i];
    const postedAt = performance.now();
    inflight.push(
      post(body, signature).then((status) => {
        if (status !== 200) {
          refused++;
          return;
        }
        if (!measured) return;
        const now = performance.now();
        answerTimes.push(now - postedAt);
        acceptedAt.set(wamid, now);
        if (early.has(wamid)) record(now, Math.max(0, early.get(wamid) - now));
      }),
    );
    if (measured) sent++;
  }
  await Promise.all(inflight);
  const offeredSeconds = (performance.now() - measuredFrom) / 1000;
  const deadline = performance.now() + 30_000;
  while (latencies.length < acceptedAt.size && performance.now() < deadline) await sleep(100);
  const drainedSeconds = (performance.now() - measuredFrom) / 1000;
  const cpuAfter = sampleCpu(children);

  const sorted = [...latencies].sort((a, b) => a - b);
  const fmt = (n) => (n === undefined ? '-' : n.toFixed(1));
  console.log(`\nbench/inbound-e2e (${label}): webhook accepted -> Socket.IO message.created at an agent`);
  console.log(
    `offered        ${sent} messages at ${RATE}/s over ${offeredSeconds.toFixed(1)} s (${CUSTOMERS} customers), ` +
      `after ${WARMUP_S} s of warm-up; load average ${load1m.toFixed(2)} at the start; node ${process.version}`,
  );
  const answers = answerTimes.sort((a, b) => a - b);
  console.log(
    `accepted       ${acceptedAt.size} (refused ${refused}); 200 after p50 ${fmt(pct(answers, 50))} ms, ` +
      `p99 ${fmt(pct(answers, 99))} ms`,
  );
  console.log(
    `delivered      ${latencies.length} events, all in ${drainedSeconds.toFixed(1)} s (${(latencies.length / drainedSeconds).toFixed(0)}/s)`,
  );
  console.log(
    `latency ms     p50 ${fmt(pct(sorted, 50))}  p90 ${fmt(pct(sorted, 90))}  p99 ${fmt(pct(sorted, 99))}  max ${fmt(sorted.at(-1))}`,
  );
  // Linux only: elsewhere there is no /proc to read.
  if (cpuBefore?.machine && cpuAfter?.machine) {
    const perMessage = (name) => `${Math.round(((cpuAfter[name] - cpuBefore[name]) * 1e6) / sent)} µs`;
    const idle = 100 * idleShare(cpuBefore.machine, cpuAfter.machine);
    console.log(
      `CPU/message    api ${perMessage('api')}  webhook-worker ${perMessage('webhook-worker')}  ` +
        `postgres ${perMessage('postgres')}  redis ${perMessage('redis')}  bench ${perMessage('bench')}  ` +
        `(machine idle ${Math.round(idle)}% while measuring)`,
    );
  }
  const perSecond = [];
  for (const [at, latency] of timeline) (perSecond[Math.max(0, Math.floor(at))] ??= []).push(latency);
  console.log(
    `p99 per second ${perSecond
      .map((l) =>
        l
          ? fmt(
              pct(
                l.sort((a, b) => a - b),
                99,
              ),
            )
          : '-',
      )
      .join('  ')}`,
  );
  if (rulesActive) {
    // Every price question of the phase (warm-up included) gets one reply, up to the workspace's default cap of
    // automated messages per conversation and hour; waited for at most 30 s more.
    const asked = new Map();
    for (let i = 0; i < webhooks.length; i += 10) asked.set(i % CUSTOMERS, (asked.get(i % CUSTOMERS) ?? 0) + 1);
    const expected = [...asked.values()].reduce((sum, n) => sum + Math.min(n, AUTOMATED_PER_HOUR), 0);
    const loadEnded = measuredFrom + offeredSeconds * 1000;
    const until = performance.now() + 30_000;
    while (replies.length < expected && performance.now() < until) await sleep(100);
    const during = replies.filter((t) => t <= loadEnded).length;
    const last = replies.length > 0 ? ((Math.max(...replies) - loadEnded) / 1000).toFixed(1) : '-';
    console.log(
      `rule replies   ${replies.length} of ${expected} announced, ${during} while the load ran; the last ${last} s ` +
        `after the load ended`,
    );
  }
  const pass = latencies.length === acceptedAt.size && pct(sorted, 99) <= 100;
  console.log(`target         p99 <= 100 ms with nothing lost: ${pass ? 'PASS' : 'FAIL'}`);
  socket.off('message.created', onCreated);
  return { p99: pct(sorted, 99) ?? Infinity, pass };
}

async function cleanup() {
  for (const child of children) child.kill('SIGTERM');
  await sleep(1500);
  const admin = new pg.Client({ connectionString: baseDb.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${dbUrl.pathname.slice(1)}" WITH (FORCE)`);
  await admin.end();
  const { Redis } = await import('ioredis');
  const redis = new Redis(redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${env.REDIS_PREFIX}*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(cleanup);
