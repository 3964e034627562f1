import { encryptSecret, type OutboundMessageJob, queuePrefix, QUEUES, sendResultJobId } from '@aerostic/shared';
import { Queue } from 'bullmq';
import { QueueProducer } from '@aerostic/shared/node';
import { Redis } from 'ioredis';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const GRAPH_VERSION = 'v26.0';
const APP_ID = 'crash-test-app';
const APP_SECRET = 'crash-test-secret';
/** The worker runs as the real built process, so that it can be killed like a crashed container. */
const WORKER_MAIN = join(__dirname, '..', 'dist', 'main.js');
/** Meta is replaced by the meta-sandbox, started in process (a path, not an import: it is another workspace). */
const SANDBOX_APP = resolve(__dirname, '../../meta-sandbox/src/app');
const MESSAGES = 150;

type SandboxServer = { listen(options: { port: number; host: string }): Promise<string>; close(): Promise<void> };
type SandboxModule = { buildApp(options: Record<string, unknown>): SandboxServer };
type OutboxEntry = { wamid: string; request: { biz_opaque_callback_data?: string } };
type FaultsView = { faults: { send_timeout: number } };

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Polls until `check` holds; a clear failure instead of a hanging test. */
async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('message-worker killed with SIGKILL in the middle of a run', () => {
  const key = randomBytes(32);
  const redisPrefix = `test-mw-crash-${randomUUID()}`;
  let sandbox: SandboxServer;
  let graphUrl: string;
  let connection: Redis;
  let outbound: Queue;
  let producer: QueueProducer<typeof QUEUES.outboundMessages>;
  let results: Queue;
  const workers: ChildProcess[] = [];

  async function sandboxCall<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${graphUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await res.json()) as T;
  }

  async function startWorker(): Promise<{ child: ChildProcess; output: () => string }> {
    const port = await freePort();
    let output = '';
    const child = spawn(process.execPath, [WORKER_MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        REDIS_URL,
        REDIS_PREFIX: redisPrefix,
        META_GRAPH_URL: graphUrl,
        META_GRAPH_VERSION: GRAPH_VERSION,
        ENCRYPTION_KEY: key.toString('hex'),
        MESSAGE_WORKER_PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    workers.push(child);
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    await waitFor(
      'the message-worker to answer /health',
      async () => {
        if (child.exitCode !== null) throw new Error(`the message-worker exited:\n${output}`);
        return fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => r.ok,
          () => false,
        );
      },
      20_000,
    );
    return { child, output: () => output };
  }

  const outbox = async (phoneNumberId: string) =>
    (await sandboxCall<{ data: OutboxEntry[] }>('GET', `/_sandbox/outbox?phone_number_id=${phoneNumberId}`)).data;

  beforeAll(async () => {
    if (!existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} is missing: run \`npm run build\` first`);
    const { buildApp } = (await import(SANDBOX_APP)) as SandboxModule;
    sandbox = buildApp({
      config: { appId: APP_ID, appSecret: APP_SECRET, webhook: { url: 'http://127.0.0.1:1/unused', maxAttempts: 1 } },
    });
    graphUrl = await sandbox.listen({ port: 0, host: '127.0.0.1' });
    connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const prefix = queuePrefix(redisPrefix);
    producer = new QueueProducer(QUEUES.outboundMessages, { connection, prefix });
    outbound = producer.queue;
    results = new Queue(QUEUES.sendResults.name, { connection, prefix });
  });

  afterAll(async () => {
    for (const child of workers) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await outbound.obliterate({ force: true });
    await results.obliterate({ force: true });
    await producer.close();
    await results.close();
    const keys = await connection.keys(`${redisPrefix}:*`);
    if (keys.length > 0) await connection.del(...keys);
    await connection.quit();
    await sandbox.close();
  });

  it('should send every message exactly once and complete every job after a restart', async () => {
    const business = await sandboxCall<{ code: string; phone_number_id: string }>('POST', '/_sandbox/businesses', {});
    const query = new URLSearchParams({ client_id: APP_ID, client_secret: APP_SECRET, code: business.code });
    const { access_token } = await sandboxCall<{ access_token: string }>(
      'GET',
      `/${GRAPH_VERSION}/oauth/access_token?${query}`,
    );
    const phoneNumberId = business.phone_number_id;
    const jobs: OutboundMessageJob[] = Array.from({ length: MESSAGES }, (_, i) => {
      const messageId = randomUUID();
      return {
        messageId,
        tenantId: 'tenant-1',
        whatsappAccountId: 'account-1',
        phoneNumberId,
        messagesPerSecond: 80,
        accessTokenSealed: encryptSecret(access_token, key, 'account-1'),
        // Meta echoes biz_opaque_callback_data; here it lets the outbox be matched to our message ids.
        body: {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: `1650700${String(i).padStart(4, '0')}`,
          type: 'text',
          text: { body: `Order ${i} shipped` },
          biz_opaque_callback_data: messageId,
        },
      };
    });

    const first = await startWorker();
    await Promise.all(jobs.map((data) => producer.add(QUEUES.outboundMessages.jobs.send, data)));
    await waitFor(
      'a first share of the messages to be sent',
      async () => (await outbox(phoneNumberId)).length >= 30,
      15_000,
    );

    // From now on Meta holds every send without answering (and records nothing), like a request lost in flight:
    // the worker is killed while sends are hanging, others are waiting for their pacing slot, the rest are queued.
    await sandboxCall('POST', '/_sandbox/faults', { send_timeout: 1000 });
    await waitFor(
      'sends to hang at Meta',
      async () => (await sandboxCall<FaultsView>('GET', '/_sandbox/faults')).faults.send_timeout < 1000,
      5_000,
    );
    // Replies already on their way are recorded first, so the kill cannot land between Meta's answer and the
    // worker saving it (no worker can close that gap: Meta takes no idempotency key). Recorded means the job of
    // every send Meta holds has completed: a fixed pause was not always enough on a busy machine.
    let stable = -1;
    await waitFor(
      'the outbox to stop growing',
      async () => {
        const count = (await outbox(phoneNumberId)).length;
        const settled = count === stable;
        stable = count;
        return settled;
      },
      5_000,
    );
    await waitFor(
      'the worker to record every send Meta accepted',
      async () => (await outbound.getJobCounts('completed')).completed >= (await outbox(phoneNumberId)).length,
      10_000,
    );
    const exited = new Promise<NodeJS.Signals | null>((done) =>
      first.child.once('exit', (_code, signal) => done(signal)),
    );
    first.child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const sentBeforeKill = (await outbox(phoneNumberId)).length;
    const hanging = 1000 - (await sandboxCall<FaultsView>('GET', '/_sandbox/faults')).faults.send_timeout;
    expect(sentBeforeKill).toBeGreaterThanOrEqual(30);
    expect(sentBeforeKill).toBeLessThan(MESSAGES);
    expect(hanging).toBeGreaterThan(0);
    // Jobs the dead worker held stay active until their lock expires; the next worker picks them up as stalled.
    expect(await outbound.getActiveCount()).toBeGreaterThan(0);

    await sandboxCall('DELETE', '/_sandbox/faults');
    const second = await startWorker();
    await waitFor(
      'every job to complete',
      async () => (await outbound.getJobCounts('completed')).completed === MESSAGES,
      // Lock expiry (30 s) plus up to two stalled checks (every 30 s), then the rest of the sends.
      150_000,
    ).catch(async (err: Error) => {
      const counts = await outbound.getJobCounts('completed', 'failed', 'active', 'wait', 'delayed');
      throw new Error(`${err.message}: ${JSON.stringify(counts)}\n${second.output()}`);
    });

    const sent = await outbox(phoneNumberId);
    const sentIds = sent.map((e) => e.request.biz_opaque_callback_data);
    expect(sent).toHaveLength(MESSAGES);
    expect(new Set(sentIds).size).toBe(MESSAGES);
    expect(new Set(sentIds)).toEqual(new Set(jobs.map((j) => j.messageId)));

    const wamidOf = new Map(sent.map((e) => [e.request.biz_opaque_callback_data, e.wamid]));
    const reported = await Promise.all(jobs.map((j) => results.getJob(sendResultJobId(j.messageId))));
    expect(reported.map((r) => r?.data)).toEqual(
      jobs.map((j) => ({
        messageId: j.messageId,
        tenantId: 'tenant-1',
        outcome: 'accepted',
        wamid: wamidOf.get(j.messageId),
      })),
    );
    expect(await outbound.getJobCounts('failed', 'active', 'wait', 'delayed')).toEqual({
      failed: 0,
      active: 0,
      wait: 0,
      delayed: 0,
    });
  }, 240_000);
});
