import { Inject, Injectable } from '@nestjs/common';
import {
  EMAIL_VERIFICATION_RESEND_LIMIT,
  INVITATION_LIMIT_PER_IP,
  PASSWORD_RESET_LIMIT_PER_EMAIL,
  PASSWORD_RESET_LIMIT_PER_IP,
  REGISTER_LIMIT_PER_IP,
} from '@aerostic/shared';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { REDIS } from '../common/redis/redis.module';
import { AttemptCounter, throwIfBlocked } from './attempt-counter';
import { InvitationInvalidError } from './auth.errors';
import { type LoginAttempt, LoginAttempts } from './login-attempts';

/**
 * Limits of the routes that take no token: failed sign-ins per IP and account (tenant users' and platform admins'
 * apart), every sign-up per IP (each spends a password hash), invalid invitation links per IP, workspace and admin
 * invitations alike (valid ones never count, so one office's team is never slowed).
 * Over a limit 429 with Retry-After, 503 without Redis; see docs/adr/0102-sign-up-and-invitation-limits.md.
 */
@Injectable()
export class AuthRateLimiter {
  private readonly logins: LoginAttempts;
  /** Platform admins' sign-ins (`/admin/auth/login`): the same limits, on counters of their own. */
  readonly adminLogins: LoginAttempts;
  private readonly signupsByIp: AttemptCounter;
  private readonly invalidInvitationsByIp: AttemptCounter;
  private readonly resetsByIp: AttemptCounter;
  private readonly resetsByEmail: AttemptCounter;
  private readonly verificationResends: AttemptCounter;

  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    this.logins = new LoginAttempts(redis, 'login');
    this.adminLogins = new LoginAttempts(redis, 'admin-login');
    this.signupsByIp = new AttemptCounter(redis, 'register-ip', {
      ...REGISTER_LIMIT_PER_IP,
      points: config.REGISTRATIONS_PER_IP_PER_HOUR,
    });
    this.invalidInvitationsByIp = new AttemptCounter(redis, 'invitation-fail-ip', INVITATION_LIMIT_PER_IP);
    this.resetsByIp = new AttemptCounter(redis, 'password-reset-ip', PASSWORD_RESET_LIMIT_PER_IP);
    this.resetsByEmail = new AttemptCounter(redis, 'password-reset-email', PASSWORD_RESET_LIMIT_PER_EMAIL);
    this.verificationResends = new AttemptCounter(redis, 'verification-resend', EMAIL_VERIFICATION_RESEND_LIMIT);
  }

  /**
   * Counts every reset request, for known and unknown addresses alike (so the answer tells nothing), per IP and per
   * address: a mailbox is never flooded. Over either limit TooManyAttemptsError.
   */
  async consumePasswordReset(ip: string, email: string): Promise<void> {
    const waits = await Promise.all([this.resetsByIp.blockedForMs(ip), this.resetsByEmail.blockedForMs(email)]);
    throwIfBlocked(waits, 'password reset requests');
    await Promise.all([this.resetsByIp.record(ip), this.resetsByEmail.record(email)]);
  }

  /** A member asking for the verification mail again, counted per user. */
  async consumeVerificationResend(userId: string): Promise<void> {
    throwIfBlocked([await this.verificationResends.blockedForMs(userId)], 'verification mails');
    await this.verificationResends.record(userId);
  }

  /** Takes a sign-in attempt (see LoginAttempts); throws TooManyAttemptsError when a counter is used up. */
  beginLogin(ip: string, email: string, deviceId: string | null): Promise<LoginAttempt> {
    return this.logins.begin(ip, email, deviceId);
  }

  loginFailed(attempt: LoginAttempt): Promise<void> {
    return this.logins.failed(attempt);
  }

  loginSucceeded(attempt: LoginAttempt): Promise<void> {
    return this.logins.succeeded(attempt);
  }

  /** Throws TooManyAttemptsError when the IP's sign-ups are used up, and otherwise counts this one. */
  async consumeSignup(ip: string): Promise<void> {
    throwIfBlocked([await this.signupsByIp.blockedForMs(ip)], 'sign-ups from this network');
    await this.signupsByIp.record(ip);
  }

  /**
   * The usable invitation an invitation link names (`find` looks it up by the link's token). A link that names none
   * counts against the caller's IP and answers InvitationInvalidError.
   */
  async findInvitation<T>(ip: string, find: () => Promise<T | null>): Promise<T> {
    throwIfBlocked([await this.invalidInvitationsByIp.blockedForMs(ip)], 'invalid invitation links from this network');
    const invitation = await find();
    if (invitation) return invitation;
    await this.invalidInvitationsByIp.record(ip);
    throw new InvitationInvalidError();
  }
}
