import { Inject, Injectable } from '@nestjs/common';
import { LOGIN_LIMIT_PER_ACCOUNT, LOGIN_LIMIT_PER_IP } from '@aerostic/shared';
import { Redis } from 'ioredis';
import { REDIS } from '../common/redis/redis.module';
import { AttemptCounter, throwIfBlocked } from './attempt-counter';

/**
 * Counts failed sign-ins per IP and per account. A success clears the account's counter; the IP's counter runs out
 * on its own. Without Redis, sign-in answers 503.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly byIp: AttemptCounter;
  private readonly byAccount: AttemptCounter;

  constructor(@Inject(REDIS) redis: Redis) {
    this.byIp = new AttemptCounter(redis, 'login-fail-ip', LOGIN_LIMIT_PER_IP);
    this.byAccount = new AttemptCounter(redis, 'login-fail-account', LOGIN_LIMIT_PER_ACCOUNT);
  }

  /** Throws TooManyAttemptsError when either counter is already used up. */
  async assertAllowed(ip: string, email: string): Promise<void> {
    throwIfBlocked(await Promise.all([this.byIp.blockedForMs(ip), this.byAccount.blockedForMs(email)]));
  }

  async recordFailure(ip: string, email: string): Promise<void> {
    await Promise.all([this.byIp.record(ip), this.byAccount.record(email)]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.byAccount.clear(email);
  }
}
