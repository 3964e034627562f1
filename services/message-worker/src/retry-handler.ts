import { classifyGraphError, type SendResultJob } from '@aerostic/shared';

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
  | { kind: 'retry'; reason: 'transient' | 'pair-rate'; delayMs: number }
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
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  pairBaseDelayMs: 6_000,
  pairMaxDelayMs: 5 * 60_000,
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

/**
 * Decides what to do with one reply, given the failures counted so far (reference §5): accept, retry later
 * (transient: backoff; pair rate: a growing delay for this recipient only), or report the failure.
 */
export function decideSend(
  reply: GraphReply,
  attempts: { send: number; pair: number },
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): SendDecision {
  const wamid = reply.httpStatus >= 200 && reply.httpStatus < 300 ? wamidOf(reply.body) : undefined;
  if (wamid !== undefined) return { kind: 'accepted', wamid };

  const error = errorOf(reply.body);
  const failure: FailedResult['error'] = {
    code: error?.code ?? reply.httpStatus,
    title: titleOf(error, reply),
    details: error?.error_data?.details ?? null,
  };
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
