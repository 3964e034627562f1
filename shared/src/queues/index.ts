/**
 * Queue names and job payloads, in one place for every service.
 *
 * WARNING: a queue name is a Redis key. Renaming one strands every job already queued under the old
 * name; add a new queue and drain the old one instead.
 */
export const QUEUES = {
  /** webhook-worker → api: one raw Meta webhook POST per job. */
  metaWebhooks: 'meta-webhooks',
  /** api → message-worker: one outbound message per job; the job id is the message id. */
  outboundMessages: 'outbound-messages',
  /** message-worker → api: the outcome of each send. */
  sendResults: 'send-results',
  /** api → api: fetch an inbound message's media from Meta, off the inbound path. */
  mediaDownloads: 'media-downloads',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** One Meta webhook POST as the webhook-worker accepted it. */
export interface MetaWebhook {
  /** The POST body exactly as received, so that it can be re-verified and re-parsed. */
  rawBody: string;
  /** Epoch milliseconds when the webhook-worker accepted the request. */
  receivedAt: number;
}

/**
 * A `meta-webhooks` job: one webhook, or the webhooks that arrived together (in one event-loop turn), in the
 * order they arrived. One job per group keeps Redis and BullMQ work per webhook low under load.
 */
export type MetaWebhookJob = MetaWebhook | { webhooks: MetaWebhook[] };

/** The webhooks of a `meta-webhooks` job, whichever shape it has. */
export function webhooksOfJob(job: MetaWebhookJob): MetaWebhook[] {
  return 'webhooks' in job ? job.webhooks : [job];
}

/** BullMQ's key prefix: every service of one deployment must agree on it, so it derives from REDIS_PREFIX. */
export function queuePrefix(redisPrefix: string): string {
  return `${redisPrefix}:bull`;
}

export interface MediaDownloadJob {
  tenantId: string;
  messageId: string;
  whatsappAccountId: string;
  mediaId: string;
  /** image, audio, video, document or sticker: decides the size and type limits. */
  mediaType: string;
}

/** api → message-worker: everything needed to send one message, so the worker never reads the database. */
export interface OutboundMessageJob {
  messageId: string;
  tenantId: string;
  whatsappAccountId: string;
  phoneNumberId: string;
  /** The number's throughput in messages per second: the worker never sends faster. */
  messagesPerSecond: number;
  /** The account's access token, sealed with ENCRYPTION_KEY (never in clear text in Redis). */
  accessTokenSealed: string;
  /** The request body for `POST /{version}/{phone-number-id}/messages`, exactly as Meta expects it. */
  body: Record<string, unknown>;
}

/**
 * Job names on `outbound-messages`. A `mark-read` job tells WhatsApp the team read the customer's messages (blue
 * ticks); it goes through the same worker and pacer as sends because it is a call to the same Meta endpoint.
 */
export const OUTBOUND_JOB_NAMES = { send: 'send', markRead: 'mark-read' } as const;

/** api → message-worker (`mark-read` on `outbound-messages`): mark one inbound message, and those before it, read. */
export interface MarkReadJob {
  tenantId: string;
  conversationId: string;
  /** Aerostic's id of the inbound message; the job id is `read-<messageId>`, so one message is marked once. */
  messageId: string;
  /** Meta's id of that message. */
  wamid: string;
  whatsappAccountId: string;
  phoneNumberId: string;
  /** The number's throughput in messages per second, as for sends. */
  messagesPerSecond: number;
  /** The account's access token, sealed with ENCRYPTION_KEY. */
  accessTokenSealed: string;
}

/** The job id of a mark-read job: BullMQ refuses a second job with the same id while the first is kept. */
export function markReadJobId(messageId: string): string {
  return `read-${messageId}`;
}

/** message-worker → api: the outcome of one send. */
export type SendResultJob =
  | { messageId: string; tenantId: string; outcome: 'accepted'; wamid: string }
  | {
      messageId: string;
      tenantId: string;
      outcome: 'failed' | 'token-invalid';
      error: { code: number; title: string | null; details: string | null };
    };
