import { ReplyError } from 'ioredis';
import { DomainError } from '../http/domain-error';

/**
 * Redis, which holds revoked sessions, sign-in counters and the queues, cannot be reached. The request answers 503
 * with Retry-After rather than 500 (nothing is wrong with it) or 401 (the session may be fine: the dashboard must
 * not sign the user out).
 */
export class RedisUnavailableError extends DomainError {
  readonly kind = 'unavailable';
  override readonly retryAfterSeconds = 5;

  constructor() {
    super('Aerostic is briefly unavailable: its session and queue store cannot be reached. Try again in a moment');
  }
}

/**
 * What to throw for a failed Redis command: Redis's own error answer as it is (a bug to report as such), anything
 * else (the connection is down, the retries ran out) as RedisUnavailableError.
 */
export function redisFailure(err: unknown): unknown {
  return err instanceof ReplyError ? err : new RedisUnavailableError();
}

/** Awaits a Redis command, turning a lost connection into RedisUnavailableError. */
export async function reachRedis<T>(command: Promise<T>): Promise<T> {
  try {
    return await command;
  } catch (err) {
    throw redisFailure(err);
  }
}
