import { once } from 'node:events';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createWebhookWorker, type WebhookWorker } from './app';
import { createServer } from './server';
import {
  deleteKeys,
  TEST_APP_SECRET,
  TEST_REDIS_URL,
  TEST_VERIFY_TOKEN,
  UNREACHABLE_REDIS_URL,
  uniquePrefix,
} from './test-helpers';

describe(createServer.name, () => {
  const logger = pino({ level: 'silent' });
  const prefix = uniquePrefix('server');
  let worker: WebhookWorker;
  let baseUrl: string;

  async function start(redisUrl: string): Promise<void> {
    worker = createWebhookWorker(
      {
        REDIS_URL: redisUrl,
        REDIS_PREFIX: prefix,
        META_APP_SECRET: TEST_APP_SECRET,
        META_VERIFY_TOKEN: TEST_VERIFY_TOKEN,
      },
      logger,
    );
    baseUrl = `http://127.0.0.1:${await worker.listen(0)}`;
  }

  afterEach(() => worker.close());

  // Nothing is queued here, but BullMQ writes the queue's meta key when the queue is created.
  afterAll(async () => {
    const admin = new Redis(TEST_REDIS_URL);
    await deleteKeys(admin, prefix);
    await admin.quit();
  });

  it('should answer 200 with redis up when Redis answers', async () => {
    await start(TEST_REDIS_URL);
    await once(worker.redis, 'ready');

    const res = await fetch(`${baseUrl}/health`);

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', checks: { redis: 'up' } });
  });

  it('should answer 503 with redis down when Redis is unreachable', async () => {
    await start(UNREACHABLE_REDIS_URL);
    const res = await fetch(`${baseUrl}/health`);

    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'error', checks: { redis: 'down' } });
  });

  it('should answer a 404 JSON error when the route is unknown', async () => {
    await start(TEST_REDIS_URL);

    const res = await fetch(`${baseUrl}/nope?x=1`, { method: 'POST' });

    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ statusCode: 404, error: 'Not Found', message: 'Cannot POST /nope' });
  });

  it('should keep idle connections open longer than nginx reuses them when keep-alive is on', async () => {
    await start(TEST_REDIS_URL);

    expect(worker.server.keepAliveTimeout).toBeGreaterThan(60_000);
    expect(worker.server.headersTimeout).toBeGreaterThan(worker.server.keepAliveTimeout);
  });
});
