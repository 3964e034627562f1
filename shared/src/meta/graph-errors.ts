/**
 * What a sender does with Meta's error codes (../reference §5): retry with backoff, treat the number's token as
 * broken, delay only this recipient, or fail the message at once. Keyed on `code`, never on titles.
 */
export type ErrorAction = 'retry' | 'retry-recipient' | 'token-invalid' | 'fail';

const TRANSIENT = new Set([1, 2, 4, 80007, 130429, 131000, 131016, 131057, 133004]);
/** The pair rate limit: too many messages to the same recipient; other recipients are not affected. */
const PAIR_RATE = 131056;
const TOKEN = new Set([0, 190]);

/**
 * Meta's spam rate limit: the number itself sends too much (too many of its messages blocked or flagged). Meta
 * reports it as the answer to a send or, after accepting one, in the message's `failed` status; either way the
 * number must slow down for hours and never hot-retry (reference §5).
 */
export const SPAM_RATE_LIMIT = 131048;
/** After a spam rate limit the number's sends are spaced `factor` times wider for `durationMs`. */
export const SPAM_COOL_OFF = { factor: 10, durationMs: 60 * 60_000 } as const;

export function classifyGraphError(
  error: { code?: number; is_transient?: boolean } | null,
  httpStatus: number,
): ErrorAction {
  // No Graph error body: a network error, a timeout or a 5xx from a proxy; all worth another try.
  if (!error || error.code === undefined)
    return httpStatus === 0 || httpStatus >= 500 || httpStatus === 429 ? 'retry' : 'fail';
  if (error.code === PAIR_RATE) return 'retry-recipient';
  if (TOKEN.has(error.code)) return 'token-invalid';
  if (TRANSIENT.has(error.code) || error.is_transient === true) return 'retry';
  if (httpStatus >= 500) return 'retry';
  return 'fail';
}
