import { Inject, Injectable } from '@nestjs/common';
import { LOGIN_LIMIT_PER_ACCOUNT, LOGIN_LIMIT_PER_IP } from '@aerostic/shared';
import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { REDIS } from '../common/redis/redis.module';
import { reachRedis, redisFailure } from '../common/redis/redis-unavailable';
import { TooManyAttemptsError } from './auth.errors';

/**
 * Counts failed sign-ins per IP and per account in Redis, so every API instance shares the counters.
 * A success clears the account's counter; the IP's counter runs out on its own. Without Redis, sign-in answers 503:
 * the counters cannot be skipped, or an outage would lift the limit.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly byIp: RateLimiterRedis;
  private readonly byAccount: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: Redis) {
    this.byIp = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: 'login-fail-ip',
      points: LOGIN_LIMIT_PER_IP.points,
      duration: LOGIN_LIMIT_PER_IP.durationSeconds,
      blockDuration: LOGIN_LIMIT_PER_IP.durationSeconds,
    });
    this.byAccount = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: 'login-fail-account',
      points: LOGIN_LIMIT_PER_ACCOUNT.points,
      duration: LOGIN_LIMIT_PER_ACCOUNT.durationSeconds,
      blockDuration: LOGIN_LIMIT_PER_ACCOUNT.durationSeconds,
    });
  }

  /** Throws TooManyAttemptsError when either counter is already used up. */
  async assertAllowed(ip: string, email: string): Promise<void> {
    const [ipState, accountState] = await reachRedis(Promise.all([this.byIp.get(ip), this.byAccount.get(email)]));
    const blocked = [
      [ipState, LOGIN_LIMIT_PER_IP.points],
      [accountState, LOGIN_LIMIT_PER_ACCOUNT.points],
    ] as const;
    const retryAfterMs = Math.max(
      0,
      ...blocked
        .filter(([state, points]) => state !== null && state.consumedPoints >= points)
        .map(([state]) => state?.msBeforeNext ?? 0),
    );
    if (retryAfterMs > 0) throw new TooManyAttemptsError(Math.ceil(retryAfterMs / 1000));
  }

  async recordFailure(ip: string, email: string): Promise<void> {
    const results = await Promise.allSettled([this.byIp.consume(ip), this.byAccount.consume(email)]);
    for (const result of results) {
      // A used-up counter rejects with its state; anything else is Redis failing.
      if (result.status === 'rejected' && !(result.reason instanceof RateLimiterRes)) throw redisFailure(result.reason);
    }
  }

  async recordSuccess(email: string): Promise<void> {
    await reachRedis(this.byAccount.delete(email));
  }
}
