import { LOGIN_LIMIT_PER_ACCOUNT, LOGIN_LIMIT_PER_IP } from '@aerostic/shared';
import { Redis } from 'ioredis';
import { AttemptCounter, throwIfBlocked } from './attempt-counter';

/**
 * Failed sign-ins of one kind of account (tenant users, platform admins), counted per IP and per account. Each kind
 * has counters of its own (`scope`), so that failures on one sign-in form never lock the other out.
 */
export class LoginAttempts {
  private readonly byIp: AttemptCounter;
  private readonly byAccount: AttemptCounter;

  constructor(redis: Redis, scope: string) {
    this.byIp = new AttemptCounter(redis, `${scope}-fail-ip`, LOGIN_LIMIT_PER_IP);
    this.byAccount = new AttemptCounter(redis, `${scope}-fail-account`, LOGIN_LIMIT_PER_ACCOUNT);
  }

  /** Throws TooManyAttemptsError when either counter is already used up. */
  async assertAllowed(ip: string, account: string): Promise<void> {
    throwIfBlocked(await Promise.all([this.byIp.blockedForMs(ip), this.byAccount.blockedForMs(account)]));
  }

  async recordFailure(ip: string, account: string): Promise<void> {
    await Promise.all([this.byIp.record(ip), this.byAccount.record(account)]);
  }

  async recordSuccess(account: string): Promise<void> {
    await this.byAccount.clear(account);
  }
}
