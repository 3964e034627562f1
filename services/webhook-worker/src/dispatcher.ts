import { type MetaWebhookJob, QUEUES, queuePrefix } from '@aerostic/shared';
import { type DefaultJobOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** BullMQ job name of every `meta-webhooks` job; the consumer does not look at it. */
export const META_WEBHOOK_JOB_NAME = 'meta-webhook';

/**
 * Retries ride out an API restart or a database outage of about an hour (12 attempts, 2 s doubling: the
 * delays add up to 68 min); completed jobs stay an hour so that their ids still filter Meta's redeliveries,
 * failed ones a week for inspection and manual retry.
 */
export const META_WEBHOOK_JOB_OPTIONS = {
  attempts: 12,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 3_600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3_600 },
} as const satisfies DefaultJobOptions;

/** The `meta-webhooks` producer, on the caller's connection and with the prefix that the API's consumer uses. */
export function createMetaWebhookQueue(redis: Redis, redisPrefix: string): Queue<MetaWebhookJob> {
  return new Queue<MetaWebhookJob>(QUEUES.metaWebhooks, {
    connection: redis,
    prefix: queuePrefix(redisPrefix),
    defaultJobOptions: META_WEBHOOK_JOB_OPTIONS,
  });
}

export type EnqueueFailure = 'disconnected' | 'timeout' | 'refused' | 'closing';

/** Redis did not take the job: the request answers 503 so that Meta delivers it again. */
export class EnqueueError extends Error {
  constructor(
    readonly reason: EnqueueFailure,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'EnqueueError';
  }
}

export interface DispatcherOptions {
  /** Write the batch at once when this many jobs wait, rather than at the end of the event-loop turn. */
  maxBatchSize?: number;
  /** A batch that Redis has not acknowledged by then fails (a hung Redis must not hang Meta's requests). */
  timeoutMs?: number;
  logger?: Logger;
}

interface PendingJob {
  data: MetaWebhookJob;
  jobId: string;
  resolve: () => void;
  reject: (err: EnqueueError) => void;
}

/**
 * Coalesces the jobs of concurrent requests into one `addBulk`, i.e. one pipelined Redis round trip.
 *
 * Jobs collect until the current event-loop turn ends (`setImmediate`, so every request whose body arrived
 * in the same I/O poll shares the write) or until `maxBatchSize`. Batches do not wait for each other, so the
 * batching adds no latency beyond the end of the turn. Each caller's promise settles with its batch:
 * if the write fails, every request of that batch gets 503, and the ones whose job did land are
 * harmless duplicates on Meta's retry because the job id is the body's digest.
 */
export class MetaWebhookDispatcher {
  private batch: PendingJob[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly maxBatchSize: number;
  private readonly timeoutMs: number;
  private readonly logger?: Logger;

  constructor(
    private readonly queue: Queue<MetaWebhookJob>,
    /** The queue's connection: its status lets a batch fail at once while Redis is down. */
    private readonly redis: Redis,
    options: DispatcherOptions = {},
  ) {
    this.maxBatchSize = options.maxBatchSize ?? 100;
    this.timeoutMs = options.timeoutMs ?? 3_000;
    this.logger = options.logger;
  }

  /** Resolves once Redis has accepted the job; rejects with an EnqueueError otherwise. */
  enqueue(data: MetaWebhookJob, jobId: string): Promise<void> {
    if (this.closed) return Promise.reject(new EnqueueError('closing', 'The webhook-worker is shutting down'));
    return new Promise<void>((resolve, reject) => {
      this.batch.push({ data, jobId, resolve, reject });
      if (this.batch.length >= this.maxBatchSize) {
        this.flush();
      } else if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(this.onTurnEnd);
      }
    });
  }

  /** Writes what is pending, waits for every batch in flight and refuses new jobs (graceful shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    this.flush();
    await Promise.allSettled([...this.inFlight]);
  }

  private readonly onTurnEnd = (): void => {
    this.flushScheduled = false;
    this.flush();
  };

  private flush(): void {
    const batch = this.batch;
    if (batch.length === 0) return;
    this.batch = [];
    const write = this.write(batch).finally(() => this.inFlight.delete(write));
    this.inFlight.add(write);
  }

  private async write(batch: PendingJob[]): Promise<void> {
    let failure: EnqueueError;
    try {
      // ioredis would reject each command anyway (no offline queue), but BullMQ's first call waits for a
      // connection that may never come: fail the batch now and let Meta retry.
      if (this.redis.status !== 'ready') throw new EnqueueError('disconnected', 'Redis is not connected');
      await this.withTimeout(
        this.queue.addBulk(
          batch.map((pending) => ({ name: META_WEBHOOK_JOB_NAME, data: pending.data, opts: { jobId: pending.jobId } })),
        ),
      );
      for (const pending of batch) pending.resolve();
      return;
    } catch (err) {
      failure =
        err instanceof EnqueueError ? err : new EnqueueError('refused', 'Redis refused the jobs', { cause: err });
    }
    // One line per batch, not per request; the Redis client already logs when the connection drops.
    if (failure.reason !== 'disconnected') {
      this.logger?.error({ err: failure.cause ?? failure, jobs: batch.length }, 'enqueue failed; answering 503');
    }
    for (const pending of batch) pending.reject(failure);
  }

  private withTimeout<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new EnqueueError('timeout', `Redis did not answer within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }
}
