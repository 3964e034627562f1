import { Inject, Injectable } from '@nestjs/common';
import {
  type MetaWebhookJob,
  QUEUES,
  type WebhookEnvelope,
  webhookEnvelopeSchema,
  webhooksOfJob,
} from '@aerostic/shared';
import { type JobHandlers } from '@aerostic/shared/node';
import { UnrecoverableError } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { QueueConsumer } from '../common/queue/consumer';
import { InboundService } from './inbound.service';

/**
 * BullMQ workers on the queue. A worker fetches its jobs one Redis round trip after the other, which caps one
 * worker at about a thousand jobs a second on a busy machine; several fetch in parallel.
 */
const WORKERS = 4;
/**
 * Jobs each worker processes at once. A job waits while the batches before it are written, so this bounds how
 * many webhooks one batch can gather; a job is cheap to hold (its webhooks are already parsed).
 */
const CONCURRENCY = 64;
/** At most this many webhooks per batch, so that one batch's statements stay short. */
const MAX_BATCH_WEBHOOKS = 500;
/**
 * Batches written at the same time: while one waits for its commit, the next one runs. New contacts are written in
 * key order, so two batches queue behind each other on shared rows; should they still deadlock, PostgreSQL aborts
 * one, and that batch takes the webhook-by-webhook path below.
 */
const MAX_BATCHES_IN_FLIGHT = 2;

interface Waiting {
  envelopes: WebhookEnvelope[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** A webhook body that is JSON and a Meta envelope, or why not. */
function parseEnvelope(rawBody: string): WebhookEnvelope | string {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return 'Webhook body is not JSON';
  }
  const envelope = webhookEnvelopeSchema.safeParse(json);
  return envelope.success ? envelope.data : `Not a Meta webhook envelope: ${envelope.error.message}`;
}

/**
 * The only consumer of `meta-webhooks`, on a queue of its own so bulk work can never starve inbound messages.
 * Group commit (docs/adr/0085-inbound-storing-by-owner.md): jobs arriving while a batch is written form the next.
 * A failed batch is retried webhook by webhook so only the job at fault fails, safe to retry: writes are idempotent.
 */
@Injectable()
export class MetaWebhookConsumer extends QueueConsumer<typeof QUEUES.metaWebhooks> {
  private waiting: Waiting[] = [];
  private inFlight = 0;
  private startScheduled = false;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly inbound: InboundService,
  ) {
    super(config, QUEUES.metaWebhooks, { concurrency: CONCURRENCY, workers: WORKERS });
  }

  protected handlers(): JobHandlers<typeof QUEUES.metaWebhooks> {
    return { webhook: (job) => this.process(job) };
  }

  /** One job, once its payload passed the registry's schema. */
  async process(job: MetaWebhookJob): Promise<void> {
    const envelopes: WebhookEnvelope[] = [];
    const invalid: string[] = [];
    for (const webhook of webhooksOfJob(job)) {
      const parsed = parseEnvelope(webhook.rawBody);
      if (typeof parsed === 'string') invalid.push(parsed);
      else envelopes.push(parsed);
    }
    if (envelopes.length > 0) await this.submit(envelopes);
    // A payload that is not a webhook envelope will never become one: keep the job in the failed set for
    // inspection (its valid webhooks are stored; a manual retry would find them stored already).
    if (invalid.length === 1 && envelopes.length === 0) throw new UnrecoverableError(invalid[0]);
    if (invalid.length > 0)
      throw new UnrecoverableError(`${invalid.length} of the job's webhooks are not Meta webhooks: ${invalid[0]}`);
  }

  /** Resolves once the batch holding these webhooks is handled. */
  private submit(envelopes: WebhookEnvelope[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ envelopes, resolve, reject });
      if (!this.startScheduled && this.inFlight < MAX_BATCHES_IN_FLIGHT) {
        this.startScheduled = true;
        // At the end of this turn, so that the jobs BullMQ hands over together start as one batch.
        setImmediate(this.startBatches);
      }
    });
  }

  private readonly startBatches = (): void => {
    this.startScheduled = false;
    while (this.waiting.length > 0 && this.inFlight < MAX_BATCHES_IN_FLIGHT) {
      this.inFlight++;
      void this.handleBatch(this.takeBatch()).finally(() => {
        this.inFlight--;
        this.startBatches();
      });
    }
  };

  private takeBatch(): Waiting[] {
    let webhooks = 0;
    let count = 0;
    while (
      count < this.waiting.length &&
      (count === 0 || webhooks + this.waiting[count]!.envelopes.length <= MAX_BATCH_WEBHOOKS)
    ) {
      webhooks += this.waiting[count]!.envelopes.length;
      count++;
    }
    return this.waiting.splice(0, count);
  }

  private async handleBatch(batch: Waiting[]): Promise<void> {
    try {
      await this.inbound.handleMany(batch.flatMap((waiting) => waiting.envelopes));
      for (const waiting of batch) waiting.resolve();
      return;
    } catch (err) {
      if (batch.length === 1 && batch[0]!.envelopes.length === 1) {
        batch[0]!.reject(err);
        return;
      }
      this.logger.warn({ err, jobs: batch.length }, 'Webhook batch failed; handling its webhooks one by one');
    }
    // Each webhook alone, so that one that cannot be handled keeps neither the other jobs nor the other webhooks
    // of its own job from being stored; its job fails and is retried whole (the stored ones are no-ops then).
    for (const waiting of batch) {
      let failure: { err: unknown } | undefined;
      for (const envelope of waiting.envelopes) {
        try {
          await this.inbound.handle(envelope);
        } catch (err) {
          failure ??= { err };
        }
      }
      if (failure) waiting.reject(failure.err);
      else waiting.resolve();
    }
  }
}
