// bench/campaign: a 100,000-recipient campaign on one HIGH-throughput number (1,000 msg/s) through the built API,
// message-worker and meta-sandbox, with agents replying on the same number meanwhile. Reads back from the sandbox
// the share of the cap reached, the agents' reply latency, duplicates, and the API's and worker's memory.
// It builds nothing (`npm run build` first). Options and how to read the figures: bench/README.md.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { idleShare, sampleCpu } from '../proc-cpu.mjs';
import { appRoleUrl } from '../api-process.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = {
  api: `${ROOT}services/api/dist/main.js`,
  migrate: `${ROOT}services/api/dist/database/migrate.js`,
  worker: `${ROOT}services/message-worker/dist/main.js`,
  sandbox: `${ROOT}services/meta-sandbox/dist/main.js`,
  shared: `${ROOT}shared/dist/index.js`,
};
const GRAPH_VERSION = 'v25.0';
const APP_ID = 'bench-app';
const CAP = 1_000;
const TARGET = { share: 0.95, replyP99Ms: 1_000, duplicates: 0, rssGrowth: 1.5 };
const LOCAL_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];
/** Customers the agents talk to: each gets a reply every AGENT_CUSTOMERS / rate seconds, above Meta's pair rate. */
const AGENT_CUSTOMERS = 60;

const { values: args } = parseArgs({
  options: {
    recipients: { type: 'string', default: '100000' },
    'reply-rate': { type: 'string', default: '5' },
    // Writes a V8 CPU profile of the API and the message-worker into this directory (open it in Chrome DevTools).
    profile: { type: 'string' },
  },
});
const RECIPIENTS = Number(args.recipients);
const REPLY_RATE = Number(args['reply-rate']);
if (!Number.isInteger(RECIPIENTS) || RECIPIENTS < 1_000 || RECIPIENTS > 1_000_000)
  fail('--recipients: 1000 to 1000000');
if (!(REPLY_RATE > 0 && REPLY_RATE <= 50)) fail('--reply-rate: more than 0, at most 50 replies per second');
for (const file of Object.values(MAIN)) {
  if (!existsSync(file)) fail(`${file} is missing: run \`npm run build\` first (the bench builds nothing).`);
}
const { encryptSecret } = createRequire(import.meta.url)(MAIN.shared);

const id = randomBytes(4).toString('hex');
const baseDb = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/aerostic';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
for (const [name, url] of [
  ['DATABASE_URL', baseDb],
  ['REDIS_URL', redisUrl],
]) {
  if (!LOCAL_HOSTS.includes(new URL(url).hostname))
    fail(`${name} must point at this machine (got ${new URL(url).host}): the bench drops what it made there.`);
}
const dbUrl = new URL(baseDb);
dbUrl.pathname = `/aerostic_bench_${id}`;
// Production refuses a database URL without a password; a local server with trust authentication ignores it.
const apiDbUrl = new URL(dbUrl);
if (!apiDbUrl.password) apiDbUrl.password = randomBytes(12).toString('hex');
const REDIS_PREFIX = `bench-campaign-${id}`;
const encryptionKeyHex = randomBytes(32).toString('hex');
const appSecret = randomBytes(16).toString('hex');

function fail(message) {
  console.error(`bench/campaign: ${message}`);
  process.exit(2);
}

const children = new Set();
async function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** A built service as in production (LOG_LEVEL=warn: what it logs is worth seeing). */
function start(name, script, env) {
  const profile =
    args.profile && name !== 'meta-sandbox'
      ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`, `--cpu-prof-name=${name}.cpuprofile`]
      : [];
  const child = spawn(process.execPath, [...profile, script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => process.stderr.write(`[${name}] ${d}`));
  child.stderr.on('data', (d) => process.stderr.write(`[${name}] ${d}`));
  child.label = name;
  children.add(child);
  child.once('exit', (code, signal) => {
    children.delete(child);
    if (!stopping) finish(1, `${name} exited (${signal ?? `code ${code}`})`);
  });
  return child;
}

async function waitHealthy(url, name) {
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await sleep(100);
  }
  throw new Error(`${name} did not become healthy`);
}

async function call(url, { method = 'GET', body, token } = {}) {
  const res = await fetch(url, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/** Resident memory in MB (Linux), or NaN. */
function rssMb(pid) {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const verdict = (ok) => (ok ? 'PASS' : 'FAIL');

/** The tenant's number, template, contacts, agents' open conversations and the campaign, in plain SQL. */
async function seed(db, { tenantId, userId, number }) {
  // The token is sealed bound to the account id, as the API seals it.
  const accountId = randomUUID();
  const sealed = encryptSecret(number.token, Buffer.from(encryptionKeyHex, 'hex'), accountId);
  // A plan without a monthly message limit: the default (100,000) would hold the campaign's last recipients back.
  await db.query(
    `INSERT INTO tenant_limit_overrides (tenant_id, name, max) VALUES ($1, 'outboundMessagesPerMonth', NULL)`,
    [tenantId],
  );
  const {
    rows: [account],
  } = await db.query(
    `INSERT INTO whatsapp_accounts (id, tenant_id, waba_id, phone_number_id, display_phone_number, verified_name,
       throughput_level, messaging_limit_tier, status, token_status, access_token_encrypted)
     VALUES ($5, $1, $2, $3, '15550001000', 'Campaign bench', 'HIGH', 'TIER_UNLIMITED', 'connected', 'valid', $4)
     RETURNING id`,
    [tenantId, number.wabaId, number.phoneNumberId, sealed, accountId],
  );
  await db.query(
    `INSERT INTO templates (tenant_id, waba_id, meta_template_id, name, language, category, status, components)
     VALUES ($1, $2, $3, 'bench_promo', 'en_US', 'MARKETING', 'APPROVED', $4)`,
    [tenantId, number.wabaId, number.templateId, JSON.stringify([{ type: 'BODY', text: 'Hi {{1}}, spring sale' }])],
  );
  await db.query(
    `INSERT INTO contacts (tenant_id, wa_id, name, marketing_consent)
     SELECT $1, '4479' || lpad(n::text, 8, '0'), 'Customer ' || n, 'granted' FROM generate_series(1, $2::int) AS n`,
    [tenantId, RECIPIENTS],
  );
  const { rows: agentConversations } = await db.query(
    `WITH c AS (
       INSERT INTO contacts (tenant_id, wa_id, name)
       SELECT $1, '4478' || lpad(n::text, 8, '0'), 'Talking ' || n FROM generate_series(1, $3::int) AS n
       RETURNING id
     )
     INSERT INTO conversations (tenant_id, contact_id, whatsapp_account_id, last_inbound_at)
     SELECT $1, c.id, $2, now() FROM c RETURNING id`,
    [tenantId, account.id, AGENT_CUSTOMERS],
  );
  const {
    rows: [campaign],
  } = await db.query(
    `INSERT INTO campaigns (tenant_id, whatsapp_account_id, name, status, template_name, template_language,
       template_category, variables, scheduled_at, created_by_user_id)
     VALUES ($1, $2, 'Bench campaign', 'paused', 'bench_promo', 'en_US', 'MARKETING', '{"1":{"field":"name"}}', now(), $3)
     RETURNING id`,
    [tenantId, account.id, userId],
  );
  await db.query(
    `INSERT INTO campaign_recipients (tenant_id, campaign_id, contact_id, position, wa_id, state, parameters)
     SELECT $1, $2, id, row_number() OVER (ORDER BY wa_id), wa_id, 'pending', jsonb_build_array(name)
     FROM contacts WHERE tenant_id = $1 AND wa_id LIKE '4479%'`,
    [tenantId, campaign.id],
  );
  await db.query('VACUUM ANALYZE');
  return { campaignId: campaign.id, conversations: agentConversations.map((r) => r.id) };
}

let stopping = false;
async function main() {
  console.log(
    `bench/campaign: ${RECIPIENTS} recipients on one number at ${CAP}/s, agents replying ${REPLY_RATE}/s on it; ` +
      `database ${dbUrl.pathname.slice(1)}, Redis prefix ${REDIS_PREFIX}; load average ${loadavg()[0].toFixed(2)}; node ${process.version}`,
  );
  const [sandboxPort, workerPort, apiPort] = [await freePort(), await freePort(), await freePort()];
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  start('meta-sandbox', MAIN.sandbox, {
    META_SANDBOX_PORT: String(sandboxPort),
    META_SANDBOX_PUBLIC_URL: sandboxUrl,
    META_APP_ID: APP_ID,
    META_APP_SECRET: appSecret,
    // Nothing listens there: status webhooks are not part of what is measured.
    META_SANDBOX_WEBHOOK_URL: 'http://127.0.0.1:9/webhooks/meta',
    META_SANDBOX_WEBHOOK_MAX_ATTEMPTS: '1',
  });
  await waitHealthy(sandboxUrl, 'meta-sandbox');
  const business = await call(`${sandboxUrl}/_sandbox/businesses`, {
    method: 'POST',
    body: { verified_name: 'Campaign bench', throughput_level: 'HIGH', messaging_limit_tier: 'TIER_UNLIMITED' },
  });
  const query = new URLSearchParams({ client_id: APP_ID, client_secret: appSecret, code: business.code });
  const { access_token: token } = await call(`${sandboxUrl}/${GRAPH_VERSION}/oauth/access_token?${query}`);
  const created = await call(`${sandboxUrl}/${GRAPH_VERSION}/${business.waba_id}/message_templates`, {
    method: 'POST',
    token,
    body: {
      name: 'bench_promo',
      language: 'en_US',
      category: 'MARKETING',
      components: [{ type: 'BODY', text: 'Hi {{1}}, spring sale', example: { body_text: [['Ana']] } }],
    },
  });
  for (let i = 0; ; i++) {
    const { data } = await call(`${sandboxUrl}/_sandbox/templates?waba_id=${business.waba_id}`);
    if (data.some((t) => t.name === 'bench_promo' && t.status === 'APPROVED')) break;
    if (i > 100) throw new Error('the sandbox did not approve the template');
    await sleep(100);
  }

  const env = {
    DATABASE_URL: apiDbUrl.toString(),
    REDIS_URL: redisUrl,
    REDIS_PREFIX,
    ENCRYPTION_KEY: encryptionKeyHex,
  };
  const migrate = spawn(process.execPath, [MAIN.migrate], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if ((await new Promise((resolve) => migrate.once('exit', resolve))) !== 0) throw new Error('migrations failed');
  const worker = start('message-worker', MAIN.worker, {
    ...env,
    MESSAGE_WORKER_PORT: String(workerPort),
    META_GRAPH_URL: sandboxUrl,
    META_GRAPH_VERSION: GRAPH_VERSION,
  });
  const api = start('api', MAIN.api, {
    ...env,
    // Migrated as the owner; the API runs as its own role, held to row-level security as in production.
    DATABASE_URL: appRoleUrl(env.DATABASE_URL),
    API_PORT: String(apiPort),
    JWT_SECRET: randomBytes(32).toString('hex'),
    META_GRAPH_URL: sandboxUrl,
    META_GRAPH_VERSION: GRAPH_VERSION,
    META_APP_ID: APP_ID,
    META_APP_SECRET: appSecret,
    APP_URL: 'http://127.0.0.1:9',
    MEDIA_STORAGE_DIR: `/tmp/aerostic-bench-${id}`,
  });
  await Promise.all([waitHealthy(`http://127.0.0.1:${workerPort}`, 'message-worker'), waitHealthy(apiUrl, 'api')]);

  const auth = await call(`${apiUrl}/auth/register`, {
    method: 'POST',
    body: {
      tenantName: 'Campaign bench',
      name: 'Bench Admin',
      email: `campaign-${id}@example.test`,
      password: 'bench password 1',
    },
  });
  const db = new pg.Client({ connectionString: dbUrl.toString() });
  db.on('error', (error) => finish(1, `the bench's database connection failed: ${error.message}`));
  await db.connect();
  const t0 = performance.now();
  const seeded = await seed(db, {
    tenantId: auth.tenant.id,
    userId: auth.user.id,
    number: { token, wabaId: business.waba_id, phoneNumberId: business.phone_number_id, templateId: created.id },
  });
  console.log(`  seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const sends = () => call(`${sandboxUrl}/_sandbox/sends?phone_number_id=${business.phone_number_id}`);
  const rss = { idle: { api: rssMb(api.pid), worker: rssMb(worker.pid) } };
  await db.query(`UPDATE campaigns SET status = 'running', started_at = now() WHERE id = $1`, [seeded.campaignId]);
  const startedAt = Date.now();

  // Agents reply at a steady rate while the campaign runs; each reply's text names it.
  const replies = new Map();
  let agentsOn = true;
  let replyErrors = 0;
  const agents = (async () => {
    for (let n = 0; agentsOn; n++) {
      const conversation = seeded.conversations[n % seeded.conversations.length];
      const marker = `reply-${n}`;
      const sentAt = Date.now();
      call(`${apiUrl}/conversations/${conversation}/messages`, {
        method: 'POST',
        token: auth.access_token,
        body: { type: 'text', text: { body: marker } },
      }).then(
        () => replies.set(marker, sentAt),
        () => replyErrors++,
      );
      await sleep(1000 / REPLY_RATE);
    }
  })();

  const cpu = {};
  const deadline = Date.now() + Math.max(900_000, RECIPIENTS * 10);
  let middle = null;
  for (;;) {
    const { accepted } = await sends();
    // Start once warm (a tenth sent): the code compiled and the connection pools filled, as in service.
    if (!rss.start && accepted >= RECIPIENTS / 10) {
      rss.start = { api: rssMb(api.pid), worker: rssMb(worker.pid) };
      cpu.start = { ...sampleCpu(children), accepted };
    }
    if (!middle && accepted >= RECIPIENTS / 2) {
      middle = true;
      rss.middle = { api: rssMb(api.pid), worker: rssMb(worker.pid) };
    }
    const { rows } = await db.query(`SELECT status FROM campaigns WHERE id = $1`, [seeded.campaignId]);
    if (rows[0].status === 'completed') {
      cpu.end = { ...sampleCpu(children), accepted };
      break;
    }
    if (Date.now() > deadline) throw new Error(`the campaign did not complete in time (${accepted} sent)`);
    await sleep(1000);
  }
  agentsOn = false;
  await agents;
  await sleep(2_000);
  rss.end = { api: rssMb(api.pid), worker: rssMb(worker.pid) };

  const { data } = await call(`${sandboxUrl}/_sandbox/outbox?phone_number_id=${business.phone_number_id}`);
  const campaignSends = data.filter((e) => e.type === 'template');
  const times = campaignSends.map((e) => Date.parse(e.created_at)).sort((a, b) => a - b);
  const first = times[0];
  const last = times.at(-1);
  // The steady part: from the first campaign send to the last, every send of the number counted (agents' too).
  const allInWindow = data.filter((e) => {
    const t = Date.parse(e.created_at);
    return t >= first && t <= last;
  }).length;
  const share = allInWindow / (((last - first) / 1000) * CAP);
  const latencies = [];
  for (const e of data) {
    const sentAt = e.type === 'text' ? replies.get(e.request.text?.body) : undefined;
    if (sentAt !== undefined && sentAt >= startedAt && Date.parse(e.created_at) <= last)
      latencies.push(Date.parse(e.created_at) - sentAt);
  }
  latencies.sort((a, b) => a - b);
  const duplicates =
    campaignSends.length -
    new Set(campaignSends.map((e) => e.to)).size +
    (data.length -
      campaignSends.length -
      new Set(data.filter((e) => e.type === 'text').map((e) => e.request.text?.body)).size);
  const { rows: counts } = await db.query(
    `SELECT state, count(*)::int AS n FROM campaign_recipients WHERE campaign_id = $1 GROUP BY state`,
    [seeded.campaignId],
  );
  await db.end();

  rss.start ??= rss.idle;
  const fmt = (r) => `api ${r.api.toFixed(0)} MB, worker ${r.worker.toFixed(0)} MB`;
  const growth = Math.max(rss.end.api / rss.start.api, rss.end.worker / rss.start.worker);
  console.log(
    `  campaign: ${campaignSends.length} template sends in ${((last - first) / 1000).toFixed(1)} s ` +
      `(${(campaignSends.length / ((last - first) / 1000)).toFixed(0)}/s); recipients ${counts.map((c) => `${c.state} ${c.n}`).join(', ')}; ` +
      `completed ${((Date.now() - startedAt) / 1000).toFixed(1)} s after start`,
  );
  console.log(
    `  agents: ${latencies.length} replies measured during the campaign, p50 ${pct(latencies, 50)} ms, ` +
      `max ${latencies.at(-1)} ms, ${replyErrors} refused`,
  );
  console.log(
    `  memory: idle ${fmt(rss.idle)}; start ${fmt(rss.start)}; middle ${fmt(rss.middle ?? rss.end)}; end ${fmt(rss.end)}`,
  );
  // Linux only: where the CPU went per message sent, from a tenth of the campaign to its end.
  if (cpu.start?.machine && cpu.end?.machine) {
    const sent = cpu.end.accepted - cpu.start.accepted;
    const per = (name) => `${name} ${Math.round(((cpu.end[name] - cpu.start[name]) * 1e6) / sent)} µs`;
    const idle = 100 * idleShare(cpu.start.machine, cpu.end.machine);
    console.log(
      `  CPU/message: ${['api', 'message-worker', 'meta-sandbox', 'postgres', 'redis'].map(per).join(', ')} ` +
        `(machine idle ${Math.round(idle)} %)`,
    );
  }
  console.log(`  load average ${loadavg()[0].toFixed(2)}\n`);
  console.log(
    `share of the cap reached        ${(share * 100).toFixed(1)} %   target >= 95 %   ${verdict(share >= TARGET.share)}`,
  );
  const p99 = pct(latencies, 99);
  console.log(
    `agents' reply latency p99       ${p99} ms   target <= ${TARGET.replyP99Ms} ms   ${verdict(latencies.length > 0 && p99 <= TARGET.replyP99Ms)}`,
  );
  console.log(
    `duplicates                      ${duplicates}   target 0   ${verdict(duplicates === TARGET.duplicates)}`,
  );
  console.log(
    `memory, end / start (RSS)       ${growth.toFixed(2)}x   target <= ${TARGET.rssGrowth}x (flat)   ${verdict(growth <= TARGET.rssGrowth)}`,
  );
}

async function cleanup() {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  await sleep(500);
  const killer = setTimeout(() => children.forEach((child) => child.kill('SIGKILL')), 10_000);
  while (children.size > 0) await sleep(100);
  clearTimeout(killer);
  const adminUrl = new URL(dbUrl);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${dbUrl.pathname.slice(1)}" WITH (FORCE)`);
  await admin.end();
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  for await (const keys of redis.scanStream({ match: `${REDIS_PREFIX}*`, count: 1000 })) {
    if (keys.length > 0) await redis.del(...keys);
  }
  redis.disconnect();
}

async function finish(code, error) {
  if (stopping) return;
  clearTimeout(deadlineTimer);
  if (error) console.error(error instanceof Error ? error : `bench/campaign: ${error}`);
  try {
    await cleanup();
  } catch (cleanupError) {
    console.error('bench/campaign: cleanup failed:', cleanupError);
    code = 1;
  }
  process.exit(code);
}

const deadlineTimer = setTimeout(() => finish(1, 'exceeded its time budget'), Math.max(1_200_000, RECIPIENTS * 12));
process.once('SIGINT', () => finish(1, 'interrupted'));
main().then(
  () => finish(0),
  (error) => finish(1, error),
);
