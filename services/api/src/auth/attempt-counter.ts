import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { reachRedis, redisFailure } from '../common/redis/redis-unavailable';
import { TooManyAttemptsError } from './auth.errors';

export interface AttemptLimit {
  points: number;
  durationSeconds: number;
}

/**
 * Attempts per key (an IP, an account) counted in Redis, so every API instance shares the counters. Once used up, the
 * key is blocked for the whole window. Without Redis the caller gets RedisUnavailableError (503): a counter cannot be
 * skipped, or an outage would lift the limit.
 */
export class AttemptCounter {
  private readonly limiter: RateLimiterRedis;

  constructor(
    redis: Redis,
    keyPrefix: string,
    private readonly limit: AttemptLimit,
  ) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix,
      points: limit.points,
      duration: limit.durationSeconds,
      blockDuration: limit.durationSeconds,
    });
  }

  /** Milliseconds until the key may try again; 0 while it may. */
  async blockedForMs(key: string): Promise<number> {
    const state = await reachRedis(this.limiter.get(key));
    return state !== null && state.consumedPoints >= this.limit.points ? state.msBeforeNext : 0;
  }

  /**
   * Takes one attempt in a single Redis increment and answers the wait when none was left (0 when taken), so parallel
   * callers can never take more than the limit between a check and a count.
   */
  async take(key: string): Promise<number> {
    try {
      await this.limiter.consume(key);
      return 0;
    } catch (err) {
      // A used-up counter rejects with its state; anything else is Redis failing.
      if (err instanceof RateLimiterRes) return Math.max(1, err.msBeforeNext);
      throw redisFailure(err);
    }
  }

  async record(key: string): Promise<void> {
    await this.take(key);
  }

  /** Gives back an attempt taken by `take` that turned out to be a success. */
  async giveBack(key: string): Promise<void> {
    await reachRedis(this.limiter.reward(key, 1));
  }

  async clear(key: string): Promise<void> {
    await reachRedis(this.limiter.delete(key));
  }
}

/** Throws TooManyAttemptsError with the longest of the waits, when any is left. */
export function throwIfBlocked(waitsMs: readonly number[], attempts?: string): void {
  const waitMs = Math.max(0, ...waitsMs);
  if (waitMs > 0) throw new TooManyAttemptsError(Math.ceil(waitMs / 1000), attempts);
}
