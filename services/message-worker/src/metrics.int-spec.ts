import { encryptSecret, type OutboundMessageJob, queuePrefix, QUEUES, sendResultJobId } from '@aerostic/shared';
import { createMetricsRegistry, createRedisClient, createSendMetrics, QueueProducer } from '@aerostic/shared/node';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { pino } from 'pino';
import { createSendMessageWorker } from './send-message';
import { closeServer, createServer, listen } from './server';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const GRAPH_VERSION = 'v26.0';
const APP_ID = 'metrics-test-app';
const APP_SECRET = 'metrics-test-secret';
/** Meta is replaced by the meta-sandbox, started in process (a path, not an import: it is another workspace). */
const SANDBOX_APP = resolve(__dirname, '../../meta-sandbox/src/app');

type SandboxServer = { listen(options: { port: number; host: string }): Promise<string>; close(): Promise<void> };
type SandboxModule = { buildApp(options: Record<string, unknown>): SandboxServer };

describe('message-worker /metrics', () => {
  const key = randomBytes(32);
  const redisPrefix = `test-mw-metrics-${randomUUID()}`;
  const logger = pino({ level: 'silent' });
  let sandbox: SandboxServer;
  let graphUrl: string;
  let connection: Redis;
  let health: Redis;
  let producer: QueueProducer<typeof QUEUES.outboundMessages>;
  let results: Queue;
  let sender: ReturnType<typeof createSendMessageWorker>;
  let server: Server;
  let baseUrl: string;

  async function sandboxCall<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${graphUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await res.json()) as T;
  }

  async function newNumber(): Promise<{ phoneNumberId: string; token: string }> {
    const business = await sandboxCall<{ code: string; phone_number_id: string }>('POST', '/_sandbox/businesses', {});
    const query = new URLSearchParams({ client_id: APP_ID, client_secret: APP_SECRET, code: business.code });
    const { access_token } = await sandboxCall<{ access_token: string }>(
      'GET',
      `/${GRAPH_VERSION}/oauth/access_token?${query}`,
    );
    return { phoneNumberId: business.phone_number_id, token: access_token };
  }

  function job(phoneNumberId: string, token: string): OutboundMessageJob {
    return {
      messageId: randomUUID(),
      tenantId: 'tenant-1',
      whatsappAccountId: 'account-1',
      phoneNumberId,
      messagesPerSecond: 80,
      accessTokenSealed: encryptSecret(token, key),
      body: { messaging_product: 'whatsapp', to: '16505551234', type: 'text', text: { body: 'Hello' } },
    };
  }

  async function waitForResults(jobs: OutboundMessageJob[]): Promise<void> {
    const deadline = Date.now() + 8_000;
    while (Date.now() < deadline) {
      const found = await Promise.all(jobs.map((j) => results.getJob(sendResultJobId(j.messageId))));
      if (found.every((r) => r !== undefined)) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the results did not arrive');
  }

  beforeAll(async () => {
    const { buildApp } = (await import(SANDBOX_APP)) as SandboxModule;
    sandbox = buildApp({
      config: { appId: APP_ID, appSecret: APP_SECRET, webhook: { url: 'http://127.0.0.1:1/unused', maxAttempts: 1 } },
    });
    graphUrl = await sandbox.listen({ port: 0, host: '127.0.0.1' });
    connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    health = createRedisClient(REDIS_URL, logger);
    const prefix = queuePrefix(redisPrefix);
    producer = new QueueProducer(QUEUES.outboundMessages, { connection, prefix });
    results = new Queue(QUEUES.sendResults.name, { connection, prefix });
    const registry = createMetricsRegistry('message-worker');
    sender = createSendMessageWorker({
      connection,
      redisPrefix,
      graphUrl,
      graphVersion: GRAPH_VERSION,
      encryptionKey: key,
      logger,
      concurrency: 10,
      metrics: createSendMetrics(registry),
    });
    server = createServer({ redis: health, logger, metrics: { registry, gate: { nodeEnv: 'test' } } });
    baseUrl = `http://127.0.0.1:${await listen(server, 0)}`;
  });

  afterAll(async () => {
    await closeServer(server);
    await sender.close();
    await producer.queue.obliterate({ force: true });
    await results.obliterate({ force: true });
    await producer.close();
    await results.close();
    const keys = await connection.keys(`${redisPrefix}:*`);
    if (keys.length > 0) await connection.del(...keys);
    await connection.quit();
    health.disconnect();
    await sandbox.close();
  });

  it("should count sends by result and Meta's error code when messages were sent", async () => {
    const number = await newNumber();
    const sends = [job(number.phoneNumberId, number.token), job(number.phoneNumberId, 'not-a-token')];

    await Promise.all(sends.map((data) => producer.add(QUEUES.outboundMessages.jobs.send, data)));
    await waitForResults(sends);
    const res = await fetch(`${baseUrl}/metrics`);
    const text = await res.text();

    expect(res.status).toBe(200);
    expect(text).toContain('aerostic_message_sends_total{result="accepted",error_code="",service="message-worker"} 1');
    expect(text).toContain(
      'aerostic_message_sends_total{result="token-invalid",error_code="190",service="message-worker"} 1',
    );
  });
});
