import {
  encryptSecret,
  type MarkReadJob,
  markReadJobId,
  type OutboundMessageJob,
  queuePrefix,
  QUEUES,
  type SendResultJob,
  sendResultJobId,
} from '@aerostic/shared';
import { type Job, Queue } from 'bullmq';
import { QueueProducer } from '@aerostic/shared/node';
import { Redis } from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pino } from 'pino';
import { NumberPacer } from './pacer';
import { createSendMessageWorker } from './send-message';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const GRAPH_VERSION = 'v26.0';
const APP_ID = 'worker-limits-app';
const APP_SECRET = 'worker-limits-secret';
/** Meta is replaced by the meta-sandbox, started in process (a path, not an import: it is another workspace). */
const SANDBOX_APP = resolve(__dirname, '../../meta-sandbox/src/app');
/** During a spam cool-off the test number (80/s) sends 40 times slower: 2 per second. */
const SLOWDOWN = 40;

type SandboxServer = { listen(options: { port: number; host: string }): Promise<string>; close(): Promise<void> };
type SandboxModule = { buildApp(options: Record<string, unknown>): SandboxServer };
type OutboxEntry = { wamid: string; to: string; created_at: string };
type ReadReceiptEntry = { message_id: string };
type BusinessNumber = { phoneNumberId: string; token: string };

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

describe(`${createSendMessageWorker.name}: spam rate limit and read receipts`, () => {
  const key = randomBytes(32);
  const redisPrefix = `test-mw-limits-${randomUUID()}`;
  let sandbox: SandboxServer;
  let graphUrl: string;
  let connection: Redis;
  let outbound: Queue;
  let producer: QueueProducer<typeof QUEUES.outboundMessages>;
  let results: Queue;
  let pacer: NumberPacer;
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
  const readReceipts = async (number: BusinessNumber) =>
    (
      await sandboxCall<{ data: ReadReceiptEntry[] }>(
        'GET',
        `/_sandbox/read-receipts?phone_number_id=${number.phoneNumberId}`,
      )
    ).data;

  function sendJob(number: BusinessNumber, to: string): OutboundMessageJob {
    return {
      messageId: randomUUID(),
      tenantId: 'tenant-1',
      whatsappAccountId: 'account-1',
      phoneNumberId: number.phoneNumberId,
      messagesPerSecond: 80,
      accessTokenSealed: encryptSecret(number.token, key, 'account-1'),
      body: { messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'text', text: { body: 'Hi' } },
    };
  }

  function readJob(number: BusinessNumber, wamid: string): MarkReadJob {
    return {
      tenantId: 'tenant-1',
      conversationId: randomUUID(),
      messageId: randomUUID(),
      wamid,
      whatsappAccountId: 'account-1',
      phoneNumberId: number.phoneNumberId,
      messagesPerSecond: 80,
      accessTokenSealed: encryptSecret(number.token, key, 'account-1'),
    };
  }

  async function enqueueSends(jobs: OutboundMessageJob[]): Promise<void> {
    await Promise.all(jobs.map((data) => producer.add(QUEUES.outboundMessages.jobs.send, data)));
  }

  const enqueueRead = (data: MarkReadJob) => producer.add(QUEUES.outboundMessages.jobs.markRead, data);

  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 8_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`not met within ${ms} ms; last ${JSON.stringify(value)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async function resultsFor(jobs: OutboundMessageJob[]): Promise<SendResultJob[]> {
    const found = await eventually(
      () => Promise.all(jobs.map((j) => results.getJob(sendResultJobId(j.messageId)))),
      (all) => all.every((r) => r !== undefined),
    );
    return found.map((r) => (r as Job<SendResultJob>).data);
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
    pacer = new NumberPacer(connection, redisPrefix);
    sender = createSendMessageWorker({
      connection,
      redisPrefix,
      graphUrl,
      graphVersion: GRAPH_VERSION,
      encryptionKey: key,
      logger: pino({ level: 'silent' }),
      requestTimeoutMs: 1_000,
      retryPolicy: {
        baseDelayMs: 20,
        maxDelayMs: 100,
        spamBaseDelayMs: 100,
        spamMaxDelayMs: 200,
        spamSlowdownFactor: SLOWDOWN,
        spamCoolOffMs: 30_000,
      },
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

  it('should slow the number down and send the message once later when Meta answers 131048', async () => {
    const number = await newNumber();
    const other = await newNumber();
    await sandboxCall('POST', '/_sandbox/faults', { send_spam_limit: 1 });
    const send = sendJob(number, '16505552001');

    const before = Date.now();
    await enqueueSends([send]);
    const [result] = await resultsFor([send]);

    expect(result).toMatchObject({ outcome: 'accepted' });
    expect(await outbox(number)).toHaveLength(1);
    expect((await outbound.getJob(send.messageId))?.data).toMatchObject({ spamAttempts: 1 });
    const slowdown = await pacer.slowdown(number.phoneNumberId);
    expect(slowdown?.factor).toBe(SLOWDOWN);
    expect(slowdown?.untilMs).toBeGreaterThan(before);
    expect(await pacer.slowdown(other.phoneNumberId)).toBeNull();

    // While the cool-off lasts the number sends at 80 / 40 = 2 per second; another number keeps its full rate.
    const slowed = Array.from({ length: 5 }, (_, i) => sendJob(number, `1650555201${i}`));
    const normal = Array.from({ length: 5 }, (_, i) => sendJob(other, `1650555202${i}`));
    await enqueueSends([...slowed, ...normal]);
    const all = await resultsFor([...slowed, ...normal]);

    expect(all.every((r) => r.outcome === 'accepted')).toBe(true);
    const slowedSent = (await outbox(number)).filter((e) => e.to !== '16505552001');
    expect(slowedSent).toHaveLength(5);
    expect(busiestSecond(slowedSent)).toBeLessThanOrEqual(3);
    expect(busiestSecond(await outbox(other))).toBe(5);
  });

  it('should mark the message read on WhatsApp once when the same read job is queued twice', async () => {
    const number = await newNumber();
    const read = readJob(number, 'wamid.HBgLMTY1MDU1NTIwMzAVAgASGBQzQTk');

    await enqueueRead(read);
    await enqueueRead(read);
    const receipts = await eventually(
      () => readReceipts(number),
      (r) => r.length > 0,
    );
    const job = await outbound.getJob(markReadJobId(read.messageId));
    await eventually(
      async () => job?.getState(),
      (state) => state === 'completed',
    );

    expect(receipts).toEqual([expect.objectContaining({ message_id: read.wamid })]);
    expect(await readReceipts(number)).toHaveLength(1);
    expect(await outbox(number)).toEqual([]);
    expect(await results.getJob(sendResultJobId(read.messageId))).toBeUndefined();
  });

  it('should retry a read receipt when Meta answers 5xx and record it once', async () => {
    const number = await newNumber();
    await sandboxCall('POST', '/_sandbox/faults', { send_5xx: 2 });
    const read = readJob(number, 'wamid.HBgLMTY1MDU1NTIwMzEVAgASGBQzQTk');

    await enqueueRead(read);
    await eventually(
      () => readReceipts(number),
      (r) => r.length > 0,
    );

    expect(await readReceipts(number)).toEqual([expect.objectContaining({ message_id: read.wamid })]);
    expect((await outbound.getJob(markReadJobId(read.messageId)))?.data).toMatchObject({ attempts: 2 });
  });

  it('should give up a read receipt Meta refuses for good and leave it failed', async () => {
    const number = await newNumber();
    const read = { ...readJob(number, 'wamid.X'), accessTokenSealed: encryptSecret('not-a-token', key, 'account-1') };

    await enqueueRead(read);
    const job = await outbound.getJob(markReadJobId(read.messageId));
    const state = await eventually(
      async () => job?.getState(),
      (s) => s === 'failed',
    );

    expect(state).toBe('failed');
    expect(await readReceipts(number)).toEqual([]);
  });
});
