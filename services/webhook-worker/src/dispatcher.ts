import { type MetaWebhook, metaWebhookJobId, QUEUES, queuePrefix } from '@aerostic/shared';
import { QueueProducer } from '@aerostic/shared/node';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

export type MetaWebhookProducer = QueueProducer<typeof QUEUES.metaWebhooks>;

/** The `meta-webhooks` producer, on the caller's connection and with the prefix that the API's consumer uses. */
export function createMetaWebhookQueue(redis: Redis, redisPrefix: string): MetaWebhookProducer {
  return new QueueProducer(QUEUES.metaWebhooks, { connection: redis, prefix: queuePrefix(redisPrefix) });
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
  /** Write the batch at once when this many webhooks wait, rather than at the end of the event-loop turn. */
  maxBatchSize?: number;
  /** Write the batch at once when its bodies reach this many bytes (a job is one Redis value). */
  maxBatchBytes?: number;
  /**
   * A batch that Redis has not acknowledged by then fails (a hung Redis must not hang Meta's requests). Counted from
   * the batch's first webhook, so waiting for the write in flight never stretches it.
   */
  timeoutMs?: number;
  /**
   * Writes sent to Redis before the first is acknowledged. At the end of a turn the pending batch is written at
   * once while fewer are in flight; otherwise it waits (and grows) until one settles. Default 1: a second write in
   * flight made smaller jobs and cost more CPU, with no better p99 (docs/adr/0053-one-redis-write-in-flight.md).
   */
  maxInFlight?: number;
  /**
   * A batch of fewer than `lingerBatchSize` webhooks (default 8) waits until `lingerMs` (default 2; 0: never) after
   * its first webhook for company: at light load jobs then hold several webhooks, saving per-job work everywhere, for
   * a quiet number's 200 up to 2 ms later (docs/adr/0048-small-batches-linger-2-ms.md).
   */
  lingerMs?: number;
  lingerBatchSize?: number;
  logger?: Logger;
}

/** Called once per submitted webhook: without an error once Redis holds it. */
export type EnqueueCallback = (error?: EnqueueError) => void;

interface PendingWebhook {
  data: MetaWebhook;
  /** The body's verified digest: the job id when the webhook is queued alone. */
  digest: string;
  /** Every request waiting for this webhook (Meta may send the same bytes twice at once). */
  waiters: EnqueueCallback[];
}

/**
 * Coalesces concurrent requests' webhooks into one `meta-webhooks` job, written once the event-loop turn ends and no
 * write is in flight (group commit), or at once when full (docs/adr/0047-one-job-per-group-of-webhooks.md). If a
 * write fails, its batch's requests get 503; Meta's retry is harmless, as the API's writes are idempotent.
 */
export class MetaWebhookDispatcher {
  private batch: PendingWebhook[] = [];
  private batchBytes = 0;
  /** When the pending batch's first webhook arrived (ms, monotonic). */
  private batchStartedAt = 0;
  /**
   * Replaced, not cleared, at each flush: under load a cleared Map's old backing tables outlived the batch and
   * lengthened the young-generation collector's pauses.
   */
  private byDigest = new Map<string, PendingWebhook>();
  private flushScheduled = false;
  /** Set while a small batch lingers; it writes the batch when the linger ends. */
  private lingerTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly maxBatchSize: number;
  private readonly maxBatchBytes: number;
  private readonly timeoutMs: number;
  private readonly maxInFlight: number;
  private readonly lingerMs: number;
  private readonly lingerBatchSize: number;
  private readonly logger?: Logger;

  constructor(
    private readonly producer: MetaWebhookProducer,
    /** The queue's connection: its status lets a batch fail at once while Redis is down. */
    private readonly redis: Redis,
    options: DispatcherOptions = {},
  ) {
    this.maxBatchSize = options.maxBatchSize ?? 100;
    this.maxBatchBytes = options.maxBatchBytes ?? 512 * 1024;
    this.timeoutMs = options.timeoutMs ?? 3_000;
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 1);
    this.lingerMs = options.lingerMs ?? 2;
    this.lingerBatchSize = options.lingerBatchSize ?? 8;
    this.logger = options.logger;
  }

  /**
   * Queues the webhook and calls `done` once Redis holds it, or with an EnqueueError. `digest` is the hex digest
   * of the verified body; the same digest twice in one batch is queued once. A callback rather than a promise:
   * on the hot path a promise and its handlers per request were measurable young-generation garbage.
   */
  submit(data: MetaWebhook, digest: string, done: EnqueueCallback): void {
    if (this.closed) {
      done(new EnqueueError('closing', 'The webhook-worker is shutting down'));
      return;
    }
    const same = this.byDigest.get(digest);
    if (same !== undefined) {
      same.waiters.push(done);
      return;
    }
    const pending: PendingWebhook = { data, digest, waiters: [done] };
    if (this.batch.length === 0) this.batchStartedAt = performance.now();
    this.batch.push(pending);
    this.byDigest.set(digest, pending);
    this.batchBytes += data.rawBody.length;
    if (this.batch.length >= this.maxBatchSize || this.batchBytes >= this.maxBatchBytes) {
      this.flush();
    } else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(this.onTurnEnd);
    }
  }

  /** Writes what is pending, waits for every batch in flight and refuses new jobs (graceful shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    this.flush();
    await Promise.allSettled([...this.inFlight]);
  }

  private readonly onTurnEnd = (): void => {
    this.flushScheduled = false;
    // Otherwise a write in flight schedules this again when it settles.
    if (this.inFlight.size >= this.maxInFlight || this.batch.length === 0) return;
    const lingered = performance.now() - this.batchStartedAt;
    if (this.batch.length < this.lingerBatchSize && lingered < this.lingerMs && !this.closed) {
      // A later turn that finds the batch large enough writes it sooner and cancels this.
      this.lingerTimer ??= setTimeout(this.onLingerEnd, Math.ceil(this.lingerMs - lingered));
      return;
    }
    this.flush();
  };

  private readonly onLingerEnd = (): void => {
    this.lingerTimer = undefined;
    if (this.inFlight.size < this.maxInFlight) this.flush();
  };

  private flush(): void {
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
    const batch = this.batch;
    if (batch.length === 0) return;
    this.batch = [];
    this.batchBytes = 0;
    this.byDigest = new Map();
    const write = this.write(batch, this.batchStartedAt).finally(() => {
      this.inFlight.delete(write);
      if (this.batch.length > 0 && !this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(this.onTurnEnd);
      }
    });
    this.inFlight.add(write);
  }

  private async write(batch: PendingWebhook[], startedAt: number): Promise<void> {
    let failure: EnqueueError;
    try {
      // ioredis would reject each command anyway (no offline queue), but BullMQ's first call waits for a
      // connection that may never come: fail the batch now and let Meta retry.
      if (this.redis.status !== 'ready') throw new EnqueueError('disconnected', 'Redis is not connected');
      const [first] = batch;
      const job = QUEUES.metaWebhooks.jobs.webhook;
      // A lone webhook keeps its digest as job id, so that BullMQ filters out Meta's redeliveries, which arrive alone.
      await this.withTimeout(
        startedAt,
        batch.length === 1
          ? this.producer.add(job, first!.data, { jobId: metaWebhookJobId(first!.digest) })
          : this.producer.add(job, { webhooks: batch.map((pending) => pending.data) }),
      );
      // settle() catches what a waiter throws, so nothing here is mistaken for a failed enqueue.
      this.settle(batch);
      return;
    } catch (err) {
      failure =
        err instanceof EnqueueError ? err : new EnqueueError('refused', 'Redis refused the job', { cause: err });
    }
    // One line per batch, not per request; the Redis client already logs when the connection drops.
    if (failure.reason !== 'disconnected') {
      this.logger?.error({ err: failure.cause ?? failure, webhooks: batch.length }, 'enqueue failed; answering 503');
    }
    this.settle(batch, failure);
  }

  /** Calls every waiter of the batch; one that throws neither stops the others nor changes the batch's outcome. */
  private settle(batch: PendingWebhook[], failure?: EnqueueError): void {
    for (const pending of batch) {
      for (const waiter of pending.waiters) {
        try {
          waiter(failure);
        } catch (err) {
          this.logger?.error({ err }, 'answering a queued webhook failed');
        }
      }
    }
  }

  private withTimeout<T>(startedAt: number, work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new EnqueueError('timeout', `Redis did not answer within ${this.timeoutMs} ms`)),
        // Whole milliseconds (never early): Node keeps one timer list per distinct delay, so batches share a few.
        Math.max(0, Math.ceil(this.timeoutMs - (performance.now() - startedAt))),
      );
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }
}
