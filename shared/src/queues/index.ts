import { z } from 'zod';

/**
 * The registry of every BullMQ queue: its name, its one consumer, its jobs (name, payload schema, job id, options)
 * and default job options. Producers and consumers take these from here only (`@aerostic/shared/node`).
 */

/** BullMQ job options the registry sets (a structural subset of BullMQ's `JobsOptions`). */
export interface QueueJobOptions {
  attempts?: number;
  backoff?: { type: 'exponential' | 'fixed'; delay: number };
  /** How long (seconds) and how many finished jobs are kept; a kept job's id still refuses a second add. */
  removeOnComplete?: { age: number; count?: number };
  /** Among waiting jobs, those without a priority go first, then priority 1, 2, … (BullMQ). */
  priority?: number;
  removeOnFail?: { age: number; count?: number };
}

/** The services that consume queues; each queue has exactly one. */
export type QueueConsumerService = 'api' | 'message-worker';

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  /** BullMQ's job name, stored with every job: see the warning on QUEUES. */
  readonly name: string;
  readonly schema: S;
  /** The job id of a payload: BullMQ ignores a second add with the id of a job it still keeps. */
  readonly jobId?: (payload: z.input<S>) => string;
  /** Options on top of the queue's defaults. */
  readonly options?: QueueJobOptions;
}

export interface QueueDefinition<J extends Record<string, JobDefinition> = Record<string, JobDefinition>> {
  /** A Redis key: see the warning on QUEUES. */
  readonly name: string;
  readonly consumer: QueueConsumerService;
  readonly defaultJobOptions: QueueJobOptions;
  readonly jobs: J;
}

/** What a producer passes for a job. */
export type JobPayload<J extends JobDefinition> = z.input<J['schema']>;
/** What a consumer receives once the payload passed its schema. */
export type JobData<J extends JobDefinition> = z.output<J['schema']>;

function job<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

const HOUR = 3_600;
const WEEK = 7 * 24 * HOUR;
/** Failed jobs stay a week so that operators can inspect and retry them. */
const KEEP_FAILED = { age: WEEK };
/** Finished jobs stay an hour: long enough for their ids to refuse a repeated add. */
const KEEP_DONE = { age: HOUR, count: 10_000 };

/** One Meta webhook POST as the webhook-worker accepted it. */
export const metaWebhookSchema = z.object({
  /** The POST body exactly as received, so that it can be re-verified and re-parsed. */
  rawBody: z.string(),
  /** Epoch milliseconds when the webhook-worker accepted the request. */
  receivedAt: z.number(),
});
export type MetaWebhook = z.infer<typeof metaWebhookSchema>;

/**
 * A `meta-webhooks` job: one webhook, or the webhooks that arrived together, in arrival order. One job per group
 * keeps Redis and BullMQ work per webhook low under load.
 */
export const metaWebhookJobSchema = z.union([
  metaWebhookSchema,
  z.object({ webhooks: z.array(metaWebhookSchema).min(1) }),
]);
export type MetaWebhookJob = z.infer<typeof metaWebhookJobSchema>;

/** The webhooks of a `meta-webhooks` job, whichever shape it has. */
export function webhooksOfJob(job: MetaWebhookJob): MetaWebhook[] {
  return 'webhooks' in job ? job.webhooks : [job];
}

/** The job id of a webhook queued alone: Meta redelivers the same bytes, so BullMQ ignores the second add. */
export function metaWebhookJobId(bodyDigest: string): string {
  return `sha256-${bodyDigest}`;
}

/** The number a job calls Meta through, its token sealed bound to `whatsappAccountId` (never in clear text in Redis). */
const sendingNumber = {
  tenantId: z.string().min(1),
  whatsappAccountId: z.string().min(1),
  phoneNumberId: z.string().min(1),
  /** The number's throughput in messages per second: the worker never sends faster. */
  messagesPerSecond: z.number().positive(),
  accessTokenSealed: z.string().min(1),
};

/**
 * api → message-worker: everything needed to send one message, so the worker never reads the database. Loose:
 * the worker writes its own bookkeeping back into the job (`updateData`), and a field a newer API adds survives it.
 */
export const outboundMessageJobSchema = z.looseObject({
  messageId: z.string().min(1),
  ...sendingNumber,
  /** The request body for `POST /{version}/{phone-number-id}/messages`, exactly as Meta expects it. */
  body: z.record(z.string(), z.unknown()),
  /** A campaign's send: when it ends, the worker shortens the number's campaign backlog (docs/adr/0117). */
  campaignId: z.string().optional(),
  /** Worker bookkeeping. Transient failures so far (5xx, timeouts, 130429, …). */
  sendAttempts: z.int().min(0).optional(),
  /** Worker bookkeeping. Pair rate limit (131056) refusals so far: each one doubles this recipient's delay. */
  pairAttempts: z.int().min(0).optional(),
  /** Worker bookkeeping. Spam rate limit (131048) refusals so far: each one slows the number down. */
  spamAttempts: z.int().min(0).optional(),
  /** Worker bookkeeping. Set once Meta accepted the send, so a crash before the result is reported never resends. */
  acceptedWamid: z.string().optional(),
});
export type OutboundMessageJob = z.infer<typeof outboundMessageJobSchema>;

/** api → message-worker: mark one inbound message, and those before it, read (WhatsApp's blue ticks). */
export const markReadJobSchema = z.looseObject({
  ...sendingNumber,
  conversationId: z.string().min(1),
  /** Aerostic's id of the inbound message. */
  messageId: z.string().min(1),
  /** Meta's id of that message. */
  wamid: z.string().min(1),
  /** Worker bookkeeping: refusals so far that are worth another try (transient, rate limits). */
  attempts: z.int().min(0).optional(),
});
export type MarkReadJob = z.infer<typeof markReadJobSchema>;

const messageErrorSchema = z.object({ code: z.number(), title: z.string().nullable(), details: z.string().nullable() });

/** message-worker → api: the outcome of one send. */
export const sendResultJobSchema = z.discriminatedUnion('outcome', [
  z.object({
    messageId: z.string().min(1),
    tenantId: z.string().min(1),
    outcome: z.literal('accepted'),
    wamid: z.string().min(1),
  }),
  z.object({
    messageId: z.string().min(1),
    tenantId: z.string().min(1),
    outcome: z.enum(['failed', 'token-invalid']),
    error: messageErrorSchema,
  }),
]);
export type SendResultJob = z.infer<typeof sendResultJobSchema>;

/** api → api: fetch an inbound message's media from Meta, off the inbound path. */
export const mediaDownloadJobSchema = z.object({
  tenantId: z.string().min(1),
  messageId: z.string().min(1),
  whatsappAccountId: z.string().min(1),
  mediaId: z.string().min(1),
  /** image, audio, video, document or sticker: decides the size and type limits. */
  mediaType: z.string().min(1),
});
export type MediaDownloadJob = z.infer<typeof mediaDownloadJobSchema>;

/** A whole daily check of every connected number's token and health (what the job scheduler adds). */
export const whatsappHealthSweepJobSchema = z.object({});

/** api → api: ask Meta about one connected number's token and health. */
export const whatsappHealthCheckJobSchema = z.object({
  tenantId: z.string().min(1),
  whatsappAccountId: z.string().min(1),
  /** The sweep that queued it: a number is checked once per sweep however often the sweep is retried. */
  sweep: z.string().regex(/^[\w-]{1,200}$/),
});
export type WhatsAppHealthCheckJob = z.infer<typeof whatsappHealthCheckJobSchema>;

/** A sweep for campaigns that are due (what the job scheduler adds every second). */
export const campaignDueSweepJobSchema = z.object({});

/** api → api: one running campaign's feeding; the job re-runs itself (delayed) until the campaign stops. */
export const campaignFeedJobSchema = z.object({
  tenantId: z.string().min(1),
  campaignId: z.string().min(1),
});
export type CampaignFeedJob = z.infer<typeof campaignFeedJobSchema>;

/** api → api: run the automation rules for one stored inbound customer message (issue 18). */
export const automationMessageJobSchema = z.object({
  tenantId: z.string().min(1),
  messageId: z.string().min(1),
});
export type AutomationMessageJob = z.infer<typeof automationMessageJobSchema>;

/** api → api: an event that is not a message (no reply for N minutes, a resolved conversation). */
export const automationEventJobSchema = z.object({
  tenantId: z.string().min(1),
  trigger: z.enum(['no_reply', 'conversation_resolved']),
  conversationId: z.string().min(1),
  /** What happened, once: `no_reply-<ruleId>-<messageId>`, `resolved-<conversationId>-<version>`. */
  eventKey: z.string().regex(/^[\w-]{1,200}$/),
  /** no_reply: the one rule whose wait ran out. */
  ruleId: z.string().min(1).optional(),
  /** no_reply: the customer's message left without an answer. */
  messageId: z.string().min(1).optional(),
});
export type AutomationEventJob = z.infer<typeof automationEventJobSchema>;

/** A look for conversations whose wait for the team ran out (what the job scheduler adds). */
export const automationSweepJobSchema = z.object({});

/** The sweep that closes every subscription period that has ended (what the job scheduler adds every hour). */
export const billingPeriodEndSweepJobSchema = z.object({});

/** Job ids: one send result, one mark-read and one media download per message, however often they are added. */
export const markReadJobId = (messageId: string): string => `read-${messageId}`;
export const sendResultJobId = (messageId: string): string => `${messageId}-result`;
export const mediaDownloadJobId = (messageId: string): string => `media-${messageId}`;
export const whatsappHealthCheckJobId = (job: WhatsAppHealthCheckJob): string =>
  `health-${job.whatsappAccountId}-${job.sweep}`;
/** One automation job per inbound message and per event, however often the message is delivered. */
export const automationMessageJobId = (job: AutomationMessageJob): string => `automation-${job.messageId}`;
export const automationEventJobId = (job: AutomationEventJob): string => `automation-${job.eventKey}`;
/** One feed job per campaign while it exists, however many API instances or sweeps add it. */
export const campaignFeedJobId = (job: CampaignFeedJob): string => `feed-${job.campaignId}`;

/**
 * BullMQ priority of a campaign's send jobs. Jobs without a priority (agents' sends) are always taken before any
 * prioritised one, so a campaign never queues ahead of a live conversation (docs/adr/0117).
 */
export const CAMPAIGN_SEND_PRIORITY = 100;

/** Retries that ride out an API restart or a database outage of about an hour (12 attempts, 2 s doubling). */
const RIDE_OUT_AN_HOUR = { attempts: 12, backoff: { type: 'exponential', delay: 2_000 } } as const;

/** api → api: one attempt at one event webhook delivery (issue 20); retries are added by the consumer. */
export const webhookDeliveryJobSchema = z.object({ tenantId: z.string(), deliveryId: z.string() });
export type WebhookDeliveryJob = z.infer<typeof webhookDeliveryJobSchema>;

/** api → api: the daily deletion of old deliveries (job scheduler). */
export const webhookPruneJobSchema = z.object({});

/**
 * api → api: one transactional mail, rendered by the producer. `key` names what the mail is for (a reset request, an
 * alert of a month), so the same mail queued twice (a retried request, two instances) goes out once.
 */
export const emailJobSchema = z.object({
  key: z.string().min(1).max(200),
  to: z.string().min(3),
  subject: z.string().min(1),
  text: z.string(),
  html: z.string(),
});
export type EmailJob = z.infer<typeof emailJobSchema>;

/**
 * WARNING: queue and job names are stored with every job in Redis. Renaming one strands the jobs already queued
 * under the old name; add a new queue or job and drain the old one instead.
 */
export const QUEUES = {
  /** webhook-worker → api, on a queue of its own so bulk work never starves inbound messages. */
  metaWebhooks: {
    name: 'meta-webhooks',
    consumer: 'api',
    defaultJobOptions: { ...RIDE_OUT_AN_HOUR, removeOnComplete: KEEP_DONE, removeOnFail: KEEP_FAILED },
    jobs: { webhook: job({ name: 'meta-webhook', schema: metaWebhookJobSchema }) },
  },
  /**
   * api → message-worker. One attempt: the worker retries on its own schedule (delayed jobs), since Meta's errors
   * decide the delay. `mark-read` shares the queue because it calls the same endpoint through the same pacer.
   */
  outboundMessages: {
    name: 'outbound-messages',
    consumer: 'message-worker',
    defaultJobOptions: { attempts: 1, removeOnComplete: KEEP_DONE, removeOnFail: KEEP_FAILED },
    jobs: {
      send: job({ name: 'send', schema: outboundMessageJobSchema, jobId: (p) => p.messageId }),
      // Kept a day, so that reading the same message again within a day queues nothing.
      markRead: job({
        name: 'mark-read',
        schema: markReadJobSchema,
        jobId: (p) => markReadJobId(p.messageId),
        options: { removeOnComplete: { age: 24 * HOUR, count: 10_000 } },
      }),
    },
  },
  /** message-worker → api: a result must survive an API restart or a database outage. */
  sendResults: {
    name: 'send-results',
    consumer: 'api',
    defaultJobOptions: { ...RIDE_OUT_AN_HOUR, removeOnComplete: KEEP_DONE, removeOnFail: KEEP_FAILED },
    jobs: { result: job({ name: 'result', schema: sendResultJobSchema, jobId: (p) => sendResultJobId(p.messageId) }) },
  },
  /** api → api. */
  mediaDownloads: {
    name: 'media-downloads',
    consumer: 'api',
    defaultJobOptions: {
      attempts: 6,
      backoff: { type: 'exponential', delay: 2_000 },
      removeOnComplete: KEEP_DONE,
      removeOnFail: KEEP_FAILED,
    },
    jobs: {
      download: job({
        name: 'download',
        schema: mediaDownloadJobSchema,
        jobId: (p) => mediaDownloadJobId(p.messageId),
      }),
    },
  },
  /**
   * api → api: the daily check of every connected number (`sweep`, added by a BullMQ job scheduler) fans out to one
   * `check` per number. A check that could not reach Meta is tried again later the same day.
   */
  whatsappHealth: {
    name: 'whatsapp-health',
    consumer: 'api',
    defaultJobOptions: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 10 * 60_000 },
      removeOnComplete: KEEP_DONE,
      removeOnFail: KEEP_FAILED,
    },
    jobs: {
      sweep: job({ name: 'sweep', schema: whatsappHealthSweepJobSchema }),
      check: job({ name: 'check', schema: whatsappHealthCheckJobSchema, jobId: whatsappHealthCheckJobId }),
    },
  },
  /**
   * api → api: `sweep` (a BullMQ job scheduler, every second) starts due campaigns and adds one `feed` job per running
   * campaign; each feed step queues the next recipients' sends, then delays its own job until the number has room.
   * Finished or failed feed jobs are removed at once, so the next sweep can add the campaign's job again.
   */
  campaigns: {
    name: 'campaign-sends',
    consumer: 'api',
    defaultJobOptions: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: { age: 0, count: 0 },
      removeOnFail: { age: 0, count: 0 },
    },
    jobs: {
      sweep: job({ name: 'sweep', schema: campaignDueSweepJobSchema, options: { attempts: 1 } }),
      feed: job({ name: 'feed', schema: campaignFeedJobSchema, jobId: campaignFeedJobId }),
    },
  },
  /**
   * api → api: automation rules (docs/adr/0118). One `message` job per stored inbound customer message (job id = the
   * message's), one `event` job per no-reply wait run out or conversation resolved, and a `sweep` (job scheduler)
   * that finds the waits run out. Retries ride out a restart: the run log's unique keys make a retry resume, not repeat.
   */
  /**
   * api → api: event webhook deliveries (docs/adr/0141). The consumer schedules each retry itself (exponential, for
   * 24 hours from the event), so a job is one attempt. `prune` deletes old deliveries daily (docs/adr/0157).
   */
  webhookDeliveries: {
    name: 'webhook-deliveries',
    consumer: 'api',
    defaultJobOptions: { attempts: 1, removeOnComplete: KEEP_DONE, removeOnFail: KEEP_FAILED },
    jobs: {
      deliver: job({ name: 'deliver', schema: webhookDeliveryJobSchema }),
      prune: job({ name: 'prune', schema: webhookPruneJobSchema }),
    },
  },
  /**
   * api → api: transactional mail (docs/adr/0158). Retries ride out an SMTP outage of about an hour; a request only
   * adds the job, so a slow or absent SMTP server never slows it.
   */
  emails: {
    name: 'emails',
    consumer: 'api',
    defaultJobOptions: { ...RIDE_OUT_AN_HOUR, removeOnComplete: KEEP_DONE, removeOnFail: KEEP_FAILED },
    jobs: { send: job({ name: 'send', schema: emailJobSchema, jobId: (p) => `email-${p.key}` }) },
  },
  automation: {
    name: 'automation',
    consumer: 'api',
    defaultJobOptions: { ...RIDE_OUT_AN_HOUR, removeOnComplete: KEEP_DONE, removeOnFail: KEEP_FAILED },
    jobs: {
      message: job({ name: 'message', schema: automationMessageJobSchema, jobId: automationMessageJobId }),
      event: job({ name: 'event', schema: automationEventJobSchema, jobId: automationEventJobId }),
      sweep: job({ name: 'sweep', schema: automationSweepJobSchema, options: { attempts: 1 } }),
    },
  },
  /**
   * api → api: `period-end` (a BullMQ job scheduler, hourly) issues the invoice of every subscription period that has
   * ended and rolls it on. Each period closes in one transaction keyed on (tenant, period start), so a retried or
   * repeated sweep issues nothing twice.
   */
  billing: {
    name: 'billing',
    consumer: 'api',
    defaultJobOptions: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 60_000 },
      removeOnComplete: KEEP_DONE,
      removeOnFail: KEEP_FAILED,
    },
    jobs: { periodEnd: job({ name: 'period-end', schema: billingPeriodEndSweepJobSchema }) },
  },
} as const satisfies Record<string, QueueDefinition>;

/** BullMQ's key prefix: every service of one deployment must agree on it, so it derives from REDIS_PREFIX. */
export function queuePrefix(redisPrefix: string): string {
  return `${redisPrefix}:bull`;
}
