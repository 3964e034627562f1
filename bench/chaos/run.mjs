// `npm run chaos [-- --quick] [--seed N]`: "nothing lost under faults" (issue 21). Runs the whole stack on a
// PostgreSQL and a Redis of its own, drives inbound webhooks and outbound agent sends while it SIGKILLs the
// webhook-worker, the message-worker and the API (twice each), restarts Redis and PostgreSQL, and takes Meta away;
// then counts what was stored, sent, failed and sent twice, fuzzes the webhook endpoint, and prints a report whose
// last line is `chaos: PASS` or `chaos: FAIL <what failed>`. What it checks and how to read it: docs/operations.md.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { temporaryPostgres, temporaryRedis } from './datastores.mjs';
import { baseWebhook, fuzzCase, mayBeStored, sign } from './fuzz.mjs';
import { verdict } from './verdict.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    seed: { type: 'string' },
  },
});
const QUICK = args.quick;
const SCALE = QUICK ? 10 : 1;
const PLAN = {
  inbound: 10_000 / SCALE,
  outbound: 5_000 / SCALE,
  fuzz: 10_000 / SCALE,
  customers: QUICK ? 50 : 500,
  // Seconds over which the load is offered; the faults are placed on this span.
  driveS: QUICK ? 60 : 420,
  outageS: QUICK ? 30 : 300,
  drainTimeoutS: QUICK ? 150 : 600,
};
const SEED = args.seed === undefined ? randomBytes(4).readUInt32BE() : Number(args.seed);
if (!Number.isInteger(SEED) || SEED < 0 || SEED > 0xffffffff) {
  console.error('--seed must be a whole number from 0 to 4294967295');
  process.exit(2);
}
const { webhookEnvelopeSchema, messagesValueSchema } = createRequire(import.meta.url)(
  path.join(ROOT, 'shared/dist/index.js'),
);

const id = randomBytes(3).toString('hex');
const APP_SECRET = randomBytes(16).toString('hex');
const LOG_DIR = path.join(ROOT, '.stack', 'chaos');
mkdirSync(LOG_DIR, { recursive: true });
const logFile = path.join(LOG_DIR, `chaos-${id}.log`);
const stackLog = createWriteStream(logFile);
const started = performance.now();
const elapsed = () => ((performance.now() - started) / 1000).toFixed(1).padStart(6);

function say(line) {
  process.stdout.write(`[${elapsed()} s] ${line}\n`);
  stackLog.write(`chaos | ${line}\n`);
}

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// ---- the run's own datastores and stack ------------------------------------------------------------------------

const tmp = mkdtempSync(path.join(tmpdir(), 'aerostic-chaos-'));
// Traversable by the `postgres` OS user, who owns the cluster's directory inside it when this runs as root.
chmodSync(tmp, 0o711);
const ports = {};
for (const name of [
  'PG',
  'REDIS',
  'API_PORT',
  'APP_PORT',
  'ADMIN_PORT',
  'WEBHOOK_WORKER_PORT',
  'MESSAGE_WORKER_PORT',
  'META_SANDBOX_PORT',
  'AI_SANDBOX_PORT',
  'STRIPE_SANDBOX_PORT',
  'MAIL_CATCHER_SMTP_PORT',
  'MAIL_CATCHER_UI_PORT',
  'ENTRA_SANDBOX_PORT',
  'STACK_NGINX_PORT',
])
  ports[name] = await freePort();
const postgres = temporaryPostgres(path.join(tmp, 'pg'), ports.PG);
const redis = temporaryRedis(path.join(tmp, 'redis'), ports.REDIS);
const api = `http://127.0.0.1:${ports.API_PORT}`;
const sandbox = `http://127.0.0.1:${ports.META_SANDBOX_PORT}`;
const webhookPort = ports.WEBHOOK_WORKER_PORT;

/** The current process id of each service, from the stack's "<name> started (pid N)" lines. */
const pids = new Map();
/** Messages a send of which the message-worker logged as unanswered (timed out or cut off). */
const timedOut = new Set();
/** Every "<name> exited" line of the stack, with when it came. */
const exits = [];
let stack;
let stackExited = false;

function startStack() {
  const { PG: _pg, REDIS: _redis, ...servicePorts } = ports;
  stack = spawn(process.execPath, ['scripts/stack.mjs'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...Object.fromEntries(Object.entries(servicePorts).map(([name, value]) => [name, String(value)])),
      STACK_SKIP_BUILD: '1',
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      REDIS_PREFIX: `chaos-${id}`,
      META_APP_SECRET: APP_SECRET,
      LOG_LEVEL: 'warn',
      // One session for the whole run, however long the outage.
      JWT_EXPIRES_IN_SECONDS: String(24 * 60 * 60),
      MEDIA_STORAGE_DIR: path.join(tmp, 'media'),
      ENTRA_SANDBOX_CERT_DIR: path.join(tmp, 'entra'),
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  let buffered = '';
  const onData = (chunk) => {
    stackLog.write(chunk);
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const startedLine = /^stack\s+\| (\S+) started \(pid (\d+)\)/.exec(line);
      if (startedLine) pids.set(startedLine[1], Number(startedLine[2]));
      // A send whose answer never came: Meta may have it, and the retry may then be a duplicate (docs/adr/0066).
      const unanswered = /"messageId":"([0-9a-f-]+)".*"msg":"Meta did not answer"/.exec(line);
      if (unanswered) timedOut.add(unanswered[1]);
      const exitLine = /^stack\s+\| (\S+) exited \((.+?)\)/.exec(line);
      if (exitLine) exits.push({ at: performance.now(), name: exitLine[1], how: exitLine[2] });
      if (line.includes('Aerostic stack ready')) stack.emit('ready');
    }
  };
  stack.stdout.on('data', onData);
  stack.stderr.on('data', onData);
  stack.once('exit', () => (stackExited = true));
  return new Promise((resolve, reject) => {
    stack.once('ready', resolve);
    stack.once('exit', (code) => reject(new Error(`the stack exited (${code}) before it was ready; log: ${logFile}`)));
  });
}

let cleaned = false;
async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  if (stack && !stackExited) {
    const exited = new Promise((resolve) => stack.once('exit', resolve));
    try {
      process.kill(-stack.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await Promise.race([exited, sleep(15_000)]);
    try {
      process.kill(-stack.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  await redis.stop().catch(() => redis.kill());
  try {
    if (postgres.running()) postgres.stop('immediate');
  } catch (error) {
    console.error(`chaos: could not stop the temporary PostgreSQL: ${error.message}`);
  }
  rmSync(tmp, { recursive: true, force: true });
  stackLog.end();
}

// ---- HTTP ------------------------------------------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One request; answers the status (0 when the connection failed or timed out) and the body's text. */
function request(url, { method = 'GET', headers = {}, body, timeoutMs = 15_000 } = {}) {
  return new Promise((resolve) => {
    const req = http.request(url, { method, headers, agent, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => resolve({ status: 0, text: '' }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ status: 0, text: error.message }));
    req.end(body);
  });
}

async function json(url, { method = 'GET', body, token, headers = {} } = {}) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const res = await request(url, {
    method,
    body: payload,
    headers: {
      ...headers,
      ...(payload !== undefined && { 'content-type': 'application/json' }),
      ...(token && { authorization: `Bearer ${token}` }),
    },
  });
  let parsed;
  try {
    parsed = res.text ? JSON.parse(res.text) : undefined;
  } catch {
    parsed = res.text;
  }
  return { status: res.status, body: parsed };
}

async function expectJson(label, promise, ok = [200, 201]) {
  const res = await promise;
  if (!ok.includes(res.status)) throw new Error(`${label} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Meta's retry: every webhook is posted until it is answered 200; answers how many answers were not 200. */
async function deliverLikeMeta(body, signature) {
  let refusals = 0;
  for (let attempt = 0; ; attempt++) {
    const res = await request(`http://127.0.0.1:${webhookPort}/webhooks/meta`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
    });
    if (res.status === 200) return refusals;
    refusals++;
    await sleep(Math.min(5_000, 250 * 2 ** attempt));
  }
}

function signed(value) {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  return { body, signature: sign(body, APP_SECRET) };
}

// ---- memory ----------------------------------------------------------------------------------------------------

/** Resident memory of a process and everything in its process group (npm -> next for the frontends), in MB. */
function rssOfGroup(pid) {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgrp !== pid && Number(entry) !== pid) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'));
      if (rss) total += Number(rss[1]);
    } catch {
      // ended meanwhile
    }
  }
  return Math.round(total / 1024);
}

const MEASURED = ['api', 'webhook-worker', 'message-worker', 'meta-sandbox', 'app-frontend', 'admin-frontend'];
function memory() {
  return Object.fromEntries(MEASURED.map((name) => [name, pids.has(name) ? rssOfGroup(pids.get(name)) : NaN]));
}

// ---- the run ---------------------------------------------------------------------------------------------------

async function main() {
  say(
    `chaos ${QUICK ? '--quick ' : ''}run ${id}, seed ${SEED}: ${PLAN.inbound} inbound, ${PLAN.outbound} outbound, ` +
      `${PLAN.fuzz} fuzz bodies, ${PLAN.outageS} s outage; log ${path.relative(ROOT, logFile)}`,
  );
  postgres.init();
  postgres.start();
  await redis.start();
  say(`own PostgreSQL on port ${ports.PG}, own Redis (append-only) on port ${ports.REDIS}; starting the stack`);
  await startStack();
  say('stack ready');

  const db = new pg.Pool({ connectionString: postgres.url, max: 4 });
  // A restart of PostgreSQL cuts pooled connections; the pool drops them and the next query reconnects.
  db.on('error', () => undefined);
  const query = async (text, params) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return (await db.query(text, params)).rows;
      } catch (error) {
        if (attempt >= 30) throw error;
        await sleep(1_000);
      }
    }
  };

  // A workspace with a sandbox number, as Embedded Signup connects it, at Meta's standard throughput (80/s).
  const business = await expectJson(
    'POST /_sandbox/businesses',
    json(`${sandbox}/_sandbox/businesses`, {
      method: 'POST',
      body: { name: 'Chaos Co', verified_name: 'Chaos Co', subscribed: true },
    }),
  );
  const session = await expectJson(
    'POST /auth/register',
    json(`${api}/auth/register`, {
      method: 'POST',
      body: { tenantName: 'Chaos Co', name: 'Chaos', email: `chaos-${id}@example.test`, password: `chaos ${id} pass` },
    }),
  );
  const token = session.access_token;
  const tenantId = session.tenant.id;
  await query(`UPDATE users SET email_verified_at = now() WHERE email_verified_at IS NULL`);
  // The run's volume is no workspace's monthly quota: unlimited for this one.
  await query(
    `INSERT INTO tenant_limit_overrides (tenant_id, name, max)
     VALUES ($1, 'outboundMessagesPerMonth', NULL), ($1, 'contacts', NULL) ON CONFLICT DO NOTHING`,
    [tenantId],
  );
  await expectJson(
    'POST /whatsapp/embedded-signup',
    json(`${api}/whatsapp/embedded-signup`, {
      method: 'POST',
      token,
      body: { code: business.code, wabaId: business.waba_id, phoneNumberId: business.phone_number_id },
    }),
  );
  const phoneNumberId = business.phone_number_id;
  const customers = Array.from({ length: PLAN.customers }, (_, i) => String(447_700_100_000 + i));
  // The sandbox sees no inbound here (webhooks go straight to the webhook-worker): open each customer's 24 h window.
  for (const waId of customers) {
    await expectJson(
      'POST /_sandbox/customers/:wa_id/window',
      json(`${sandbox}/_sandbox/customers/${waId}/window`, {
        method: 'POST',
        body: { phone_number_id: phoneNumberId, last_inbound_at: Math.floor(Date.now() / 1000) },
      }),
    );
  }

  const inboundMarker = `chaos${id}in`;
  const outboundMarker = `chaos${id}out`;
  const inboundBody = (i) =>
    signed({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: business.waba_id,
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: business.display_phone_number, phone_number_id: phoneNumberId },
                contacts: [
                  { profile: { name: `Customer ${i % PLAN.customers}` }, wa_id: customers[i % PLAN.customers] },
                ],
                messages: [
                  {
                    from: customers[i % PLAN.customers],
                    id: `wamid.${inboundMarker}${i}`,
                    timestamp: String(Math.floor(Date.now() / 1000)),
                    type: 'text',
                    text: { body: `inbound ${i}` },
                  },
                ],
              },
            },
          ],
        },
      ],
    });

  const inbound = { accepted: 0, refusals: 0 };
  const sendInbound = async (i) => {
    const { body, signature } = inboundBody(i);
    inbound.refusals += await deliverLikeMeta(body, signature);
    inbound.accepted++;
  };

  // One message from each customer first: the agents answer in the conversations these open.
  await Promise.all(customers.map((_, i) => sendInbound(i)));
  let conversations = [];
  for (let i = 0; i < 120 && conversations.length < PLAN.customers; i++) {
    conversations = (await query(`SELECT id FROM conversations WHERE tenant_id = $1`, [tenantId])).map((r) => r.id);
    if (conversations.length < PLAN.customers) await sleep(500);
  }
  if (conversations.length < PLAN.customers)
    throw new Error(`only ${conversations.length} of ${PLAN.customers} conversations opened`);

  const memoryBefore = memory();
  const pidsBefore = new Map(pids);
  say(`workspace ready: ${PLAN.customers} conversations; driving the load for ${PLAN.driveS} s with faults`);

  // ---- faults, on a schedule over the drive --------------------------------------------------------------------
  const done = [];
  let outageEndedAt;
  /** The drain: seconds from Meta's return until every send requested before it was sent or failed. */
  const backlog = { size: 0, drainS: undefined, watched: Promise.resolve() };
  const watchBacklog = async () => {
    const ids = [...outbound.requested.keys()];
    backlog.size = ids.length;
    const deadline = outageEndedAt + PLAN.drainTimeoutS * 1000;
    while (performance.now() < deadline) {
      const [row] = await query(`SELECT count(*) AS n FROM messages WHERE id = ANY($1::uuid[]) AND status = 'queued'`, [
        ids,
      ]);
      if (Number(row.n) === 0) {
        backlog.drainS = (performance.now() - outageEndedAt) / 1000;
        return;
      }
      await sleep(1_000);
    }
  };
  const kill = (name) => async () => {
    const pid = pids.get(name);
    process.kill(pid, 'SIGKILL');
    say(`SIGKILL ${name} (pid ${pid})`);
  };
  const at = (share) => share * PLAN.driveS * 1000;
  const outageStart = at(0.1);
  const schedule = [
    [at(0.05), 'kill webhook-worker #1', kill('webhook-worker')],
    [
      outageStart,
      'Meta outage',
      async () => {
        await expectJson(
          'POST /_sandbox/faults',
          json(`${sandbox}/_sandbox/faults`, { method: 'POST', body: { outage_s: PLAN.outageS } }),
        );
        say(`Meta away for ${PLAN.outageS} s (sends answer 500 or time out)`);
        setTimeout(() => {
          outageEndedAt = performance.now();
          say('Meta is back');
          backlog.watched = watchBacklog();
        }, PLAN.outageS * 1000);
      },
    ],
    [at(0.15), 'kill message-worker #1', kill('message-worker')],
    [at(0.25), 'kill api #1', kill('api')],
    [
      at(0.35),
      'restart redis',
      async () => {
        say('Redis: SHUTDOWN (append-only file synced), then start again');
        await redis.stop();
        await sleep(2_000);
        await redis.start();
        say('Redis is back');
      },
    ],
    [at(0.45), 'kill webhook-worker #2', kill('webhook-worker')],
    [at(0.55), 'kill message-worker #2', kill('message-worker')],
    [at(0.65), 'kill api #2', kill('api')],
    [
      at(0.75),
      'restart postgres',
      async () => {
        say('PostgreSQL: pg_ctl stop -m fast, then start again');
        postgres.stop('fast');
        await sleep(2_000);
        postgres.start();
        say('PostgreSQL is back');
      },
    ],
  ];
  const driveStart = performance.now();
  const faults = Promise.all(
    schedule.map(async ([offset, name, action]) => {
      await sleep(offset);
      try {
        await action();
        done.push(name);
      } catch (error) {
        say(`${name} failed: ${error.message}`);
      }
    }),
  );

  // ---- the load: inbound webhooks and agent sends, each at a steady rate over the drive -----------------------
  const outbound = { requested: new Map(), refused: [], retries: 0 };
  const sendOutbound = async (i) => {
    const conversation = conversations[i % conversations.length];
    const text = `${outboundMarker}${i} reply`;
    for (let attempt = 0; ; attempt++) {
      const res = await json(`${api}/conversations/${conversation}/messages`, {
        method: 'POST',
        token,
        headers: { 'idempotency-key': `${outboundMarker}-${i}` },
        body: { type: 'text', text: { body: text } },
      });
      if (res.status === 200 || res.status === 201) {
        outbound.requested.set(res.body.id, i);
        return;
      }
      // The API down, restarting or out of breath: a client tries again, with the same idempotency key.
      if (res.status === 0 || res.status >= 500 || res.status === 429) {
        outbound.retries++;
        await sleep(Math.min(5_000, 250 * 2 ** attempt));
        continue;
      }
      outbound.refused.push({ i, status: res.status, body: res.body });
      return;
    }
  };
  const paced = (count, offset, fn) => {
    const pending = [];
    return (async () => {
      for (let i = 0; i < count; i++) {
        const due = driveStart + (i * PLAN.driveS * 1000) / count;
        const wait = due - performance.now();
        if (wait > 1) await sleep(wait);
        pending.push(fn(offset + i));
      }
      await Promise.all(pending);
    })();
  };
  await Promise.all([
    paced(PLAN.inbound - PLAN.customers, PLAN.customers, sendInbound),
    paced(PLAN.outbound, 0, sendOutbound),
    faults,
  ]);
  const drivenAt = performance.now();
  say(
    `load offered in ${((drivenAt - driveStart) / 1000).toFixed(0)} s: ${inbound.accepted} webhooks accepted ` +
      `(${inbound.refusals} answers other than 200, retried), ${outbound.requested.size} sends accepted by the API ` +
      `(${outbound.retries} retried), faults injected: ${done.length} of ${schedule.length}`,
  );

  // ---- drain -----------------------------------------------------------------------------------------------------
  while (outageEndedAt === undefined) await sleep(500);
  const requestedIds = [...outbound.requested.keys()];
  let counts;
  let drainedAt;
  const drainDeadline = performance.now() + PLAN.drainTimeoutS * 1000;
  for (;;) {
    const [row] = await query(
      `SELECT
         (SELECT count(*) FROM messages WHERE wamid LIKE $1) AS stored,
         (SELECT count(*) FROM messages WHERE id = ANY($2::uuid[]) AND status = 'queued') AS queued`,
      [`wamid.${inboundMarker}%`, requestedIds],
    );
    counts = { stored: Number(row.stored), queued: Number(row.queued) };
    if (counts.stored >= inbound.accepted && counts.queued === 0) {
      drainedAt = performance.now();
      break;
    }
    if (performance.now() > drainDeadline) break;
    await sleep(1_000);
  }
  await backlog.watched;
  const settledS = drainedAt === undefined ? undefined : Math.max(0, (drainedAt - outageEndedAt) / 1000);
  const drainS = backlog.drainS;
  say(
    drainS === undefined
      ? `the backlog did not drain within ${PLAN.drainTimeoutS} s`
      : `the backlog drained ${drainS.toFixed(1)} s after Meta came back`,
  );

  // ---- count ----------------------------------------------------------------------------------------------------
  const rows = await query(`SELECT id, status, error, wamid FROM messages WHERE id = ANY($1::uuid[])`, [requestedIds]);
  const outcome = { sent: 0, failedWithReason: 0, failedWithoutReason: 0, queued: 0, reasons: new Map() };
  for (const row of rows) {
    if (['sent', 'delivered', 'read'].includes(row.status)) outcome.sent++;
    else if (row.status === 'failed' && row.error) {
      outcome.failedWithReason++;
      const reason = `${row.error.code ?? '?'} ${row.error.title ?? row.error.message ?? ''}`.trim();
      outcome.reasons.set(reason, (outcome.reasons.get(reason) ?? 0) + 1);
    } else if (row.status === 'failed') outcome.failedWithoutReason++;
    else outcome.queued++;
  }
  const missingRows = requestedIds.length - rows.length;
  const outbox = await expectJson(
    'GET /_sandbox/outbox',
    json(`${sandbox}/_sandbox/outbox?phone_number_id=${phoneNumberId}`),
  );
  const accepted = new Map();
  for (const entry of outbox.data) {
    const body = entry.request?.text?.body ?? '';
    const match = new RegExp(`^${outboundMarker}(\\d+) `).exec(body);
    if (!match) continue;
    const list = accepted.get(Number(match[1])) ?? [];
    list.push(entry.wamid);
    accepted.set(Number(match[1]), list);
  }
  const duplicates = [...accepted.entries()].filter(([, wamids]) => wamids.length > 1);
  const messageIdOf = new Map([...outbound.requested].map(([messageId, i]) => [i, messageId]));
  const sentRows = rows.filter((row) => ['sent', 'delivered', 'read'].includes(row.status));
  const sentNotInOutbox = sentRows.filter((row) => !accepted.has(outbound.requested.get(row.id))).length;
  const [{ n: inboundRows, d: inboundDistinct }] = await query(
    `SELECT count(*) AS n, count(DISTINCT wamid) AS d FROM messages WHERE wamid LIKE $1`,
    [`wamid.${inboundMarker}%`],
  );
  const memoryAfter = memory();

  // ---- fuzz -----------------------------------------------------------------------------------------------------
  say(`fuzzing the webhook endpoint with ${PLAN.fuzz} mutated bodies (seed ${SEED})`);
  const fuzzMarker = `fz${id}n`;
  const pidsBeforeFuzz = new Map(pids);
  const exitsBeforeFuzz = exits.length;
  const template = baseWebhook({
    phoneNumberId,
    wabaId: business.waba_id,
    marker: fuzzMarker,
    index: 0,
    from: customers[0],
  });
  const fuzz = { sent: 0, byStatus: new Map(), mayBeStored: new Set(), byMutation: new Map(), noAnswer: new Map() };
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < PLAN.fuzz) {
        const index = next++;
        const webhook = structuredClone(template);
        const message = webhook.entry[0].changes[0].value.messages[0];
        message.id = `wamid.${fuzzMarker}${index}`;
        message.text.body = `${fuzzMarker}${index} text`;
        const one = fuzzCase({ seed: SEED, index, appSecret: APP_SECRET, webhook });
        if (mayBeStored(one, { webhookEnvelopeSchema, messagesValueSchema })) fuzz.mayBeStored.add(index);
        const res = await request(`http://127.0.0.1:${webhookPort}/webhooks/meta`, {
          method: 'POST',
          body: one.body,
          headers: one.headers,
        });
        fuzz.sent++;
        fuzz.byStatus.set(res.status, (fuzz.byStatus.get(res.status) ?? 0) + 1);
        fuzz.byMutation.set(one.mutation, (fuzz.byMutation.get(one.mutation) ?? 0) + 1);
        // The webhook-worker closes the connection on a body over its limit before reading it all.
        if (res.status === 0) fuzz.noAnswer.set(one.mutation, (fuzz.noAnswer.get(one.mutation) ?? 0) + 1);
      }
    }),
  );
  // A valid webhook after the fuzz: once it is stored, everything queued before it has been handled.
  const sentinel = `wamid.${fuzzMarker}sentinel`;
  const last = structuredClone(template);
  last.entry[0].changes[0].value.messages[0].id = sentinel;
  const { body: sentinelBody, signature: sentinelSignature } = signed(last);
  await deliverLikeMeta(sentinelBody, sentinelSignature);
  let sentinelStored = false;
  for (let i = 0; i < 120 && !sentinelStored; i++) {
    sentinelStored = (await query(`SELECT 1 FROM messages WHERE wamid = $1`, [sentinel])).length > 0;
    if (!sentinelStored) await sleep(500);
  }
  const fuzzRows = await query(
    `SELECT wamid, content::text AS content FROM messages
     WHERE tenant_id = $1 AND (wamid LIKE $2 OR content::text LIKE $3) AND wamid <> $4`,
    [tenantId, `wamid.${fuzzMarker}%`, `%${fuzzMarker}%`, sentinel],
  );
  const storedFromInvalid = [];
  let storedValid = 0;
  for (const row of fuzzRows) {
    const match = new RegExp(`${fuzzMarker}(\\d+)`).exec(`${row.wamid} ${row.content}`);
    const index = match ? Number(match[1]) : undefined;
    if (index !== undefined && fuzz.mayBeStored.has(index)) storedValid++;
    else storedFromInvalid.push(index ?? row.wamid);
  }
  const crashes = [
    ...['api', 'webhook-worker', 'message-worker'].filter((name) => pids.get(name) !== pidsBeforeFuzz.get(name)),
    ...exits.slice(exitsBeforeFuzz).map((exit) => exit.name),
  ];
  const crashed = [...new Set(crashes)];

  // ---- report ---------------------------------------------------------------------------------------------------
  const killsOf = (name) => done.filter((event) => event.startsWith(`kill ${name}`)).length;
  const figures = {
    inbound: { accepted: inbound.accepted, stored: Number(inboundDistinct) },
    outbound: {
      requested: outbound.requested.size,
      sent: outcome.sent,
      failedWithReason: outcome.failedWithReason,
    },
    duplicates: { count: duplicates.length, allowed: killsOf('message-worker') },
    drained: drainedAt !== undefined && drainS !== undefined && sentinelStored,
    fuzz: {
      crashes: crashed.length,
      storedFromInvalid: storedFromInvalid.length,
      sent: fuzz.sent,
      expected: PLAN.fuzz,
    },
    chaos: { done, planned: schedule.map(([, name]) => name) },
  };
  const result = verdict(figures);
  const lines = [
    '',
    `chaos report (run ${id}, seed ${SEED}${QUICK ? ', --quick' : ''}; ${((performance.now() - started) / 1000).toFixed(0)} s in all)`,
    `faults         ${done.join(', ')}`,
    `restarts       ${
      exits
        .filter((e) => e.at < drivenAt + 1)
        .map((e) => `${e.name} (${e.how})`)
        .join(', ') || 'none'
    }`,
    `inbound        accepted ${inbound.accepted} (webhook 200s; ${inbound.refusals} other answers retried as Meta does), ` +
      `stored ${inboundDistinct} (${inboundRows} rows)   target: equal`,
    `outbound       requested ${outbound.requested.size}, sent ${outcome.sent}, failed with a reason ${outcome.failedWithReason}` +
      `, failed without one ${outcome.failedWithoutReason}, still queued ${outcome.queued}, rows missing ${missingRows}` +
      `   target: every one sent or failed with a reason`,
    ...[...outcome.reasons].map(([reason, n]) => `               failed: ${n} × ${reason}`),
    `               refused by the API: ${outbound.refused.length}${outbound.refused.length ? ` (first: ${JSON.stringify(outbound.refused[0])})` : ''}; ` +
      `sent per the database but absent from Meta's outbox: ${sentNotInOutbox}; API requests retried: ${outbound.retries}`,
    `duplicates     ${duplicates.length} (allowed: one per message-worker kill, ${figures.duplicates.allowed})`,
    ...(duplicates.length
      ? [
          `               of which after an unanswered send (Meta took it, its answer never came): ` +
            `${duplicates.filter(([i]) => timedOut.has(messageIdOf.get(i))).length}`,
        ]
      : []),
    ...duplicates.map(
      ([i, wamids]) =>
        `               send ${i} (message ${messageIdOf.get(i)}${timedOut.has(messageIdOf.get(i)) ? ', an answer timed out' : ''}) ` +
        `accepted ${wamids.length} times: ${wamids.join(', ')}`,
    ),
    `drain          ${backlog.size} sends requested before Meta came back: ` +
      `${drainS === undefined ? `not all sent or failed within ${PLAN.drainTimeoutS} s` : `all sent or failed ${drainS.toFixed(1)} s after it came back`}; ` +
      `${settledS === undefined ? 'the whole load did not settle' : `the whole load settled ${settledS.toFixed(1)} s after it came back (the load went on ${((drivenAt - outageEndedAt) / 1000).toFixed(0)} s longer)`}`,
    `memory (MB)    ${MEASURED.map((name) => `${name} ${memoryBefore[name]} -> ${memoryAfter[name]}${pids.get(name) !== pidsBefore.get(name) ? ' (restarted)' : ''}`).join(', ')}`,
    `fuzz           ${fuzz.sent} bodies (${[...fuzz.byMutation].map(([m, n]) => `${m} ${n}`).join(', ')})`,
    `               answers: ${[...fuzz.byStatus]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s || 'no answer'} × ${n}`)
      .join(', ')}`,
    ...(fuzz.noAnswer.size
      ? [`               no answer (connection closed): ${[...fuzz.noAnswer].map(([m, n]) => `${m} ${n}`).join(', ')}`]
      : []),
    `               crashes: ${crashed.length}${crashed.length ? ` (${crashed.join(', ')})` : ''}; stored from invalid bodies: ${storedFromInvalid.length}` +
      `${storedFromInvalid.length ? ` (cases ${storedFromInvalid.slice(0, 20).join(', ')})` : ''}; valid signed mutations: ${fuzz.mayBeStored.size}, stored ${storedValid}`,
    result.line,
  ];
  await db.end();
  for (const line of lines) {
    process.stdout.write(`${line}\n`);
    stackLog.write(`${line}\n`);
  }
  return result.pass;
}

// Last resort if this process dies some other way: leave nothing of the run behind.
process.on('exit', () => {
  if (cleaned) return;
  try {
    if (stack && !stackExited) process.kill(-stack.pid, 'SIGKILL');
  } catch {
    // gone
  }
  redis.kill();
  try {
    if (postgres.running()) postgres.stop('immediate');
  } catch {
    // nothing more to do on the way out
  }
  rmSync(tmp, { recursive: true, force: true });
});

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    interrupted = true;
    say(`${signal}: stopping the stack and deleting the temporary datastores`);
    void cleanup().then(() => {
      process.stdout.write('chaos: FAIL interrupted\n');
      process.exit(1);
    });
  });
}

main().then(
  async (pass) => {
    await cleanup();
    process.exit(pass ? 0 : 1);
  },
  async (error) => {
    if (interrupted) return;
    say(`error: ${error.stack ?? error.message}`);
    await cleanup();
    process.stdout.write(`chaos: FAIL ${error.message.split('\n')[0]}\n`);
    process.exit(1);
  },
);
