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
import { GroupCommit } from '../common/queue/group-commit';
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
  private readonly batches = new GroupCommit<WebhookEnvelope[]>({
    batch: (jobs) => this.inbound.handleMany(jobs.flat()),
    one: (envelopes) => this.handleOneByOne(envelopes),
    maxSize: MAX_BATCH_WEBHOOKS,
    maxInFlight: MAX_BATCHES_IN_FLIGHT,
    sizeOf: (envelopes) => envelopes.length,
    onBatchFailed: (err, jobs) =>
      this.logger.warn({ err, jobs }, 'Webhook batch failed; handling its webhooks one by one'),
  });

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly inbound: InboundService,
  ) {
    super(config, QUEUES.metaWebhooks, {
      concurrency: CONCURRENCY,
      workers: WORKERS,
      // Batches span tenants, and a number's tenant is found from Meta's ids.
      acrossTenants: { webhook: 'inbound' },
    });
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
    if (envelopes.length > 0) await this.batches.submit(envelopes);
    // A payload that is not a webhook envelope will never become one: keep the job in the failed set for
    // inspection (its valid webhooks are stored; a manual retry would find them stored already).
    if (invalid.length === 1 && envelopes.length === 0) throw new UnrecoverableError(invalid[0]);
    if (invalid.length > 0)
      throw new UnrecoverableError(`${invalid.length} of the job's webhooks are not Meta webhooks: ${invalid[0]}`);
  }

  /**
   * Each webhook of a job alone, so that one that cannot be handled keeps neither the other jobs nor the other
   * webhooks of its own job from being stored; its job fails and is retried whole (the stored ones are no-ops then).
   */
  private async handleOneByOne(envelopes: readonly WebhookEnvelope[]): Promise<void> {
    let failure: { err: unknown } | undefined;
    for (const envelope of envelopes) {
      try {
        await this.inbound.handle(envelope);
      } catch (err) {
        failure ??= { err };
      }
    }
    if (failure) throw failure.err;
  }
}
