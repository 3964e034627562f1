import { Inject, Injectable } from '@nestjs/common';
import {
  INVITATION_LIMIT_PER_IP,
  LOGIN_LIMIT_PER_ACCOUNT,
  LOGIN_LIMIT_PER_IP,
  REGISTER_LIMIT_PER_IP,
} from '@aerostic/shared';
import { Redis } from 'ioredis';
import { REDIS } from '../common/redis/redis.module';
import { AttemptCounter, throwIfBlocked } from './attempt-counter';

/**
 * Limits of the routes that take no token: failed sign-ins per IP and account, every sign-up per IP (each spends a
 * password hash), invalid invitation links per IP (valid ones never count, so one office's team is never slowed).
 * Over a limit 429 with Retry-After, 503 without Redis; see docs/adr/0102-sign-up-and-invitation-limits.md.
 */
@Injectable()
export class AuthRateLimiter {
  private readonly failedLoginsByIp: AttemptCounter;
  private readonly failedLoginsByAccount: AttemptCounter;
  private readonly signupsByIp: AttemptCounter;
  private readonly invalidInvitationsByIp: AttemptCounter;

  constructor(@Inject(REDIS) redis: Redis) {
    this.failedLoginsByIp = new AttemptCounter(redis, 'login-fail-ip', LOGIN_LIMIT_PER_IP);
    this.failedLoginsByAccount = new AttemptCounter(redis, 'login-fail-account', LOGIN_LIMIT_PER_ACCOUNT);
    this.signupsByIp = new AttemptCounter(redis, 'register-ip', REGISTER_LIMIT_PER_IP);
    this.invalidInvitationsByIp = new AttemptCounter(redis, 'invitation-fail-ip', INVITATION_LIMIT_PER_IP);
  }

  /** Throws TooManyAttemptsError when either sign-in counter is already used up. */
  async assertLoginAllowed(ip: string, email: string): Promise<void> {
    throwIfBlocked(
      await Promise.all([this.failedLoginsByIp.blockedForMs(ip), this.failedLoginsByAccount.blockedForMs(email)]),
    );
  }

  async recordLoginFailure(ip: string, email: string): Promise<void> {
    await Promise.all([this.failedLoginsByIp.record(ip), this.failedLoginsByAccount.record(email)]);
  }

  async recordLoginSuccess(email: string): Promise<void> {
    await this.failedLoginsByAccount.clear(email);
  }

  /** Throws TooManyAttemptsError when the IP's sign-ups are used up, and otherwise counts this one. */
  async consumeSignup(ip: string): Promise<void> {
    throwIfBlocked([await this.signupsByIp.blockedForMs(ip)], 'sign-ups from this network');
    await this.signupsByIp.record(ip);
  }

  async assertInvitationAllowed(ip: string): Promise<void> {
    throwIfBlocked([await this.invalidInvitationsByIp.blockedForMs(ip)], 'invalid invitation links from this network');
  }

  async recordInvalidInvitation(ip: string): Promise<void> {
    await this.invalidInvitationsByIp.record(ip);
  }
}
