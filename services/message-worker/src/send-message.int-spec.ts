import {
  encryptSecret,
  type OutboundMessageJob,
  queuePrefix,
  QUEUES,
  type SendResultJob,
  sendResultJobId,
} from '@aerostic/shared';
import { type Job, Queue } from 'bullmq';
import {
  createMetricsRegistry,
  createSendMetrics,
  QueueProducer,
  SUSPENDED_TENANTS_KEY,
  WORKSPACE_SUSPENDED_ERROR,
} from '@aerostic/shared/node';
import { Redis } from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pino } from 'pino';
import { ABANDONED_SEND_ERROR, createSendMessageWorker } from './send-message';
import { closeServer, createServer, listen } from './server';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const GRAPH_VERSION = 'v26.0';
const APP_ID = 'worker-test-app';
const APP_SECRET = 'worker-test-secret';
/** Meta is replaced by the meta-sandbox, started in process (a path, not an import: it is another workspace). */
const SANDBOX_APP = resolve(__dirname, '../../meta-sandbox/src/app');

type SandboxServer = { listen(options: { port: number; host: string }): Promise<string>; close(): Promise<void> };
type SandboxModule = { buildApp(options: Record<string, unknown>): SandboxServer };
type OutboxEntry = {
  wamid: string;
  to: string | null;
  recipient: string | null;
  request: Record<string, unknown>;
  created_at: string;
};

/** The most sends the sandbox recorded within any one second: the rate Meta would have seen. */
function busiestSecond(entries: OutboxEntry[]): number {
  const times = entries.map((e) => Date.parse(e.created_at)).sort((a, b) => a - b);
  let best = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= 1000) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
type BusinessNumber = { phoneNumberId: string; token: string };

describe(createSendMessageWorker.name, () => {
  const key = randomBytes(32);
  const registry = createMetricsRegistry('message-worker');
  const gate = { nodeEnv: 'test' } as const;
  const redisPrefix = `test-mw-${randomUUID()}`;
  let sandbox: SandboxServer;
  let graphUrl: string;
  let connection: Redis;
  let outbound: Queue;
  let producer: QueueProducer<typeof QUEUES.outboundMessages>;
  let results: Queue;
  let sender: ReturnType<typeof createSendMessageWorker>;

  async function sandboxCall<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${graphUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await res.json()) as T;
  }

  async function newNumber(): Promise<BusinessNumber> {
    const business = await sandboxCall<{ code: string; phone_number_id: string }>('POST', '/_sandbox/businesses', {});
    const query = new URLSearchParams({ client_id: APP_ID, client_secret: APP_SECRET, code: business.code });
    const { access_token } = await sandboxCall<{ access_token: string }>(
      'GET',
      `/${GRAPH_VERSION}/oauth/access_token?${query}`,
    );
    return { phoneNumberId: business.phone_number_id, token: access_token };
  }

  const outbox = async (number: BusinessNumber) =>
    (await sandboxCall<{ data: OutboxEntry[] }>('GET', `/_sandbox/outbox?phone_number_id=${number.phoneNumberId}`))
      .data;
  const sendStats = (number: BusinessNumber) =>
    sandboxCall<{ accepted: number; throttled: number }>(
      'GET',
      `/_sandbox/sends?phone_number_id=${number.phoneNumberId}`,
    );

  function job(number: BusinessNumber, to: string, text = 'Hello', token = number.token): OutboundMessageJob {
    return {
      messageId: randomUUID(),
      tenantId: 'tenant-1',
      whatsappAccountId: 'account-1',
      phoneNumberId: number.phoneNumberId,
      messagesPerSecond: 80,
      accessTokenSealed: encryptSecret(token, key, 'account-1'),
      body: { messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'text', text: { body: text } },
    };
  }

  async function enqueue(jobs: OutboundMessageJob[]): Promise<void> {
    await Promise.all(jobs.map((data) => producer.add(QUEUES.outboundMessages.jobs.send, data)));
  }

  async function resultsFor(jobs: OutboundMessageJob[], timeoutMs = 8_000): Promise<SendResultJob[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await Promise.all(jobs.map((j) => results.getJob(sendResultJobId(j.messageId))));
      if (found.every((r) => r !== undefined)) return found.map((r) => (r as Job<SendResultJob>).data);
      if (Date.now() > deadline) throw new Error(`only ${found.filter(Boolean).length}/${jobs.length} results`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  beforeAll(async () => {
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
    sender = createSendMessageWorker({
      connection,
      redisPrefix,
      graphUrl,
      graphVersion: GRAPH_VERSION,
      encryptionKey: key,
      logger: pino({ level: 'silent' }),
      concurrency: 50,
      // Long enough that a loaded machine does not time out a send Meta accepted (a duplicate), short for the timeout test.
      requestTimeoutMs: 3_000,
      retryPolicy: { baseDelayMs: 20, maxDelayMs: 100, pairBaseDelayMs: 50, pairMaxDelayMs: 200 },
      metrics: createSendMetrics(registry),
    });
  });

  afterEach(async () => {
    await sandboxCall('DELETE', '/_sandbox/faults');
  });

  afterAll(async () => {
    await sender.close();
    await outbound.obliterate({ force: true });
    await results.obliterate({ force: true });
    await producer.close();
    await results.close();
    const keys = await connection.keys(`${redisPrefix}:*`);
    if (keys.length > 0) await connection.del(...keys);
    await connection.quit();
    await sandbox.close();
  });

  it('should send the exact body and report accepted with the sandbox wamid when Meta accepts', async () => {
    const number = await newNumber();
    const send = job(number, '+1 650-555-1234', 'Your order shipped');

    await enqueue([send]);
    const [result] = await resultsFor([send]);

    const sent = await outbox(number);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.request).toEqual(send.body);
    expect(result).toEqual({
      messageId: send.messageId,
      tenantId: 'tenant-1',
      outcome: 'accepted',
      wamid: sent[0]!.wamid,
    });
  });

  it('should retry and send exactly once when Meta answers 5xx three times', async () => {
    const number = await newNumber();
    await sandboxCall('POST', '/_sandbox/faults', { send_5xx: 3 });
    const send = job(number, '16505551235');

    await enqueue([send]);
    const [result] = await resultsFor([send]);

    expect(result).toMatchObject({ outcome: 'accepted' });
    expect(await outbox(number)).toHaveLength(1);
    expect((await outbound.getJob(send.messageId))?.data).toMatchObject({ sendAttempts: 3 });
  });

  it('should retry and send once when Meta does not answer within the timeout', async () => {
    const number = await newNumber();
    await sandboxCall('POST', '/_sandbox/faults', { send_timeout: 1 });
    const send = job(number, '16505551238');

    await enqueue([send]);
    const [result] = await resultsFor([send]);

    expect(result).toMatchObject({ outcome: 'accepted' });
    expect(await outbox(number)).toHaveLength(1);
  });

  it('should delay only that recipient when Meta answers the pair rate limit 131056', async () => {
    const number = await newNumber();
    const busy = Array.from({ length: 46 }, (_, i) => job(number, '16505551239', `m${i}`));
    const others = Array.from({ length: 10 }, (_, i) => job(number, `1650580${String(i).padStart(4, '0')}`));

    await enqueue([...busy, ...others]);
    const othersResults = await resultsFor(others);
    const pairLimited = async () => {
      const jobs = await Promise.all(busy.map((b) => outbound.getJob(b.messageId)));
      return jobs.filter((j) => (j?.data.pairAttempts ?? 0) > 0);
    };
    const deadline = Date.now() + 3_000;
    while ((await pairLimited()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));

    expect(othersResults.every((r) => r.outcome === 'accepted')).toBe(true);
    expect(await pairLimited()).toHaveLength(1);
    expect((await outbox(number)).filter((e) => e.to === '16505551239')).toHaveLength(45);
  });

  it('should delay only that customer when Meta answers 131056 to sends addressed by user id', async () => {
    const number = await newNumber();
    const userId = 'US.13491208655302741918';
    const byUserId = Array.from({ length: 46 }, (_, i) => {
      const send = job(number, '0', `u${i}`);
      const { to: _to, ...body } = send.body;
      return { ...send, body: { ...body, recipient: userId } };
    });
    const others = Array.from({ length: 5 }, (_, i) => job(number, `1650581${String(i).padStart(4, '0')}`));

    await enqueue([...byUserId, ...others]);
    const othersResults = await resultsFor(others);
    const pairLimited = async () => {
      const jobs = await Promise.all(byUserId.map((b) => outbound.getJob(b.messageId)));
      return jobs.filter((j) => (j?.data.pairAttempts ?? 0) > 0);
    };
    const deadline = Date.now() + 3_000;
    while ((await pairLimited()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));

    expect(othersResults.every((r) => r.outcome === 'accepted')).toBe(true);
    expect(await pairLimited()).toHaveLength(1);
    const sent = (await outbox(number)).filter((e) => e.recipient === userId);
    expect(sent).toHaveLength(45);
    expect(sent.every((e) => e.to === null && !('to' in e.request))).toBe(true);
  });

  it('should report failed with Meta code, title and details and keep the job failed when the error is permanent', async () => {
    const number = await newNumber();
    await sandboxCall('POST', '/_sandbox/faults', { fail_recipients: { '16505551236': 100 } });
    const send = job(number, '16505551236');

    await enqueue([send]);
    const [result] = await resultsFor([send]);

    expect(result).toEqual({
      messageId: send.messageId,
      tenantId: 'tenant-1',
      outcome: 'failed',
      error: { code: 100, title: 'Invalid parameter', details: 'The recipient is not a valid WhatsApp user.' },
    });
    expect(await outbox(number)).toHaveLength(0);
    expect(await (await outbound.getJob(send.messageId))?.getState()).toBe('failed');
  });

  /** What BullMQ's stalled check leaves once a job outlived more crashes than maxStalledCount: a deferred failure. */
  async function addStalledOut(send: OutboundMessageJob): Promise<void> {
    const queued = await outbound.add(QUEUES.outboundMessages.jobs.send.name, send, {
      jobId: send.messageId,
      delay: 60_000,
    });
    await connection.hset(`${queuePrefix(redisPrefix)}:${QUEUES.outboundMessages.name}:${queued.id}`, {
      defa: 'job stalled more than allowable limit',
    });
    await queued.promote();
  }

  it('should report failed with a reason, sending nothing, a send BullMQ gave up after the worker died with it too often', async () => {
    const number = await newNumber();
    const send = job(number, '16505551243', 'Stalled out');
    await addStalledOut(send);

    const [result] = await resultsFor([send]);

    expect(result).toEqual({
      messageId: send.messageId,
      tenantId: 'tenant-1',
      outcome: 'failed',
      error: ABANDONED_SEND_ERROR,
    });
    expect(await outbox(number)).toHaveLength(0);
    expect(sender.worker.opts.maxStalledCount).toBeGreaterThan(2);
  });

  it('should report accepted a send given up after Meta accepted it, its wamid saved', async () => {
    const number = await newNumber();
    const send = { ...job(number, '16505551244', 'Accepted then stalled out'), acceptedWamid: 'wamid.accepted-1' };
    await addStalledOut(send);

    const [result] = await resultsFor([send]);

    expect(result).toEqual({
      messageId: send.messageId,
      tenantId: 'tenant-1',
      outcome: 'accepted',
      wamid: 'wamid.accepted-1',
    });
  });

  it('should fail a suspended workspace’s send without calling Meta and still send another workspace’s', async () => {
    const number = await newNumber();
    await connection.sadd(`${redisPrefix}:${SUSPENDED_TENANTS_KEY}`, 'tenant-suspended');
    const suspended = { ...job(number, '16505551241', 'Not to be sent'), tenantId: 'tenant-suspended' };
    const other = job(number, '16505551242', 'Still sent');

    await enqueue([suspended, other]);
    const [suspendedResult, otherResult] = await resultsFor([suspended, other]);

    expect(suspendedResult).toEqual({
      messageId: suspended.messageId,
      tenantId: 'tenant-suspended',
      outcome: 'failed',
      error: WORKSPACE_SUSPENDED_ERROR,
    });
    expect(otherResult).toMatchObject({ outcome: 'accepted' });
    expect((await outbox(number)).map((e) => e.to)).toEqual(['16505551242']);
    expect(await (await outbound.getJob(suspended.messageId))?.getState()).toBe('failed');
  });

  it("should count each reported send by result and Meta's error code when sends end", async () => {
    const sends = async (result: string, errorCode: string) =>
      (await registry.getSingleMetric('aerostic_message_sends_total')?.get())?.values.find(
        (v) => v.labels.result === result && v.labels.error_code === errorCode,
      )?.value ?? 0;
    const number = await newNumber();
    const [accepted, invalid] = [await sends('accepted', ''), await sends('token-invalid', '190')];
    const batch = [job(number, '16505551250'), job(number, '16505551251', 'Hi', 'not-a-token')];

    await enqueue(batch);
    await resultsFor(batch);
    // Counted once the report is stored, which the result poll may see a moment earlier.
    const deadline = Date.now() + 2_000;
    while (
      Date.now() < deadline &&
      (await sends('token-invalid', '190')) + (await sends('accepted', '')) < accepted + invalid + 2
    ) {
      await new Promise((r) => setTimeout(r, 20));
    }

    const server = createServer({ redis: connection, logger: pino({ level: 'silent' }), metrics: { registry, gate } });
    const scrape = await fetch(`http://127.0.0.1:${await listen(server, 0)}/metrics`).then((res) => res.text());
    await closeServer(server);

    expect(await sends('accepted', '')).toBe(accepted + 1);
    expect(await sends('token-invalid', '190')).toBe(invalid + 1);
    expect(scrape).toContain(
      `aerostic_message_sends_total{result="token-invalid",error_code="190",service="message-worker"} ${invalid + 1}`,
    );
  });

  it('should report token-invalid when Meta refuses the access token', async () => {
    const number = await newNumber();
    const send = job(number, '16505551237', 'Hi', 'not-a-token');

    await enqueue([send]);
    const [result] = await resultsFor([send]);

    expect(result).toMatchObject({ outcome: 'token-invalid', error: { code: 190 } });
  });

  it('should finish the send in flight and report it when the worker is closed', async () => {
    const number = await newNumber();
    const ownPrefix = `${redisPrefix}-close`;
    const ownProducer = new QueueProducer(QUEUES.outboundMessages, { connection, prefix: queuePrefix(ownPrefix) });
    const ownOutbound = ownProducer.queue;
    const ownResults = new Queue(QUEUES.sendResults.name, { connection, prefix: queuePrefix(ownPrefix) });
    const closing = createSendMessageWorker({
      connection,
      redisPrefix: ownPrefix,
      graphUrl,
      graphVersion: GRAPH_VERSION,
      encryptionKey: key,
      logger: pino({ level: 'silent' }),
    });
    await sandboxCall('POST', '/_sandbox/faults', { send_latency_ms: 300 });
    const send = job(number, '16505551240');
    await ownProducer.add(QUEUES.outboundMessages.jobs.send, send);
    while ((await ownOutbound.getActiveCount()) === 0) await new Promise((r) => setTimeout(r, 10));

    await closing.close();

    expect((await ownResults.getJob(sendResultJobId(send.messageId)))?.data).toMatchObject({ outcome: 'accepted' });
    expect(await outbox(number)).toHaveLength(1);
    await ownOutbound.obliterate({ force: true });
    await ownResults.obliterate({ force: true });
    await ownOutbound.close();
    await ownResults.close();
  });

  it('should never hit 130429 when 200 messages go out at the number rate of 80 per second', async () => {
    const number = await newNumber();
    const sends = Array.from({ length: 200 }, (_, i) => job(number, `1650600${String(i).padStart(4, '0')}`));

    await enqueue(sends);
    const all = await resultsFor(sends);

    expect(all.every((r) => r.outcome === 'accepted')).toBe(true);
    expect(await sendStats(number)).toMatchObject({ accepted: 200, throttled: 0 });
    // The sandbox enforces Meta's 80/s per number: no throttle means the worker never went faster.
  });

  it('should not slow one number down when another number sends at the same time', async () => {
    const [a, b] = [await newNumber(), await newNumber()];
    const sends = [a, b].flatMap((n, k) =>
      Array.from({ length: 120 }, (_, i) => job(n, `165070${k}${String(i).padStart(4, '0')}`)),
    );

    await enqueue(sends);
    await resultsFor(sends);

    // One shared pacer lets at most 80 sends through in any second (78 at its 97 % share); two independent ones
    // let up to 155, fewer when the machine is busy.
    expect(busiestSecond([...(await outbox(a)), ...(await outbox(b))])).toBeGreaterThan(85);
    expect(await sendStats(a)).toMatchObject({ accepted: 120, throttled: 0 });
    expect(await sendStats(b)).toMatchObject({ accepted: 120, throttled: 0 });
  });
});
