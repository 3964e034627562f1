import { Inject, Injectable } from '@nestjs/common';
import { INVITATION_LIMIT_PER_IP, REGISTER_LIMIT_PER_IP } from '@aerostic/shared';
import { Redis } from 'ioredis';
import { REDIS } from '../common/redis/redis.module';
import { AttemptCounter, throwIfBlocked } from './attempt-counter';

/** Sign-ups per IP. Each counts, successful or not: each spends a password hash and may create a workspace. */
@Injectable()
export class RegistrationRateLimiter {
  private readonly byIp: AttemptCounter;

  constructor(@Inject(REDIS) redis: Redis) {
    this.byIp = new AttemptCounter(redis, 'register-ip', REGISTER_LIMIT_PER_IP);
  }

  /** Throws TooManyAttemptsError when the IP's sign-ups are used up, and otherwise counts this one. */
  async consume(ip: string): Promise<void> {
    throwIfBlocked([await this.byIp.blockedForMs(ip)], 'sign-ups from this network');
    await this.byIp.record(ip);
  }
}

/**
 * Invalid invitation links per IP, previewed or accepted, as failed sign-ins are counted: a team accepting its
 * invitations from one office is never slowed, someone trying made-up links is.
 */
@Injectable()
export class InvitationRateLimiter {
  private readonly byIp: AttemptCounter;

  constructor(@Inject(REDIS) redis: Redis) {
    this.byIp = new AttemptCounter(redis, 'invitation-fail-ip', INVITATION_LIMIT_PER_IP);
  }

  async assertAllowed(ip: string): Promise<void> {
    throwIfBlocked([await this.byIp.blockedForMs(ip)], 'invalid invitation links from this network');
  }

  async recordFailure(ip: string): Promise<void> {
    await this.byIp.record(ip);
  }
}
