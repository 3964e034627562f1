// Webhook ingest bench: the real webhook-worker against a naive receiver, on this machine, same load.
// It builds nothing (`npm run build` first). Options and how to read the figures: bench/README.md.
import { execFileSync, spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, rmSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { machineTicks, processCpuSeconds, redisCpuSeconds } from '../proc-cpu.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WORKER_MAIN = `${ROOT}services/webhook-worker/dist/main.js`;
const BASELINE_MAIN = `${ROOT}bench/webhook-ingest/baseline-server.mjs`;
const FLOOR_MAIN = `${ROOT}bench/webhook-ingest/floor-server.mjs`;
const WRK_SCRIPT = `${ROOT}bench/webhook-ingest/wrk-requests.lua`;
const TARGET = { ratio: 1.5, p99Ms: 10 };
/**
 * `--warmup auto`: load each server one second at a time until its CPU per request has settled (none of the last
 * `settled` seconds beats the best before them by more than `spread`), for `min` to `max` seconds, so that the
 * measured window starts after V8 has compiled the hot paths (see bench/README.md).
 */
const WARMUP = { min: 4, max: 20, settled: 3, spread: 1.15 };
// Fresh secrets each run: the servers run as in production, which refuses any value the repository published.
const APP_SECRET = randomBytes(16).toString('hex');
const VERIFY_TOKEN = randomBytes(16).toString('hex');
/** `queues`: whether the server queues what it accepts (the floor does not, so it is not checked for that). */
const SERVERS = {
  floor: { script: FLOOR_MAIN, label: 'floor: node:http, 200 only', queues: false },
  baseline: { script: BASELINE_MAIN, label: 'baseline: add() per request', queues: true },
  worker: { script: WORKER_MAIN, label: 'webhook-worker: batched', queues: true },
};

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    // Seconds of load before measuring, per server: `auto` (until it has settled) or a whole number (0 skips it).
    warmup: { type: 'string', default: 'auto' },
    connections: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '1' },
    // With wrk: the measured seconds of each server come in slices of this length, interleaved.
    slice: { type: 'string', default: '2' },
    // The load generator: wrk (C, Debian's `wrk` package) when installed, else autocannon (Node.js).
    client: { type: 'string' },
    // Writes a V8 CPU profile of each server phase into this directory (open it in Chrome DevTools).
    profile: { type: 'string' },
  },
});
const opts = {
  duration: Number(args.duration),
  warmup: args.warmup === 'auto' ? 'auto' : Number(args.warmup),
  connections: Number(args.connections),
  rounds: Number(args.rounds),
  slice: Number(args.slice),
};
for (const [name, value] of Object.entries(opts)) {
  if (name === 'warmup' && value === 'auto') continue;
  const min = name === 'warmup' ? 0 : 1;
  if (!Number.isInteger(value) || value < min || value > 600) {
    console.error(`--${name} must be a whole number from ${min} to 600`);
    process.exit(2);
  }
}
/** The most warm-up seconds one server can get. */
const maxWarmup = opts.warmup === 'auto' ? WARMUP.max : opts.warmup;

const wrkInstalled = (() => {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (err) {
    // wrk prints its version and exits with 1; only a missing binary is an error of its own.
    return err.code !== 'ENOENT';
  }
})();
const client = args.client ?? (wrkInstalled ? 'wrk' : 'autocannon');
if (!['wrk', 'autocannon'].includes(client) || (client === 'wrk' && !wrkInstalled)) {
  console.error(`--client must be wrk (installed: ${wrkInstalled ? 'yes' : 'no, apt-get install wrk'}) or autocannon`);
  process.exit(2);
}

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(redisUrl).hostname)) {
  console.error(
    `REDIS_URL must point at this machine (got host ${new URL(redisUrl).host}): the bench floods it, then deletes its keys.`,
  );
  process.exit(2);
}
if (!existsSync(WORKER_MAIN)) {
  console.error(`${WORKER_MAIN} is missing: run \`npm run build\` first (the bench builds nothing).`);
  process.exit(2);
}

/** Every key this run writes starts with this, so the cleanup cannot touch anyone else's data. */
const runPrefix = `bench-${randomBytes(4).toString('hex')}`;
const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
const children = new Set();
/** Request files written for wrk; deleted after each slice and on any exit. */
const tempFiles = new Set();
/**
 * Where they go: memory (tmpfs) where there is one, because tens of megabytes written to disk before each slice
 * were flushed by the kernel during the following slices, on the same two cores.
 */
const REQUEST_DIR = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

// A hard ceiling on the whole run: per round, three servers' warm-up and measurement, the bodies made before each
// slice (well under a second per second of load; the warm-up's one-second slices are counted twice for that), and
// ~90 s to start, stop and clean.
const deadlineMs = opts.rounds * (3 * (2 * maxWarmup + 2 * opts.duration) + 90) * 1_000;
const deadline = setTimeout(() => abort(new Error(`exceeded its ${deadlineMs / 1_000} s budget`)), deadlineMs);
process.once('SIGINT', () => abort(new Error('interrupted')));

async function main() {
  console.log(
    `webhook ingest: ${opts.connections} connections (${client}), ` +
      `${opts.warmup === 'auto' ? 'warm-up until settled' : `${opts.warmup} s warm-up`} + ${opts.duration} s per ` +
      `server, ${opts.rounds} round(s); Redis ${redisUrl}, keys under ${runPrefix}-*`,
  );
  if (client === 'autocannon' && !args.client)
    console.log(
      '  wrk is not installed (apt-get install wrk): autocannon shares the two cores with the server and its own ' +
        'CPU use shows up as server latency',
    );
  const results = { floor: [], baseline: [], worker: [] };
  for (let round = 1; round <= opts.rounds; round++) {
    for (const row of await runRound(round)) results[row.name].push(row);
  }
  printReport(results);
}

/**
 * One round: the three servers run side by side and the load visits them one `--slice` at a time, the order
 * rotating every cycle, until each has had `--duration` seconds. The machine's speed drifts over a minute, and
 * interleaved slices give every server the same share of fast and slow stretches (see bench/README.md).
 */
async function runRound(round) {
  const order = round % 2 === 1 ? ['floor', 'baseline', 'worker'] : ['worker', 'baseline', 'floor'];
  const load1m = loadavg()[0];
  const servers = [];
  try {
    for (const name of order) {
      const port = await freePort();
      const prefix = `${runPrefix}-${name}`;
      const child = startServer(SERVERS[name].script, port, prefix, `${name}-${round}`);
      const url = `http://127.0.0.1:${port}/webhooks/meta`;
      servers.push({ name, port, prefix, child, url, slices: [] });
    }
    for (const server of servers) await waitForHealth(server.port, server.child);
    for (const server of servers) {
      server.warmup = await warmUp(server);
      if (server.warmup.length > 0)
        console.log(`  round ${round}  ${server.name.padEnd(8)}  ${fmtWarmup(server.warmup)}`);
    }
    const slices = client === 'wrk' ? Math.max(1, Math.floor(opts.duration / opts.slice)) : 1;
    const sliceSeconds = slices === 1 ? opts.duration : opts.slice;
    for (let k = 0; k < slices; k++) {
      const turn = [...servers.slice(k % servers.length), ...servers.slice(0, k % servers.length)];
      for (const server of turn) server.slices.push(await loadSlice(server, sliceSeconds));
    }
    const rows = [];
    for (const server of servers) {
      const stop = await stopServer(server.child);
      const { queues } = SERVERS[server.name];
      const { webhooks: queued, jobs } = queues ? await countQueued(server.prefix) : { webhooks: 0, jobs: 0 };
      const row = { name: server.name, round, load1m, ...pooled(server.slices), queued, stop };
      const warmedUp = (key) => server.warmup.reduce((total, second) => total + second[key], 0);
      // A body sent twice during the warm-up is deduplicated too, and would spoil the count of queued webhooks.
      row.repeated += warmedUp('repeated');
      const accepted = warmedUp('accepted') + row.accepted;
      // The floor queues nothing, so a body it got twice deduplicates nothing either.
      if (!queues) row.repeated = 0;
      // Requests still in flight when the load generator stops are queued but never counted as answered: at most
      // one per connection and slice.
      const inFlight = opts.connections * (server.slices.length + server.warmup.length);
      row.allQueued = !queues || (queued >= accepted && queued <= accepted + inFlight);
      console.log(
        `  round ${round}  ${server.name.padEnd(8)}  ${fmt(row.reqPerSec)} req/s  p50 ${fmtMs(row.p50)}  ` +
          `p99 ${fmtMs(row.p99)} (slices ${row.sliceP99s.map((ms) => ms.toFixed(1)).join('/')})  ` +
          `server ${fmtUs(row.serverUs)}/req  redis ${fmtUs(row.redisUs)}/req  idle ${fmtPct(row.idlePct)}  ` +
          `load ${load1m.toFixed(2)}  ${queues ? `queued ${queued} in ${jobs} jobs` : 'queues nothing'} ` +
          `(${accepted} answered)  shutdown: ${stop}` +
          (row.repeated > 0 ? `  ${row.repeated} bodies sent twice: INVALID` : ''),
      );
      rows.push(row);
    }
    return rows;
  } finally {
    for (const server of servers) if (children.has(server.child)) server.child.kill('SIGKILL');
    removeTempFiles();
    for (const server of servers) await deleteKeys(server.prefix);
  }
}

/** One server's slices as one measurement: sums, and percentiles of the merged latency histograms. */
function pooled(slices) {
  const sum = (pick) => slices.reduce((total, slice) => total + pick(slice), 0);
  const total = sum((s) => s.result.total);
  const seconds = sum((s) => s.result.seconds);
  // Per request; NaN (printed n/a) where this is not Linux.
  const perRequest = (key) => (total === 0 ? NaN : (sum((s) => s.after[key] - s.before[key]) * 1e6) / total);
  const machine = slices.every((s) => s.before.machine && s.after.machine);
  const ticks = (key) => sum((s) => s.after.machine[key] - s.before.machine[key]);
  const row = {
    reqPerSec: total / seconds,
    total,
    accepted: sum((s) => s.result.accepted),
    non2xx: sum((s) => s.result.non2xx),
    errors: sum((s) => s.result.errors),
    repeated: sum((s) => s.result.repeated),
    serverUs: perRequest('server'),
    redisUs: perRequest('redis'),
    idlePct: machine ? (100 * ticks('idle')) / Math.max(1, ticks('total')) : undefined,
    sliceP99s: slices.map((s) => s.result.p99),
  };
  if (slices.every((s) => s.result.histogram)) {
    // Exact pooling: the latencies of every slice in one histogram (microseconds → count).
    const merged = new Map();
    for (const { result } of slices)
      for (const [us, count] of result.histogram) merged.set(us, (merged.get(us) ?? 0) + count);
    const sorted = [...merged].sort((a, b) => a[0] - b[0]);
    const samples = sorted.reduce((n, [, count]) => n + count, 0);
    const percentile = (p) => {
      const rank = Math.ceil((p / 100) * samples);
      let seen = 0;
      for (const [us, count] of sorted) if ((seen += count) >= rank) return us / 1_000;
      return NaN;
    };
    return { ...row, p50: percentile(50), p99: percentile(99), max: (sorted.at(-1)?.[0] ?? NaN) / 1_000 };
  }
  // One slice (autocannon): its own percentiles.
  const [only] = slices;
  return { ...row, p50: only.result.p50, p99: only.result.p99, max: only.result.max };
}

/** Numbers the bodies across every run of the load generator, so that no body is ever sent twice. */
let seq = 0;

/**
 * Bodies and signatures are made before the load starts, enough for this rate over the whole run: making them
 * while measuring (a string and an HMAC per request) would busy the load generator and show up as server latency.
 */
const PREPARED_PER_SECOND = { wrk: 40_000, autocannon: 20_000 };

/**
 * Each load generator: `prepare(url, seconds)` makes the bodies (before the load), `run(url, seconds, prepared)`
 * loads the server and gives the figures of the run (latencies in ms).
 */
const LOADS = {
  wrk: { prepare: prepareWrk, run: runWrk },
  autocannon: { prepare: (_url, seconds) => prepareWebhooks(seconds), run: runAutocannon },
};

/** One load of a server with the CPU used meanwhile; its bodies are made before it starts, while nothing is loaded. */
async function loadSlice(server, seconds) {
  const prepared = LOADS[client].prepare(server.url, seconds);
  const before = await sampleCpu(server.child.pid);
  const result = await LOADS[client].run(server.url, seconds, prepared);
  const after = await sampleCpu(server.child.pid);
  removeTempFiles();
  return { result, before, after };
}

/**
 * Loads a freshly started server one second at a time, for `--warmup` seconds or (auto) until its CPU per request
 * has settled. Returns each second's figures, which the report prints: how long a restart takes to reach speed.
 */
async function warmUp(server) {
  const seconds = [];
  while (seconds.length < maxWarmup && !(opts.warmup === 'auto' && settled(seconds)))
    seconds.push(pooled([await loadSlice(server, 1)]));
  return seconds;
}

/**
 * Whether a warm-up has stopped getting faster: none of its last seconds used noticeably less CPU per request than
 * the best second before them. Off Linux (no CPU figures): as soon as the minimum is reached.
 */
function settled(seconds) {
  if (seconds.length < Math.max(WARMUP.min, WARMUP.settled + 1)) return false;
  const us = seconds.map((second) => second.serverUs);
  if (us.some(Number.isNaN)) return true;
  const bestBefore = Math.min(...us.slice(0, -WARMUP.settled));
  return Math.min(...us.slice(-WARMUP.settled)) * WARMUP.spread >= bestBefore;
}

function fmtWarmup(seconds) {
  const row = (pick, digits) => seconds.map((second) => pick(second).toFixed(digits)).join('/');
  const verdict = opts.warmup !== 'auto' ? '' : settled(seconds) ? ', settled' : ', NOT settled';
  return (
    `warm-up ${seconds.length} s${verdict}: server ${row((s) => s.serverUs, 0)} µs/req, ` +
    `p99 ${row((s) => s.p99, 1)} ms, ${row((s) => s.reqPerSec / 1_000, 1)}k req/s`
  );
}

/**
 * wrk's input: complete HTTP requests of one size in a file (`wrk-requests.lua` reads it, each request once).
 * Returns the file's stem (the script reads `<stem>.0`, its thread's file) and the size of one request.
 */
function prepareWrk(url, seconds) {
  const { host, pathname } = new URL(url);
  const file = join(REQUEST_DIR, `${runPrefix}-${seq}.requests`);
  tempFiles.add(`${file}.0`);
  const fd = openSync(`${file}.0`, 'w');
  let size = 0;
  try {
    for (let left = seconds * PREPARED_PER_SECOND.wrk; left > 0; left -= 1_000) {
      const chunk = Array.from({ length: Math.min(left, 1_000) }, () => {
        const { body, signature } = signedWebhook();
        return (
          `POST ${pathname} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\n` +
          `X-Hub-Signature-256: ${signature}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
        );
      });
      size = Buffer.byteLength(chunk[0]);
      if (chunk.some((request) => Buffer.byteLength(request) !== size)) throw new Error('requests differ in size');
      writeSync(fd, chunk.join(''));
    }
  } finally {
    closeSync(fd);
  }
  return { file, size };
}

/**
 * wrk, one thread, sending the prepared requests; it reports from its own histogram (microseconds), which the
 * script prints whole. Its CPU use per request is a fraction of autocannon's.
 */
async function runWrk(url, seconds, { file, size }) {
  const args = ['-t', '1', '-c', String(opts.connections), '-d', `${seconds}s`, '--timeout', '10s'];
  const output = await new Promise((resolve, reject) => {
    const wrk = spawn('wrk', [...args, '-s', WRK_SCRIPT, url, '--', file, String(size)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.add(wrk);
    let out = '';
    wrk.stdout.on('data', (data) => (out += data));
    wrk.once('error', reject);
    wrk.once('exit', (code) => {
      children.delete(wrk);
      if (code === 0) resolve(out);
      else reject(new Error(`wrk exited with ${code}: ${out}`));
    });
  });
  const line = output.split('\n').find((l) => l.startsWith('WRK_RESULT '));
  if (!line) throw new Error(`wrk printed no result: ${output}`);
  const r = JSON.parse(line.slice('WRK_RESULT '.length));
  return {
    seconds: r.durationUs / 1e6,
    total: r.requests,
    // wrk counts statuses from 400 up as errors; the servers answer 200 or an error status.
    accepted: r.requests - r.status,
    p50: r.p50Us / 1_000,
    p99: r.p99Us / 1_000,
    max: r.maxUs / 1_000,
    histogram: r.histogram,
    non2xx: r.status,
    errors: r.connect + r.read + r.write + r.timeout,
    repeated: r.repeated,
  };
}

function prepareWebhooks(seconds) {
  return Array.from({ length: seconds * PREPARED_PER_SECOND.autocannon }, () => signedWebhook());
}

/** autocannon with a distinct ~1 KB Meta-shaped body per request (a repeated body would be deduplicated). */
async function runAutocannon(url, seconds, prepared) {
  let next = 0;
  let accepted = 0;
  const instance = autocannon({
    url,
    connections: opts.connections,
    duration: seconds,
    method: 'POST',
    requests: [
      {
        setupRequest: (req) => {
          // Past the prepared ones (a machine faster than expected), bodies are made as they go.
          const { body, signature } = next < prepared.length ? prepared[next++] : signedWebhook();
          return {
            ...req,
            body,
            headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
          };
        },
      },
    ],
  });
  instance.on('response', (_client, statusCode) => {
    if (statusCode === 200) accepted++;
  });
  const result = await instance;
  return {
    seconds: result.duration,
    total: result.requests.total,
    accepted,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    repeated: 0,
  };
}

/** A new webhook body with its `X-Hub-Signature-256`. */
function signedWebhook() {
  const body = webhookBody(`${runPrefix}.${seq++}`);
  return { body, signature: `sha256=${createHmac('sha256', APP_SECRET).update(body).digest('hex')}` };
}

/** 1,024 bytes, escaped the way Meta escapes (`\u00e4`, `\/`), so the worker handles real-looking bytes. */
function webhookBody(id) {
  const text = 'Hallo, ich h\\u00e4tte gern die Gr\\u00f6\\u00dfe M. Link: https:\\/\\/example.com\\/p\\/42 ';
  const head =
    '{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":' +
    '{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",' +
    '"phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"J\\u00fcrgen M\\u00fcller"},' +
    `"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.${id}",` +
    '"timestamp":"1749416383","type":"text","text":{"body":"';
  const tail = '"}}]},"field":"messages"}]}]}';
  let body = text;
  while (head.length + body.length + text.length + tail.length <= 1_024) body += text;
  return head + body.padEnd(1_024 - head.length - tail.length, '.') + tail;
}

function startServer(script, port, prefix, label) {
  const profile = args.profile
    ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`, `--cpu-prof-name=${label}.cpuprofile`]
    : [];
  const child = spawn(process.execPath, [...profile, script], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      WEBHOOK_WORKER_PORT: String(port),
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
      META_APP_SECRET: APP_SECRET,
      META_VERIFY_TOKEN: VERIFY_TOKEN,
    },
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function waitForHealth(port, child) {
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before it was ready`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server was not healthy after 15 s');
}

/** SIGTERM, as Docker sends it: reports the exit code and how long the graceful shutdown took. */
async function stopServer(child) {
  const startedAt = Date.now();
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const code = await exited;
  clearTimeout(timer);
  return `exit ${code} in ${Date.now() - startedAt} ms`;
}

/** CPU seconds used so far by the server process and by Redis, and the machine's CPU ticks (Linux only). */
async function sampleCpu(pid) {
  return { server: processCpuSeconds(pid), redis: await redisCpuSeconds(redis), machine: machineTicks() };
}

/** Jobs and webhooks waiting in `meta-webhooks`: a job holds one webhook (`rawBody`) or several (`webhooks`). */
async function countQueued(prefix) {
  const ids = await redis.lrange(`${prefix}:bull:meta-webhooks:wait`, 0, -1);
  let count = 0;
  for (let i = 0; i < ids.length; i += 1_000) {
    const pipeline = redis.pipeline();
    for (const id of ids.slice(i, i + 1_000)) pipeline.hget(`${prefix}:bull:meta-webhooks:${id}`, 'data');
    for (const [err, data] of await pipeline.exec()) {
      if (err) throw err;
      const job = JSON.parse(data);
      count += Array.isArray(job.webhooks) ? job.webhooks.length : 1;
    }
  }
  return { webhooks: count, jobs: ids.length };
}

async function deleteKeys(prefix) {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 5_000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function printReport(results) {
  const mean = (rows, key) => rows.reduce((sum, row) => sum + (row[key] ?? NaN), 0) / rows.length;
  const worst = (rows, key) => Math.max(...rows.map((row) => row[key]));
  const sum = (rows, key) => rows.reduce((total, row) => total + row[key], 0);
  const table = [
    ['server', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'non-2xx', 'errors', 'server CPU', 'Redis CPU', 'all queued'],
    ...Object.entries(results).map(([name, rows]) => [
      SERVERS[name].label,
      fmt(mean(rows, 'reqPerSec')),
      fmtMs(worst(rows, 'p50'), ''),
      fmtMs(worst(rows, 'p99'), ''),
      fmtMs(worst(rows, 'max'), ''),
      String(sum(rows, 'non2xx')),
      String(sum(rows, 'errors')),
      `${fmtUs(mean(rows, 'serverUs'))}/req`,
      `${fmtUs(mean(rows, 'redisUs'))}/req`,
      !SERVERS[name].queues ? 'n/a' : rows.every((row) => row.allQueued) ? 'yes' : 'NO',
    ]),
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((line) => line[i].length)));
  console.log('');
  for (const line of table)
    console.log(line.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));

  const ratio = mean(results.worker, 'reqPerSec') / mean(results.baseline, 'reqPerSec');
  const p99 = worst(results.worker, 'p99');
  const clean = results.worker.every((row) => row.non2xx === 0 && row.errors === 0 && row.allQueued);
  const repeated = Object.values(results).some((rows) => rows.some((row) => row.repeated > 0));
  console.log('');
  console.log(
    `worker / baseline req/s  ${ratio.toFixed(2)}x   target >= ${TARGET.ratio}x   ${verdict(ratio >= TARGET.ratio)}`,
  );
  console.log(
    `worker p99               ${fmtMs(p99)}   target <= ${TARGET.p99Ms} ms   ${verdict(p99 <= TARGET.p99Ms)}`,
  );
  console.log(`worker: only 200s, each one queued   ${verdict(clean)}`);
  console.log(
    `floor p99                ${fmtMs(worst(results.floor, 'p99'))}   what this machine gives a server that only ` +
      'answers 200 (no target)',
  );
  if (repeated)
    console.log(
      'INVALID: the load generator ran out of prepared bodies and sent some twice (raise PREPARED_PER_SECOND)',
    );
}

function fmt(n) {
  return Math.round(n).toLocaleString('en-US');
}

/** Milliseconds with one decimal (wrk measures microseconds; autocannon whole milliseconds). */
function fmtMs(n, unit = ' ms') {
  return `${n.toFixed(1)}${unit}`;
}

function fmtUs(n) {
  return n === undefined || Number.isNaN(n) ? 'n/a' : `${Math.round(n)} µs`;
}

function fmtPct(n) {
  return n === undefined ? 'n/a' : `${Math.round(n)}%`;
}

function verdict(ok) {
  return ok ? 'PASS' : 'FAIL';
}

function removeTempFiles() {
  for (const file of tempFiles) rmSync(file, { force: true });
  tempFiles.clear();
}

async function cleanup() {
  clearTimeout(deadline);
  removeTempFiles();
  for (const child of children) child.kill('SIGKILL');
  await deleteKeys(`${runPrefix}-*`).catch(() => undefined);
  redis.disconnect();
}

async function abort(err) {
  console.error(`bench aborted: ${err.message}`);
  await cleanup();
  process.exit(1);
}

main().then(cleanup, abort);
