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

export interface MetaWebhookJob {
  /** The POST body exactly as received, so that it can be re-verified and re-parsed. */
  rawBody: string;
  /** Epoch milliseconds when the webhook-worker accepted the request. */
  receivedAt: number;
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

/** message-worker → api: the outcome of one send. */
export type SendResultJob =
  | { messageId: string; tenantId: string; outcome: 'accepted'; wamid: string }
  | {
      messageId: string;
      tenantId: string;
      outcome: 'failed' | 'token-invalid';
      error: { code: number; title: string | null; details: string | null };
    };
