import type { MarkReadJob, OutboundMessageJob } from '@aerostic/shared';
import { z } from 'zod';

/**
 * An `outbound-messages` job as the worker reads it: the API's payload plus the worker's own bookkeeping,
 * written back with job.updateData (the API adds jobs without BullMQ attempts; retries are counted here).
 */
export const outboundJobSchema = z.looseObject({
  messageId: z.string().min(1),
  tenantId: z.string().min(1),
  whatsappAccountId: z.string().min(1),
  phoneNumberId: z.string().min(1),
  messagesPerSecond: z.number().positive(),
  accessTokenSealed: z.string().min(1),
  body: z.record(z.string(), z.unknown()),
  /** Transient failures so far (5xx, timeouts, 130429, …). */
  sendAttempts: z.int().min(0).optional(),
  /** Pair rate limit (131056) refusals so far: each one doubles this recipient's delay. */
  pairAttempts: z.int().min(0).optional(),
  /** Spam rate limit (131048) refusals so far: each one slows the number down and waits longer. */
  spamAttempts: z.int().min(0).optional(),
  /** Set once Meta accepted the send, so a crash before the result is reported does not send twice. */
  acceptedWamid: z.string().optional(),
});

export type OutboundJobData = OutboundMessageJob & {
  sendAttempts?: number;
  pairAttempts?: number;
  spamAttempts?: number;
  acceptedWamid?: string;
};

/** A `mark-read` job on `outbound-messages`: the API's payload plus the retries counted so far. */
export const markReadJobSchema = z.looseObject({
  tenantId: z.string().min(1),
  conversationId: z.string().min(1),
  messageId: z.string().min(1),
  wamid: z.string().min(1),
  whatsappAccountId: z.string().min(1),
  phoneNumberId: z.string().min(1),
  messagesPerSecond: z.number().positive(),
  accessTokenSealed: z.string().min(1),
  /** Refusals so far that are worth another try (transient, rate limits). */
  attempts: z.int().min(0).optional(),
});

export type MarkReadJobData = MarkReadJob & { attempts?: number };
