import { once } from 'node:events';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { type MetaWebhook, metaWebhookJobSchema, webhooksOfJob } from '@aerostic/shared';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createMetaWebhookQueue, EnqueueError, type DispatcherOptions, MetaWebhookDispatcher } from './dispatcher';
import { createRedisClient } from '@aerostic/shared/node';
import { deleteKeys, TEST_REDIS_URL, UNREACHABLE_REDIS_URL, uniquePrefix, webhookBody } from './test-helpers';

const logger = pino({ level: 'silent' });

function job(n: number): MetaWebhook {
  return { rawBody: webhookBody(`dispatch-${n}`), receivedAt: Date.now() };
}

/** Every waiting job's webhooks, oldest job first. */
async function queuedWebhooks(queue: Queue): Promise<MetaWebhook[][]> {
  const jobs = await queue.getJobs(['wait'], 0, -1, true);
  return jobs.map((stored) => webhooksOfJob(metaWebhookJobSchema.parse(stored.data)));
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
  // The target's user and password stay in the URL: the client authenticates with Redis through the relay.
  const url = new URL(TEST_REDIS_URL);
  url.hostname = '127.0.0.1';
  url.port = String((relay.address() as AddressInfo).port);
  return {
    url: url.toString(),
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
  let queue: Queue;
  let dispatcher: MetaWebhookDispatcher;

  /** `submit` as a promise: resolves once Redis holds the webhook, rejects with its EnqueueError otherwise. */
  function enqueue(data: MetaWebhook, digest: string): Promise<void> {
    return new Promise<void>((resolve, reject) =>
      dispatcher.submit(data, digest, (error) => (error === undefined ? resolve() : reject(error))),
    );
  }

  async function start(redisUrl: string, options: DispatcherOptions = {}): Promise<void> {
    redis = createRedisClient(redisUrl, logger);
    const producer = createMetaWebhookQueue(redis, prefix);
    queue = producer.queue;
    queue.on('error', () => undefined);
    dispatcher = new MetaWebhookDispatcher(producer, redis, options);
  }

  afterEach(async () => {
    await dispatcher.close();
    await queue.close();
    redis.disconnect();
    await deleteKeys(admin, prefix);
  });

  afterAll(() => admin.quit());

  /** The end of the current event-loop turn. */
  const turn = () => new Promise((resolve) => setImmediate(resolve));

  describe('with Redis up and no linger', () => {
    beforeEach(async () => {
      // Batches are written at the end of a turn: the group-commit behaviour alone.
      await start(TEST_REDIS_URL, { lingerMs: 0 });
      await queue.waitUntilReady();
    });

    it('should queue the webhooks of one event-loop turn as one job in arrival order when they are enqueued together', async () => {
      const add = jest.spyOn(queue, 'add');
      const webhooks = [1, 2, 3, 4, 5].map(job);

      await Promise.all(webhooks.map((data, i) => enqueue(data, `digest-${i}`)));

      expect(add).toHaveBeenCalledTimes(1);
      expect(await queuedWebhooks(queue)).toEqual([webhooks]);
    });

    it('should queue a lone webhook as it is, with its digest as job id, only once Redis stores it', async () => {
      const data = job(1);

      await enqueue(data, 'stored');

      const stored = await queue.getJob('sha256-stored');
      expect(stored?.data).toEqual(data);
    });

    it('should ignore a second lone webhook with the same digest when Meta redelivers it later', async () => {
      await enqueue(job(1), 'redelivered');
      await enqueue(job(1), 'redelivered');

      expect(await queue.count()).toBe(1);
    });

    it('should queue the same digest once and resolve both requests when it arrives twice in one turn', async () => {
      const data = job(1);

      await Promise.all([enqueue(data, 'twice'), enqueue(data, 'twice')]);

      expect(await queuedWebhooks(queue)).toEqual([[data]]);
    });

    it('should write a later turn as a job of its own after the write in flight settles', async () => {
      const add = jest.spyOn(queue, 'add');

      const first = enqueue(job(1), 'turn-1');
      await turn();
      const second = enqueue(job(2), 'turn-2');
      await Promise.all([first, second]);

      expect(add).toHaveBeenCalledTimes(2);
      expect(await queue.getWaitingCount()).toBe(2);
    });

    it('should write the webhooks that arrive while a write is in flight as one job once it settles', async () => {
      const add = queue.add.bind(queue);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const spy = jest.spyOn(queue, 'add').mockImplementationOnce(async (...args: Parameters<typeof add>) => {
        await gate;
        return add(...args);
      });
      const webhooks = [1, 2, 3].map(job);

      const first = enqueue(webhooks[0]!, 'gc-0');
      await turn();
      const second = enqueue(webhooks[1]!, 'gc-1');
      await turn();
      const third = enqueue(webhooks[2]!, 'gc-2');
      await turn();
      expect(spy).toHaveBeenCalledTimes(1);
      release();
      await Promise.all([first, second, third]);

      expect(spy).toHaveBeenCalledTimes(2);
      expect(await queuedWebhooks(queue)).toEqual([[webhooks[0]], webhooks.slice(1)]);
    });

    it('should still answer the other webhooks of a batch when one waiter throws', async () => {
      const webhooks = [1, 2].map(job);

      dispatcher.submit(webhooks[0]!, 'waiter-throws', () => {
        throw new Error('the socket is gone');
      });
      await expect(enqueue(webhooks[1]!, 'waiter-fine')).resolves.toBeUndefined();

      expect(await queuedWebhooks(queue)).toEqual([webhooks]);
    });

    it('should reject every webhook of the batch and store none when Redis refuses the batch', async () => {
      await admin.set(`${prefix}:bull:meta-webhooks:id`, 'not-a-counter');

      const results = await Promise.allSettled([1, 2, 3].map((n) => enqueue(job(n), `refused-${n}`)));

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
      await expect(Promise.all([enqueue(job(1), 'before-1'), enqueue(job(2), 'before-2')])).rejects.toBeInstanceOf(
        EnqueueError,
      );
      await admin.del(`${prefix}:bull:meta-webhooks:id`);

      await enqueue(job(3), 'after');

      expect(await queue.getJob('sha256-after')).toBeDefined();
    });
  });

  describe('with maxInFlight 2 and no linger', () => {
    beforeEach(async () => {
      await start(TEST_REDIS_URL, { maxInFlight: 2, lingerMs: 0 });
      await queue.waitUntilReady();
    });

    it('should write the webhooks that arrive while two writes are in flight as one job once one settles', async () => {
      const add = queue.add.bind(queue);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const gated = async (...args: Parameters<typeof add>) => {
        await gate;
        return add(...args);
      };
      const spy = jest.spyOn(queue, 'add').mockImplementationOnce(gated).mockImplementationOnce(gated);
      const webhooks = [1, 2, 3, 4].map(job);

      const pending = [];
      for (const [i, data] of webhooks.entries()) {
        pending.push(enqueue(data, `gc2-${i}`));
        await turn();
      }
      expect(spy).toHaveBeenCalledTimes(2);
      release();
      await Promise.all(pending);

      expect(spy).toHaveBeenCalledTimes(3);
      expect(await queuedWebhooks(queue)).toEqual([[webhooks[0]], [webhooks[1]], webhooks.slice(2)]);
    });
  });

  describe('with a linger for batches of fewer than 3 webhooks', () => {
    it('should hold a small batch until enough webhooks join it, then write them as one job', async () => {
      // A linger of a minute: the test would time out if the batch waited for it.
      await start(TEST_REDIS_URL, { lingerMs: 60_000, lingerBatchSize: 3 });
      await queue.waitUntilReady();
      const add = jest.spyOn(queue, 'add');
      const webhooks = [1, 2, 3].map(job);

      const pending = [enqueue(webhooks[0]!, 'linger-0')];
      await turn();
      pending.push(enqueue(webhooks[1]!, 'linger-1'));
      await turn();
      await turn();
      expect(add).not.toHaveBeenCalled();
      pending.push(enqueue(webhooks[2]!, 'linger-2'));
      await Promise.all(pending);

      expect(add).toHaveBeenCalledTimes(1);
      expect(await queuedWebhooks(queue)).toEqual([webhooks]);
    });

    it('should write a lone webhook when the linger ends', async () => {
      await start(TEST_REDIS_URL, { lingerMs: 100, lingerBatchSize: 3 });
      await queue.waitUntilReady();
      const startedAt = performance.now();

      await enqueue(job(1), 'lingered');

      // Node's timers run on a clock of whole milliseconds, so allow a little before the 100 ms.
      expect(performance.now() - startedAt).toBeGreaterThanOrEqual(95);
      expect(await queue.getJob('sha256-lingered')).toBeDefined();
    });

    it('should write a lingering batch at once when it is closed', async () => {
      await start(TEST_REDIS_URL, { lingerMs: 60_000, lingerBatchSize: 3 });
      await queue.waitUntilReady();
      const stored = enqueue(job(1), 'closed-while-lingering');
      await turn();

      await dispatcher.close();

      await stored;
      expect(await queue.getJob('sha256-closed-while-lingering')).toBeDefined();
    });
  });

  describe('with maxBatchSize 2', () => {
    beforeEach(async () => {
      await start(TEST_REDIS_URL, { maxBatchSize: 2 });
      await queue.waitUntilReady();
    });

    it('should split the webhooks of one turn into jobs of at most maxBatchSize when more arrive', async () => {
      const webhooks = [1, 2, 3, 4, 5].map(job);

      await Promise.all(webhooks.map((data, i) => enqueue(data, `split-${i}`)));

      expect(await queuedWebhooks(queue)).toEqual([webhooks.slice(0, 2), webhooks.slice(2, 4), webhooks.slice(4)]);
    });
  });

  describe('with maxBatchBytes below two bodies', () => {
    beforeEach(async () => {
      await start(TEST_REDIS_URL, { maxBatchBytes: job(1).rawBody.length + 1 });
      await queue.waitUntilReady();
    });

    it('should start a new job when the bodies reach maxBatchBytes', async () => {
      const webhooks = [1, 2, 3].map(job);

      await Promise.all(webhooks.map((data, i) => enqueue(data, `bytes-${i}`)));

      expect(await queuedWebhooks(queue)).toEqual([webhooks.slice(0, 2), webhooks.slice(2)]);
    });
  });

  it('should reject at once with reason disconnected when Redis is unreachable', async () => {
    await start(UNREACHABLE_REDIS_URL);

    await expect(enqueue(job(1), 'unreachable')).rejects.toMatchObject({ reason: 'disconnected' });
  });

  it('should reject with reason timeout when Redis stops answering', async () => {
    const relay = await startBlackholeRelay();
    try {
      await start(relay.url, { timeoutMs: 200 });
      await queue.waitUntilReady();
      relay.blackhole();

      await expect(enqueue(job(1), 'hung')).rejects.toMatchObject({ reason: 'timeout' });
    } finally {
      await relay.close();
    }
  });

  it('should write the pending batch before resolving when it is closed', async () => {
    await start(TEST_REDIS_URL);
    await queue.waitUntilReady();
    let stored = false;
    void enqueue(job(1), 'pending-at-close').then(() => (stored = true));

    await dispatcher.close();

    expect(stored).toBe(true);
    expect(await queue.getJob('sha256-pending-at-close')).toBeDefined();
  });

  it('should refuse new jobs with reason closing when it has been closed', async () => {
    await start(TEST_REDIS_URL);
    await dispatcher.close();

    await expect(enqueue(job(1), 'late')).rejects.toMatchObject({ reason: 'closing' });
  });
});
