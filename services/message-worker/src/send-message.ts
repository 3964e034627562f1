import {
  addressedCustomer,
  type KeyRing,
  type MarkReadJob,
  type OutboundMessageJob,
  queuePrefix,
  QUEUES,
  type SendResultJob,
} from '@aerostic/shared';
import {
  campaignBacklogKeyOf,
  createQueueWorker,
  QueueProducer,
  type SendMetrics,
  settleCampaignSend,
  SUSPENDED_TENANTS_KEY,
  WORKSPACE_SUSPENDED_ERROR,
} from '@aerostic/shared/node';
import { DelayedError, type Job, UnrecoverableError, type Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { postJson } from './graph-http';
import { NumberPacer, SendWindow } from './pacer';
import { TokenCache } from './token-cache';
import { DEFAULT_RETRY_POLICY, decideMarkRead, decideSend, type GraphReply, type RetryPolicy } from './retry-handler';

/**
 * Jobs in process at once: a job holds its place while it waits for its number's slot, and a slot with no job of
 * its number in hand is lost for good. 400 is a quarter of a second of 20 numbers × 80/s, the pacer's look-ahead
 * (docs/adr/0067-four-hundred-jobs-in-process.md).
 */
const DEFAULT_CONCURRENCY = 400;

/**
 * A job whose worker died with it in hand runs again (docs/adr/0066), up to this many times; past that BullMQ fails
 * it, since a job in hand across so many crashes may be their cause. BullMQ's default, 1, failed a send for good on
 * the worker's second crash, and nothing told the API (docs/adr/0210).
 */
const MAX_STALLS = 10;
/** BullMQ's reason for failing a job that stalled more than `maxStalledCount` times. */
const STALLED_OUT = 'job stalled more than allowable limit';

/** The outcome of a send given up after too many crashes of the worker: Meta may or may not have it. */
export const ABANDONED_SEND_ERROR = {
  code: 0,
  title: 'Not sent',
  details: `the message-worker stopped ${MAX_STALLS + 1} times while sending it: given up, WhatsApp may not have it`,
} as const;

/** What a send or a mark-read job says about where and how its request goes. */
type SendTarget = Pick<
  OutboundMessageJob,
  'whatsappAccountId' | 'phoneNumberId' | 'messagesPerSecond' | 'accessTokenSealed' | 'messageId'
>;

export type SendMessageOptions = {
  /** A BullMQ connection (maxRetriesPerRequest: null); duplicated for the pacer's script and the reports. */
  connection: Redis;
  redisPrefix: string;
  graphUrl: string;
  graphVersion: string;
  /** ENCRYPTION_KEY and ENCRYPTION_KEYS_OLD: tokens sealed with a replaced key still open until rotated. */
  encryptionKey: Buffer | KeyRing;
  logger: Logger;
  /** Jobs handled at once; most of them only wait in process for their number's slot. */
  concurrency?: number;
  /** Meta not answering within this is a transient failure. */
  requestTimeoutMs?: number;
  retryPolicy?: Partial<RetryPolicy>;
  /** Counts each reported outcome by result and Meta's error code. */
  metrics?: SendMetrics;
};

/**
 * Sends one outbound message: waits for the number's pacer, POSTs it to Meta, and reports the outcome on
 * `send-results` (job id `<messageId>-result`, so a re-run never reports twice). Retries are delayed jobs.
 */
export class SendMessageProcessor {
  private readonly results: QueueProducer<typeof QUEUES.sendResults>;
  private readonly pacer: NumberPacer;
  private readonly policy: RetryPolicy;
  private readonly tokens = new TokenCache();
  private readonly window = new SendWindow();
  /**
   * The pacer's script and the reports share one write per event-loop turn through an auto-pipelined connection of
   * their own; BullMQ's worker connection must not get auto-pipelining, which has known problems there
   * (docs/adr/0070-auto-pipelined-redis-for-pacer-and-reports.md).
   */
  private readonly pipelined: Redis;
  private readonly suspendedTenantsKey: string;

  constructor(private readonly options: SendMessageOptions) {
    const prefix = queuePrefix(options.redisPrefix);
    this.suspendedTenantsKey = `${options.redisPrefix}:${SUSPENDED_TENANTS_KEY}`;
    this.pipelined = options.connection.duplicate({ enableAutoPipelining: true });
    this.results = new QueueProducer(QUEUES.sendResults, { connection: this.pipelined, prefix });
    // Without a listener BullMQ prints each connection error whole, AUTH arguments (REDIS_URL's password) included;
    // the queue connection's own log already reports the outage once.
    this.results.queue.on('error', (err) => options.logger.debug({ err }, 'send-results queue error'));
    this.pacer = new NumberPacer(this.pipelined, options.redisPrefix);
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy };
  }

  /** `data` is the job's payload once it passed the registry's schema. */
  async process(data: OutboundMessageJob, job: Job, token: string | undefined): Promise<void> {
    // A re-run after the report was lost: reported again (the job id dedupes it), but counted once already.
    if (data.acceptedWamid !== undefined)
      return this.report(data, { outcome: 'accepted', wamid: data.acceptedWamid }, false);

    // Asked together with the slot: one round trip on the auto-pipelined connection. A suspended workspace's
    // slot goes unused.
    const [suspended, slot] = await Promise.all([
      this.isSuspended(data.tenantId),
      this.pacer.take(data.phoneNumberId, data.messagesPerSecond),
    ]);
    if (suspended) {
      await this.report(data, { outcome: 'failed', error: WORKSPACE_SUSPENDED_ERROR });
      await this.settleCampaign(data);
      throw new UnrecoverableError(WORKSPACE_SUSPENDED_ERROR.details);
    }
    if (!slot.reserved) return this.delay(job, token, slot.retryInMs);
    if (slot.waitMs > 0) await sleep(slot.waitMs);
    const reply = await this.post(data, data.body);
    const decision = decideSend(
      reply,
      { send: data.sendAttempts ?? 0, pair: data.pairAttempts ?? 0, spam: data.spamAttempts ?? 0 },
      this.policy,
    );
    switch (decision.kind) {
      case 'accepted':
        await job.updateData({ ...data, acceptedWamid: decision.wamid });
        await this.settleCampaign(data);
        return this.report(data, { outcome: 'accepted', wamid: decision.wamid });
      case 'retry': {
        if (decision.reason === 'spam-rate') await this.coolOff(data.phoneNumberId, data.messageId);
        await job.updateData(
          decision.reason === 'pair-rate'
            ? { ...data, pairAttempts: (data.pairAttempts ?? 0) + 1 }
            : decision.reason === 'spam-rate'
              ? { ...data, spamAttempts: (data.spamAttempts ?? 0) + 1 }
              : { ...data, sendAttempts: (data.sendAttempts ?? 0) + 1 },
        );
        // A pair-rate refusal holds back this customer only, addressed by phone number or user id (docs/adr/0113).
        const recipient = decision.reason === 'pair-rate' ? addressedCustomer(data.body) : undefined;
        this.options.logger.warn(
          { messageId: data.messageId, httpStatus: reply.httpStatus, delayMs: decision.delayMs, recipient },
          'send failed; retrying later',
        );
        return this.delay(job, token, decision.delayMs);
      }
      case 'report':
        await this.report(data, { outcome: decision.outcome, error: decision.error });
        await this.settleCampaign(data);
        // Failing the job keeps it (and Meta's reason) inspectable in the failed set.
        throw new UnrecoverableError(`(#${decision.error.code}) ${decision.error.title ?? ''}`.trim());
    }
  }

  /**
   * Tells WhatsApp the customer's message (and those before it) was read. Nothing is reported back: the inbox
   * already shows the conversation read; a receipt that keeps failing is given up and left in the failed set.
   */
  async markRead(data: MarkReadJob, job: Job, token: string | undefined): Promise<void> {
    // A suspended workspace's receipts are dropped: nothing goes to Meta on its behalf. Asked with the slot, as a send.
    const [suspended, slot] = await Promise.all([
      this.isSuspended(data.tenantId),
      this.pacer.take(data.phoneNumberId, data.messagesPerSecond),
    ]);
    if (suspended) return;
    if (!slot.reserved) return this.delay(job, token, slot.retryInMs);
    if (slot.waitMs > 0) await sleep(slot.waitMs);

    const body = { messaging_product: 'whatsapp', status: 'read', message_id: data.wamid };
    const reply = await this.post(data, body);
    const decision = decideMarkRead(reply, data.attempts ?? 0, this.policy);
    switch (decision.kind) {
      case 'done':
        return;
      case 'retry':
        if (decision.reason === 'spam-rate') await this.coolOff(data.phoneNumberId, data.messageId);
        await job.updateData({ ...data, attempts: (data.attempts ?? 0) + 1 });
        return this.delay(job, token, decision.delayMs);
      case 'give-up':
        throw new UnrecoverableError(`(#${decision.error.code}) ${decision.error.title ?? ''}`.trim());
    }
  }

  /** A send BullMQ gave up after it stalled too often still gets its outcome: its message never stays queued. */
  async settleAbandoned(data: OutboundMessageJob): Promise<void> {
    if (data.acceptedWamid !== undefined)
      return this.report(data, { outcome: 'accepted', wamid: data.acceptedWamid }, false);
    await this.report(data, { outcome: 'failed', error: ABANDONED_SEND_ERROR });
    await this.settleCampaign(data);
  }

  async close(): Promise<void> {
    await this.results.close();
    await this.pipelined.quit().catch(() => this.pipelined.disconnect());
  }

  /** A campaign send ended: the API's feeder may queue one more for its number (docs/adr/0117). */
  private async settleCampaign(data: OutboundMessageJob): Promise<void> {
    if (data.campaignId === undefined) return;
    await settleCampaignSend(this.pipelined, `${this.options.redisPrefix}:${campaignBacklogKeyOf(data.phoneNumberId)}`);
  }

  /** Whether the API has marked the job's workspace suspended (docs/adr/0107). */
  private async isSuspended(tenantId: string): Promise<boolean> {
    return (await this.pipelined.sismember(this.suspendedTenantsKey, tenantId)) === 1;
  }

  /** Meta's spam rate limit: every send of the number slows down for the cool-off, not only this one. */
  private async coolOff(phoneNumberId: string, messageId: string): Promise<void> {
    const { spamSlowdownFactor: factor, spamCoolOffMs } = this.policy;
    await this.pacer.slowDown(phoneNumberId, factor, Date.now() + spamCoolOffMs);
    this.options.logger.warn(
      { phoneNumberId, messageId, factor, coolOffMs: spamCoolOffMs },
      'spam rate limit hit (131048): number slowed down',
    );
  }

  private async delay(job: Job, token: string | undefined, delayMs: number): Promise<never> {
    await job.moveToDelayed(Date.now() + Math.max(1, delayMs), token);
    throw new DelayedError();
  }

  private async report(
    data: OutboundMessageJob,
    result:
      | { outcome: 'accepted'; wamid: string }
      | { outcome: 'failed' | 'token-invalid'; error: Extract<SendResultJob, { error: unknown }>['error'] },
    count = true,
  ): Promise<void> {
    const job: SendResultJob = { messageId: data.messageId, tenantId: data.tenantId, ...result };
    await this.results.add(QUEUES.sendResults.jobs.result, job);
    if (count) this.options.metrics?.record(result.outcome, 'error' in result ? result.error.code : undefined);
  }

  /** The POST to Meta, once this process's send window lets it start (see SendWindow). */
  private async post(
    { whatsappAccountId, phoneNumberId, messagesPerSecond, accessTokenSealed, messageId }: SendTarget,
    body: Record<string, unknown>,
  ): Promise<GraphReply> {
    const { graphUrl, graphVersion, encryptionKey, requestTimeoutMs = 10_000 } = this.options;
    const url = `${graphUrl.replace(/\/+$/, '')}/${graphVersion}/${phoneNumberId}/messages`;
    const sending = await this.window.admit(phoneNumberId, messagesPerSecond);
    try {
      const res = await postJson(
        url,
        {
          'content-type': 'application/json',
          authorization: `Bearer ${this.tokens.open(accessTokenSealed, encryptionKey, whatsappAccountId)}`,
        },
        JSON.stringify(body),
        requestTimeoutMs,
      );
      const { text } = res;
      let answer: unknown = null;
      try {
        answer = text ? (JSON.parse(text) as unknown) : null;
      } catch {
        answer = null;
      }
      return { httpStatus: res.status, body: answer };
    } catch (err) {
      this.options.logger.warn({ messageId, err: (err as Error).message }, 'Meta did not answer');
      return { httpStatus: 0, body: null };
    } finally {
      sending.done();
    }
  }
}

/** The only consumer of `outbound-messages` (sends and mark-read jobs). close() waits for the calls in flight. */
export function createSendMessageWorker(options: SendMessageOptions): { worker: Worker; close: () => Promise<void> } {
  const processor = new SendMessageProcessor(options);
  const worker = createQueueWorker(
    'message-worker',
    QUEUES.outboundMessages,
    {
      send: (data, job, token) => processor.process(data, job, token),
      markRead: (data, job, token) => processor.markRead(data, job, token),
    },
    {
      connection: options.connection,
      prefix: queuePrefix(options.redisPrefix),
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      maxStalledCount: MAX_STALLS,
    },
  );
  const send = QUEUES.outboundMessages.jobs.send;
  worker.on('failed', (job, err) => {
    options.logger.warn({ jobId: job?.id, name: job?.name, err: err.message }, 'outbound job failed');
    if (job?.name !== send.name || err.message !== STALLED_OUT) return;
    const data = send.schema.safeParse(job.data);
    if (!data.success) return;
    processor
      .settleAbandoned(data.data)
      .catch((error: unknown) => options.logger.error({ err: error, jobId: job.id }, 'abandoned send not reported'));
  });
  worker.on('error', (err) => options.logger.error({ err }, 'worker error'));
  return {
    worker,
    close: async () => {
      await worker.close();
      await processor.close();
    },
  };
}
