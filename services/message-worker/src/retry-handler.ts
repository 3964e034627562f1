import { classifyGraphError, type SendResultJob, SPAM_COOL_OFF, SPAM_RATE_LIMIT } from '@aerostic/shared';

/** What Meta answered one send: the status (0 = no answer: network error or timeout) and the JSON body. */
export type GraphReply = { httpStatus: number; body: unknown };

export type GraphErrorBody = {
  code?: number;
  message?: string;
  is_transient?: boolean;
  error_data?: { details?: string };
};

type FailedResult = Extract<SendResultJob, { outcome: 'failed' | 'token-invalid' }>;

export type SendDecision =
  | { kind: 'accepted'; wamid: string }
  | { kind: 'retry'; reason: 'transient' | 'pair-rate' | 'spam-rate'; delayMs: number }
  | { kind: 'report'; outcome: FailedResult['outcome']; error: FailedResult['error'] };

export type RetryPolicy = {
  /** Transient failures tolerated before the message fails. */
  maxAttempts: number;
  /** First backoff; doubled per attempt with jitter, capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** First pair-rate (131056) delay: Meta allows one message per 6 s to one recipient. */
  pairBaseDelayMs: number;
  pairMaxDelayMs: number;
  /** First delay after a spam rate limit (131048); doubled per refusal, capped at spamMaxDelayMs. */
  spamBaseDelayMs: number;
  spamMaxDelayMs: number;
  /** 131048 refusals tolerated before the message fails. */
  spamMaxAttempts: number;
  /** After a 131048 the number's sends are spaced this many times wider, for spamCoolOffMs (each refusal renews it). */
  spamSlowdownFactor: number;
  spamCoolOffMs: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  pairBaseDelayMs: 6_000,
  pairMaxDelayMs: 5 * 60_000,
  // 1, 2, 4, 8, 16 then 30 minutes: about two and a half hours of retries before the message fails.
  spamBaseDelayMs: 60_000,
  spamMaxDelayMs: 30 * 60_000,
  spamMaxAttempts: 10,
  spamSlowdownFactor: SPAM_COOL_OFF.factor,
  spamCoolOffMs: SPAM_COOL_OFF.durationMs,
};

/** Exponential backoff with jitter: between half and all of base × 2^(attempt-1), capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

function errorOf(body: unknown): GraphErrorBody | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const { error } = body as { error: unknown };
  return typeof error === 'object' && error !== null ? (error as GraphErrorBody) : null;
}

function wamidOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('messages' in body)) return undefined;
  const { messages } = body as { messages: unknown };
  if (!Array.isArray(messages)) return undefined;
  const first: unknown = messages[0];
  if (typeof first !== 'object' || first === null || !('id' in first)) return undefined;
  const { id } = first as { id: unknown };
  return typeof id === 'string' ? id : undefined;
}

/** Meta's `message` is `(#<code>) <title>`: the title alone is what people read. */
function titleOf(error: GraphErrorBody | null, reply: GraphReply): string {
  if (error?.message) return error.message.replace(/^\(#\d+\)\s*/, '');
  return reply.httpStatus === 0 ? 'Meta did not answer' : `HTTP ${reply.httpStatus}`;
}

/** Meta's code, title and details of a refusal, as the API stores them on the message. */
function failureOf(reply: GraphReply): FailedResult['error'] {
  const error = errorOf(reply.body);
  return {
    code: error?.code ?? reply.httpStatus,
    title: titleOf(error, reply),
    details: error?.error_data?.details ?? null,
  };
}

/**
 * Decides what to do with one reply, given the failures counted so far (reference §5): accept, retry later
 * (transient: backoff; pair rate: a growing delay for this recipient only), or report the failure.
 */
export function decideSend(
  reply: GraphReply,
  attempts: { send: number; pair: number; spam?: number },
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): SendDecision {
  const wamid = reply.httpStatus >= 200 && reply.httpStatus < 300 ? wamidOf(reply.body) : undefined;
  if (wamid !== undefined) return { kind: 'accepted', wamid };

  const error = errorOf(reply.body);
  const failure = failureOf(reply);
  if (error?.code === SPAM_RATE_LIMIT) {
    const spam = attempts.spam ?? 0;
    if (spam + 1 >= policy.spamMaxAttempts) return { kind: 'report', outcome: 'failed', error: failure };
    return {
      kind: 'retry',
      reason: 'spam-rate',
      delayMs: Math.min(policy.spamMaxDelayMs, policy.spamBaseDelayMs * 2 ** spam),
    };
  }
  switch (classifyGraphError(error, reply.httpStatus)) {
    case 'retry-recipient':
      if (attempts.pair + 1 >= policy.maxAttempts) return { kind: 'report', outcome: 'failed', error: failure };
      return {
        kind: 'retry',
        reason: 'pair-rate',
        delayMs: Math.min(policy.pairMaxDelayMs, policy.pairBaseDelayMs * 2 ** attempts.pair),
      };
    case 'retry':
      if (attempts.send + 1 >= policy.maxAttempts) return { kind: 'report', outcome: 'failed', error: failure };
      return {
        kind: 'retry',
        reason: 'transient',
        delayMs: backoffDelay(attempts.send + 1, policy.baseDelayMs, policy.maxDelayMs),
      };
    case 'token-invalid':
      return { kind: 'report', outcome: 'token-invalid', error: failure };
    case 'fail':
      return { kind: 'report', outcome: 'failed', error: failure };
  }
}

export type MarkReadDecision =
  | { kind: 'done' }
  | { kind: 'retry'; reason: 'transient' | 'pair-rate' | 'spam-rate'; delayMs: number }
  | { kind: 'give-up'; error: FailedResult['error'] };

/** Tries of one mark-as-read call: blue ticks are worth a few tries, not the hours a message may wait. */
export const MARK_READ_MAX_ATTEMPTS = 5;

/**
 * The same rules for a mark-as-read call, whose success is `{ success: true }` rather than a wamid; one counter
 * serves every kind of retry, and gives up after MARK_READ_MAX_ATTEMPTS.
 */
export function decideMarkRead(
  reply: GraphReply,
  attempts: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): MarkReadDecision {
  const ok = reply.httpStatus >= 200 && reply.httpStatus < 300;
  if (ok && typeof reply.body === 'object' && reply.body !== null && 'success' in reply.body) {
    if ((reply.body as { success: unknown }).success === true) return { kind: 'done' };
  }
  const decision = decideSend(reply, { send: attempts, pair: attempts, spam: attempts }, policy);
  switch (decision.kind) {
    case 'accepted':
      return { kind: 'done' };
    case 'retry':
      return attempts + 1 >= MARK_READ_MAX_ATTEMPTS ? { kind: 'give-up', error: failureOf(reply) } : decision;
    case 'report':
      return { kind: 'give-up', error: decision.error };
  }
}
