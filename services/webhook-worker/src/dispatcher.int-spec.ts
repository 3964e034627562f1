import { once } from 'node:events';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { MetaWebhookJob } from '@aerostic/shared';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createMetaWebhookQueue, EnqueueError, type DispatcherOptions, MetaWebhookDispatcher } from './dispatcher';
import { createRedisClient } from '@aerostic/shared/node';
import { deleteKeys, TEST_REDIS_URL, UNREACHABLE_REDIS_URL, uniquePrefix, webhookBody } from './test-helpers';

const logger = pino({ level: 'silent' });

function job(n: number): MetaWebhookJob {
  return { rawBody: webhookBody(`dispatch-${n}`), receivedAt: Date.now() };
}

/** A TCP relay to the real Redis that can stop forwarding: Redis then looks hung to its clients. */
async function startBlackholeRelay(): Promise<{ url: string; blackhole(): void; close(): Promise<void> }> {
  const target = new URL(TEST_REDIS_URL);
  const sockets = new Set<Socket>();
  let forwarding = true;
  const relay: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => sockets.delete(socket));
    }
    client.on('data', (chunk) => forwarding && upstream.write(chunk));
    upstream.pipe(client);
  });
  relay.listen(0, '127.0.0.1');
  await once(relay, 'listening');
  return {
    url: `redis://127.0.0.1:${(relay.address() as AddressInfo).port}`,
    blackhole: () => {
      forwarding = false;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      relay.close();
      await once(relay, 'close');
    },
  };
}

describe(MetaWebhookDispatcher.name, () => {
  const prefix = uniquePrefix('dispatcher');
  const admin = new Redis(TEST_REDIS_URL);
  let redis: Redis;
  let queue: Queue<MetaWebhookJob>;
  let dispatcher: MetaWebhookDispatcher;

  async function start(redisUrl: string, options: DispatcherOptions = {}): Promise<void> {
    redis = createRedisClient(redisUrl, logger);
    queue = createMetaWebhookQueue(redis, prefix);
    queue.on('error', () => undefined);
    dispatcher = new MetaWebhookDispatcher(queue, redis, options);
  }

  afterEach(async () => {
    await dispatcher.close();
    await queue.close();
    redis.disconnect();
    await deleteKeys(admin, prefix);
  });

  afterAll(() => admin.quit());

  describe('with Redis up', () => {
    beforeEach(async () => {
      await start(TEST_REDIS_URL);
      await queue.waitUntilReady();
    });

    it('should write the jobs of one event-loop turn with one addBulk when they are enqueued together', async () => {
      const addBulk = jest.spyOn(queue, 'addBulk');

      await Promise.all([1, 2, 3, 4, 5].map((n) => dispatcher.enqueue(job(n), `id-${n}`)));

      expect(addBulk).toHaveBeenCalledTimes(1);
      expect(addBulk.mock.calls[0][0].map((entry) => entry.opts?.jobId)).toEqual([
        'id-1',
        'id-2',
        'id-3',
        'id-4',
        'id-5',
      ]);
      expect(await queue.getWaitingCount()).toBe(5);
    });

    it('should resolve only when the job is stored in Redis', async () => {
      const data = job(1);

      await dispatcher.enqueue(data, 'stored');

      const stored = await queue.getJob('stored');
      expect(stored?.data).toEqual(data);
    });

    it('should write a later turn in a batch of its own when the earlier batch is in flight', async () => {
      const addBulk = jest.spyOn(queue, 'addBulk');

      const first = dispatcher.enqueue(job(1), 'turn-1');
      await new Promise((resolve) => setImmediate(resolve));
      const second = dispatcher.enqueue(job(2), 'turn-2');
      await Promise.all([first, second]);

      expect(addBulk).toHaveBeenCalledTimes(2);
      expect(await queue.getWaitingCount()).toBe(2);
    });

    it('should reject every job of the batch and store none when Redis refuses the batch', async () => {
      await admin.set(`${prefix}:bull:meta-webhooks:id`, 'not-a-counter');

      const results = await Promise.allSettled([1, 2, 3].map((n) => dispatcher.enqueue(job(n), `refused-${n}`)));

      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
      for (const result of results) {
        expect(result.status === 'rejected' && result.reason).toMatchObject({
          name: 'EnqueueError',
          reason: 'refused',
        });
      }
      expect(await queue.getWaitingCount()).toBe(0);
    });

    it('should accept the next batch when Redis accepts again after refusing one', async () => {
      await admin.set(`${prefix}:bull:meta-webhooks:id`, 'not-a-counter');
      await expect(dispatcher.enqueue(job(1), 'before')).rejects.toBeInstanceOf(EnqueueError);
      await admin.del(`${prefix}:bull:meta-webhooks:id`);

      await dispatcher.enqueue(job(2), 'after');

      expect(await queue.getJob('after')).toBeDefined();
    });
  });

  describe('with maxBatchSize 2', () => {
    beforeEach(async () => {
      await start(TEST_REDIS_URL, { maxBatchSize: 2 });
      await queue.waitUntilReady();
    });

    it('should split the jobs of one turn into batches of at most maxBatchSize when more arrive', async () => {
      const addBulk = jest.spyOn(queue, 'addBulk');

      await Promise.all([1, 2, 3, 4, 5].map((n) => dispatcher.enqueue(job(n), `split-${n}`)));

      expect(addBulk.mock.calls.map(([jobs]) => jobs.length)).toEqual([2, 2, 1]);
      expect(await queue.getWaitingCount()).toBe(5);
    });
  });

  it('should reject at once with reason disconnected when Redis is unreachable', async () => {
    await start(UNREACHABLE_REDIS_URL);

    await expect(dispatcher.enqueue(job(1), 'unreachable')).rejects.toMatchObject({ reason: 'disconnected' });
  });

  it('should reject with reason timeout when Redis stops answering', async () => {
    const relay = await startBlackholeRelay();
    try {
      await start(relay.url, { timeoutMs: 200 });
      await queue.waitUntilReady();
      relay.blackhole();

      await expect(dispatcher.enqueue(job(1), 'hung')).rejects.toMatchObject({ reason: 'timeout' });
    } finally {
      await relay.close();
    }
  });

  it('should write the pending batch before resolving when it is closed', async () => {
    await start(TEST_REDIS_URL);
    await queue.waitUntilReady();
    let stored = false;
    void dispatcher.enqueue(job(1), 'pending-at-close').then(() => (stored = true));

    await dispatcher.close();

    expect(stored).toBe(true);
    expect(await queue.getJob('pending-at-close')).toBeDefined();
  });

  it('should refuse new jobs with reason closing when it has been closed', async () => {
    await start(TEST_REDIS_URL);
    await dispatcher.close();

    await expect(dispatcher.enqueue(job(1), 'late')).rejects.toMatchObject({ reason: 'closing' });
  });
});
