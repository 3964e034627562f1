// Outbound pacing bench: the real message-worker sending to the real meta-sandbox, which enforces Meta's throughput
// per number (130429), offered jobs at exactly each number's rate; reads back what the sandbox accepted per second.
// It builds nothing (`npm run build` first). Options and how to read the figures: bench/README.md.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { idleShare, machineTicks, processCpuSeconds, redisCpuSeconds } from '../proc-cpu.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SANDBOX_MAIN = `${ROOT}services/meta-sandbox/dist/main.js`;
const WORKER_MAIN = `${ROOT}services/message-worker/dist/main.js`;
const SHARED_MAIN = `${ROOT}shared/dist/index.js`;
const PACER_MAIN = `${ROOT}services/message-worker/dist/pacer.js`;
const GRAPH_VERSION = 'v25.0';
const APP_ID = 'bench-app';
// Fresh each run: the services run as in production, which refuses any secret the repository published.
const APP_SECRET = randomBytes(16).toString('hex');
/** Meta's throughput levels, as the sandbox enforces them (messages per second per number). */
const CAP = { STANDARD: 80, HIGH: 1_000 };
const TARGET = { share: 0.95, throttled: 0, highSustained: 950 };
/** Jobs are offered in small batches this often, so the offered load is steady rather than bursty. */
const TICK_MS = 50;

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    numbers: { type: 'string', default: '20' },
    'high-duration': { type: 'string', default: '30' },
    rounds: { type: 'string', default: '1' },
    profile: { type: 'string' },
    warmup: { type: 'string', default: '5' },
    timeline: { type: 'boolean', default: false },
  },
});
const opts = {
  duration: Number(args.duration),
  numbers: Number(args.numbers),
  highDuration: Number(args['high-duration']),
  rounds: Number(args.rounds),
  warmup: Number(args.warmup),
};
for (const [name, value] of Object.entries(opts)) {
  const min = name === 'highDuration' || name === 'warmup' ? 0 : 1;
  if (!Number.isInteger(value) || value < min || value > 600) {
    console.error(`--${name.replace('highD', 'high-d')} must be a whole number from ${min} to 600`);
    process.exit(2);
  }
}

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(redisUrl).hostname)) {
  console.error(
    `REDIS_URL must point at this machine (got host ${new URL(redisUrl).host}): the bench floods it, then deletes its keys.`,
  );
  process.exit(2);
}
for (const file of [SANDBOX_MAIN, WORKER_MAIN, SHARED_MAIN, PACER_MAIN]) {
  if (!existsSync(file)) {
    console.error(`${file} is missing: run \`npm run build\` first (the bench builds nothing).`);
    process.exit(2);
  }
}
const { encryptSecret, queuePrefix, QUEUES } = createRequire(import.meta.url)(SHARED_MAIN);
/** Added in bulk, as the API's producer would add them one by one (same name, id and options). */
const SEND_JOB = QUEUES.outboundMessages.jobs.send;
const { NumberPacer } = createRequire(import.meta.url)(PACER_MAIN);

/**
 * The baseline: the message-worker's former pacer, a token bucket per number holding a tenth of a second of its
 * rate (at least 1), refilled continuously. Unchanged except that it also answers Redis's time, so that the slot
 * it hands out can be placed on the clock.
 */
const BUCKET_SCRIPT = `
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local max_wait = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1]) or capacity
local ts = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - ts) * rate / 1000)
local wait = 0
if tokens < 1 then wait = math.ceil((1 - tokens) * 1000 / rate) end
local reserved = 0
if wait <= max_wait then
  tokens = tokens - 1
  reserved = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity * 1000 / rate) + max_wait + 1000)
return {reserved, wait, now}
`;

/** Every key this run writes starts with this, so the cleanup cannot touch anyone else's data. */
const runPrefix = `bench-${randomBytes(4).toString('hex')}`;
const encryptionKeyHex = randomBytes(32).toString('hex');
const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
const children = new Set();

// A hard ceiling on the whole run: both phases, plus time to drain, start, stop and clean up.
const deadlineMs = opts.rounds * (opts.duration + opts.highDuration + 2 * opts.warmup + 150) * 1_000;
const deadline = setTimeout(() => abort(new Error(`exceeded its ${deadlineMs / 1_000} s budget`)), deadlineMs);
process.once('SIGINT', () => abort(new Error('interrupted')));

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function start(name, script, env, port, nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.on('data', (d) => process.stderr.write(`[${name}] ${d}`));
  children.add(child);
  child.once('exit', () => children.delete(child));
  return { child, url: `http://127.0.0.1:${port}` };
}

async function waitHealthy(service, name) {
  for (let i = 0; i < 150; i++) {
    const ok = await fetch(`${service.url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (service.child.exitCode !== null) break;
    await sleep(100);
  }
  throw new Error(`${name} did not become healthy`);
}

async function stop({ child }) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(killer);
}

async function call(baseUrl, method, path, body) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/** The account id a bench number's jobs carry; its token is sealed bound to it. */
const benchAccountId = (phoneNumberId) => `bench-account-${phoneNumberId}`;

/** A sandbox business number at the given throughput level, with its business token sealed for the jobs. */
async function createNumber(sandboxUrl, level) {
  const business = await call(sandboxUrl, 'POST', '/_sandbox/businesses', { throughput_level: level });
  const query = new URLSearchParams({ client_id: APP_ID, client_secret: APP_SECRET, code: business.code });
  const { access_token } = await call(sandboxUrl, 'GET', `/${GRAPH_VERSION}/oauth/access_token?${query}`);
  return {
    phoneNumberId: business.phone_number_id,
    cap: CAP[level],
    // Sealed for the account id its jobs carry, as the API seals a number's token.
    sealed: encryptSecret(access_token, Buffer.from(encryptionKeyHex, 'hex'), benchAccountId(business.phone_number_id)),
  };
}

/** CPU used by each side so far: worker, sandbox, Redis and this bench (the load generator). */
async function cpuSnapshot(workerPid, sandboxPid) {
  const self = process.cpuUsage();
  return {
    worker: processCpuSeconds(workerPid),
    sandbox: processCpuSeconds(sandboxPid),
    redis: await redisCpuSeconds(redis),
    bench: (self.user + self.system) / 1e6,
  };
}

/** The most sends within any one-second window [t, t + 1000 ms): sliding, so no calendar boundary hides a burst. */
function busiestSlidingSecond(times) {
  let best = 0;
  for (let from = 0, to = 0; to < times.length; to++) {
    while (times[to] - times[from] >= 1000) from++;
    best = Math.max(best, to - from + 1);
  }
  return best;
}

function busiestCalendarSecond(times) {
  const counts = new Map();
  for (const t of times) counts.set(Math.floor(t / 1000), (counts.get(Math.floor(t / 1000)) ?? 0) + 1);
  return Math.max(0, ...counts.values());
}

/**
 * The pacers alone, without HTTP or BullMQ: a backlog of `seconds` × rate sends asks one number's pacer for a slot
 * all at once, and the slots it hands out are placed on Redis's clock. Answers the busiest one-second window and
 * the rate over the whole backlog, for the former bucket (baseline) and the current pacer.
 */
async function comparePacers(rate, seconds) {
  const count = rate * seconds;
  const maxWaitMs = seconds * 2_000;
  const bucketKey = `${runPrefix}-pacer-baseline-${rate}`;
  const baseline = await Promise.all(
    Array.from({ length: count }, () =>
      redis.eval(BUCKET_SCRIPT, 1, bucketKey, rate, Math.max(1, Math.floor(rate / 10)), maxWaitMs),
    ),
  );
  // A number of its own per rate: sharing one with the previous comparison would start this backlog behind that
  // one's, beyond maxWaitMs.
  const pacer = new NumberPacer(redis, `${runPrefix}-pacer`, maxWaitMs);
  const current = await Promise.all(Array.from({ length: count }, () => pacer.take(`rate-${rate}`, rate)));
  const refused = current.filter((d) => !d.reserved).length;
  if (refused > 0) throw new Error(`the pacer refused ${refused} of ${count} slots within ${maxWaitMs} ms`);
  const summarize = (slots) => {
    const sorted = [...slots].sort((a, b) => a - b);
    const span = (sorted.at(-1) - sorted[0]) / 1000;
    return { busiest: busiestSlidingSecond(sorted), rate: (sorted.length - 1) / span };
  };
  return {
    baseline: summarize(baseline.map(([, wait, now]) => now + wait)),
    pacer: summarize(current.map((d) => d.at)),
  };
}

/**
 * Steady offered load for `seconds`: number k has cap × elapsed seconds jobs offered at any moment, whatever the
 * worker does. Jobs go out in small batches every TICK_MS. Each job's text is its own message id.
 */
async function offer(queue, numbers, seconds) {
  const offered = numbers.map(() => 0);
  const startedAt = Date.now();
  const endsAt = startedAt + seconds * 1000;
  for (;;) {
    const now = Math.min(Date.now(), endsAt);
    const batch = [];
    numbers.forEach((number, k) => {
      const due = Math.floor(((now - startedAt) * number.cap) / 1000);
      for (; offered[k] < due; offered[k]++) {
        const messageId = randomUUID();
        const to = `44${String(k).padStart(3, '0')}${String(offered[k] % 2000).padStart(6, '0')}`;
        batch.push({
          name: SEND_JOB.name,
          data: {
            messageId,
            tenantId: 'bench-tenant',
            whatsappAccountId: benchAccountId(number.phoneNumberId),
            phoneNumberId: number.phoneNumberId,
            messagesPerSecond: number.cap,
            accessTokenSealed: number.sealed,
            body: {
              messaging_product: 'whatsapp',
              recipient_type: 'individual',
              to,
              type: 'text',
              text: { body: messageId },
            },
          },
          opts: { ...QUEUES.outboundMessages.defaultJobOptions, jobId: messageId },
        });
      }
    });
    if (batch.length > 0) await queue.addBulk(batch);
    if (now >= endsAt) break;
    await sleep(Math.max(1, TICK_MS - ((Date.now() - startedAt) % TICK_MS)));
  }
  return { startedAt, endsAt, total: offered.reduce((a, b) => a + b, 0) };
}

/**
 * Waits (bounded) until the sandbox accepted every job offered to `numbers` or jobs failed; answers how many jobs
 * failed beyond the `failedBefore` already in the failed set.
 */
async function drain(sandboxUrl, queue, numbers, totalOffered, seconds, failedBefore = 0) {
  const drainLimit = Date.now() + 30_000 + seconds * 200;
  let failed = 0;
  while (Date.now() < drainLimit) {
    const stats = await Promise.all(
      numbers.map((n) => call(sandboxUrl, 'GET', `/_sandbox/sends?phone_number_id=${n.phoneNumberId}`)),
    );
    const accepted = stats.reduce((a, s) => a + s.accepted, 0);
    failed = (await queue.getJobCounts('failed')).failed - failedBefore;
    if (accepted + failed >= totalOffered) break;
    await sleep(250);
  }
  return failed;
}

/**
 * One phase: `numbers` fresh sandbox numbers at `level`, each offered its cap per second for `seconds`, through a
 * freshly started worker. Returns what the sandbox accepted, per number.
 */
async function runPhase(sandbox, { label, level, count, seconds }) {
  const sandboxUrl = sandbox.url;
  const numbers = [];
  for (let i = 0; i < count; i++) numbers.push(await createNumber(sandboxUrl, level));
  const phasePrefix = `${runPrefix}-${label}`;
  const port = await freePort();
  const worker = start(
    'message-worker',
    WORKER_MAIN,
    {
      REDIS_URL: redisUrl,
      REDIS_PREFIX: phasePrefix,
      META_GRAPH_URL: sandboxUrl,
      META_GRAPH_VERSION: GRAPH_VERSION,
      ENCRYPTION_KEY: encryptionKeyHex,
      MESSAGE_WORKER_PORT: String(port),
    },
    port,
    args.profile === undefined
      ? []
      : ['--cpu-prof', `--cpu-prof-dir=${args.profile}`, `--cpu-prof-name=worker-${label}.cpuprofile`],
  );
  await waitHealthy(worker, 'message-worker');
  const queue = new Queue(QUEUES.outboundMessages.name, { connection: redis, prefix: queuePrefix(phasePrefix) });

  if (opts.warmup > 0) {
    // A worker in service is warm: its code is compiled and its connections open. The warm-up sends the same load
    // to numbers of its own, so that the measured numbers' figures hold only the measured window.
    const warm = [];
    for (let i = 0; i < count; i++) warm.push(await createNumber(sandboxUrl, level));
    const w = await offer(queue, warm, opts.warmup);
    await drain(sandboxUrl, queue, warm, w.total, opts.warmup);
  }
  const failedBefore = (await queue.getJobCounts('failed')).failed;
  const cpuBefore = machineTicks();
  const usedBefore = await cpuSnapshot(worker.child.pid, sandbox.child.pid);
  const { startedAt, endsAt, total: totalOffered } = await offer(queue, numbers, seconds);
  const failed = await drain(sandboxUrl, queue, numbers, totalOffered, seconds, failedBefore);
  const cpuAfter = machineTicks();
  const usedAfter = await cpuSnapshot(worker.child.pid, sandbox.child.pid);
  const idle = idleShare(cpuBefore, cpuAfter);
  const load = loadavg()[0];
  await stop(worker);
  await queue.close();

  const perNumber = [];
  /** Sends accepted in each second of the window, all numbers together (printed with --timeline). */
  const perSecond = Array.from({ length: seconds }, () => 0);
  for (const number of numbers) {
    const [{ data }, stats] = await Promise.all([
      call(sandboxUrl, 'GET', `/_sandbox/outbox?phone_number_id=${number.phoneNumberId}`),
      call(sandboxUrl, 'GET', `/_sandbox/sends?phone_number_id=${number.phoneNumberId}`),
    ]);
    const times = data.map((e) => Date.parse(e.created_at)).sort((a, b) => a - b);
    for (const t of times) if (t >= startedAt && t < endsAt) perSecond[Math.floor((t - startedAt) / 1000)]++;
    perNumber.push({
      cap: number.cap,
      accepted: times.length,
      // Each job's text is its message id: the same text twice is a message sent twice.
      duplicates: times.length - new Set(data.map((e) => e.request.text?.body)).size,
      inWindow: times.filter((t) => t >= startedAt && t < endsAt).length,
      throttled: stats.throttled,
      sliding: busiestSlidingSecond(times),
      calendar: busiestCalendarSecond(times),
      lastAt: times.at(-1) ?? startedAt,
    });
  }
  const capTotal = numbers.reduce((a, n) => a + n.cap, 0);
  const acceptedTotal = perNumber.reduce((a, n) => a + n.accepted, 0);
  const inWindow = perNumber.reduce((a, n) => a + n.inWindow, 0);
  return {
    label,
    numbers: count,
    seconds,
    offered: totalOffered,
    accepted: acceptedTotal,
    duplicates: perNumber.reduce((a, n) => a + n.duplicates, 0),
    failed,
    share: inWindow / (capTotal * seconds),
    ratePerNumber: inWindow / seconds / count,
    throttled: perNumber.reduce((a, n) => a + n.throttled, 0),
    sliding: Math.max(...perNumber.map((n) => n.sliding)),
    calendar: Math.max(...perNumber.map((n) => n.calendar)),
    cap: numbers[0].cap,
    /** CPU microseconds per accepted message, by process. */
    cpuPerMessage: Object.fromEntries(
      Object.keys(usedAfter).map((k) => [k, ((usedAfter[k] - usedBefore[k]) * 1e6) / Math.max(1, acceptedTotal)]),
    ),
    perSecond,
    drainS: (Math.max(...perNumber.map((n) => n.lastAt)) - endsAt) / 1000,
    idle,
    load,
  };
}

function describe(r) {
  return (
    `${r.label.padEnd(8)} ${r.numbers} × ${r.cap}/s for ${r.seconds} s: offered ${r.offered}, accepted ${r.accepted}, ` +
    `failed ${r.failed}, sent twice ${r.duplicates}; in the window ${(r.share * 100).toFixed(1)} % of the cap (${r.ratePerNumber.toFixed(1)}/s per number); ` +
    `130429 ${r.throttled}; busiest second ${r.sliding} (calendar ${r.calendar}); backlog drained ${Math.max(0, r.drainS).toFixed(1)} s after; ` +
    `CPU µs/message: ${Object.entries(r.cpuPerMessage)
      .map(([k, v]) => `${k} ${Number.isNaN(v) ? '-' : v.toFixed(0)}`)
      .join(', ')}; ` +
    `idle ${Number.isNaN(r.idle) ? '-' : `${Math.round(r.idle * 100)}%`}  load ${r.load.toFixed(2)}`
  );
}

const verdict = (ok) => (ok ? 'PASS' : 'FAIL');

async function main() {
  console.log(
    `outbound pacing: ${opts.numbers} numbers × ${CAP.STANDARD}/s for ${opts.duration} s, then 1 number × ${CAP.HIGH}/s ` +
      `for ${opts.highDuration} s, ${opts.rounds} round(s); Redis ${redisUrl}, keys under ${runPrefix}-*; ` +
      `load ${loadavg()[0].toFixed(2)}`,
  );
  const slots = { [CAP.STANDARD]: await comparePacers(CAP.STANDARD, 3), [CAP.HIGH]: await comparePacers(CAP.HIGH, 3) };
  for (const [cap, { baseline, pacer }] of Object.entries(slots)) {
    console.log(
      `  slots    a 3 s backlog at ${cap}/s: busiest second ${baseline.busiest} with the former bucket (baseline, ` +
        `${baseline.rate.toFixed(1)}/s over the backlog), ${pacer.busiest} with the pacer (${pacer.rate.toFixed(1)}/s)`,
    );
  }
  const sandboxPort = await freePort();
  const sandbox = start(
    'meta-sandbox',
    SANDBOX_MAIN,
    {
      META_SANDBOX_PORT: String(sandboxPort),
      META_APP_ID: APP_ID,
      META_APP_SECRET: APP_SECRET,
      // Nothing is subscribed, so no webhook is sent; the port is closed anyway.
      META_SANDBOX_WEBHOOK_URL: 'http://127.0.0.1:9/webhooks/meta',
    },
    sandboxPort,
  );
  await waitHealthy(sandbox, 'meta-sandbox');

  const standard = [];
  const high = [];
  for (let round = 1; round <= opts.rounds; round++) {
    const r = await runPhase(sandbox, {
      label: `std-${round}`,
      level: 'STANDARD',
      count: opts.numbers,
      seconds: opts.duration,
    });
    console.log(`  ${describe(r)}`);
    if (args.timeline) console.log(`  ${r.label.padEnd(8)} accepted per second: ${r.perSecond.join(' ')}`);
    standard.push(r);
    if (opts.highDuration > 0) {
      const h = await runPhase(sandbox, {
        label: `high-${round}`,
        level: 'HIGH',
        count: 1,
        seconds: opts.highDuration,
      });
      console.log(`  ${describe(h)}`);
      high.push(h);
    }
  }
  await stop(sandbox);

  const range = (values, fmt) => {
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    return lo === hi ? fmt(lo) : `${fmt(lo)}–${fmt(hi)}`;
  };
  const pct = (v) => `${(v * 100).toFixed(1)} %`;
  console.log('');
  const share = standard.map((r) => r.share);
  const throttled = standard.map((r) => r.throttled);
  const busiest = standard.map((r) => r.sliding);
  const phases = [...standard, ...high];
  const duplicates = phases.reduce((a, r) => a + r.duplicates, 0);
  const undrained = phases.filter((r) => r.accepted - r.duplicates + r.failed < r.offered).length;
  console.log(
    `aggregate rate / aggregate cap   ${range(share, pct)}   target >= ${pct(TARGET.share)}   ${verdict(Math.min(...share) >= TARGET.share)}`,
  );
  console.log(
    `130429 answers                   ${range(throttled, String)}   target ${TARGET.throttled}   ${verdict(Math.max(...throttled) === 0)}`,
  );
  console.log(
    `busiest one-second window        ${range(busiest, String)}/s   target <= ${CAP.STANDARD}/s   ${verdict(Math.max(...busiest) <= CAP.STANDARD)}`,
  );
  if (high.length > 0) {
    const sustained = high.map((r) => r.share * r.cap);
    const highBusiest = high.map((r) => r.sliding);
    const highThrottled = high.map((r) => r.throttled);
    console.log(
      `1,000/s number: sustained        ${range(sustained, (v) => `${v.toFixed(0)}/s`)}   target >= ${TARGET.highSustained}/s   ${verdict(Math.min(...sustained) >= TARGET.highSustained)}`,
    );
    console.log(
      `1,000/s number: busiest second   ${range(highBusiest, String)}/s (130429: ${range(highThrottled, String)})   target <= ${CAP.HIGH}/s, 0   ${verdict(Math.max(...highBusiest) <= CAP.HIGH && Math.max(...highThrottled) === 0)}`,
    );
  }
  console.log(`messages sent twice                ${duplicates}   target 0   ${verdict(duplicates === 0)}`);
  console.log(
    `backlog drained, none failed       ${undrained === 0 ? 'yes' : `no, in ${undrained} phase(s)`}   ` +
      `${verdict(undrained === 0 && phases.every((r) => r.failed === 0))}`,
  );
  const { baseline, pacer } = slots[CAP.STANDARD];
  console.log(
    `pacer alone, busiest second at 80/s   ${pacer.busiest} vs ${baseline.busiest} for the baseline bucket ` +
      `(${(pacer.busiest / baseline.busiest).toFixed(2)}x)   target <= 80   ${verdict(pacer.busiest <= CAP.STANDARD)}`,
  );
}

async function cleanup() {
  for (const child of children) child.kill('SIGTERM');
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${runPrefix}-*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}

let aborting = false;
function abort(error) {
  if (aborting) return;
  aborting = true;
  console.error(`bench/outbound: ${error.message}`);
  process.exitCode = 1;
  cleanup().finally(() => process.exit(1));
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    if (aborting) return;
    clearTimeout(deadline);
    await cleanup();
  });
