import { LOGIN_LIMIT_PER_ACCOUNT, LOGIN_LIMIT_PER_DEVICE, LOGIN_LIMIT_PER_IP } from '@aerostic/shared';
import { Redis } from 'ioredis';
import { AttemptCounter, throwIfBlocked } from './attempt-counter';

/** One sign-in attempt that was let through: settled once the password has been checked. */
export interface LoginAttempt {
  ip: string;
  account: string;
  /** The known device the attempt came from, when its cookie was valid for this account. */
  deviceId: string | null;
}

/**
 * Sign-in attempts of one kind of account (tenant users, platform admins), counted per IP and per account. Each kind
 * has counters of its own (`scope`), so that failures on one sign-in form never lock the other out. An attempt is
 * taken before the password is checked, in one Redis increment per counter, so parallel attempts cannot pass the
 * limit; a success gives it back. From a known device the device's own counter replaces the account's, so a locked
 * account still lets its owner in (docs/adr/0169-known-devices-pass-an-account-lock.md).
 */
export class LoginAttempts {
  private readonly byIp: AttemptCounter;
  private readonly byAccount: AttemptCounter;
  private readonly byDevice: AttemptCounter;

  constructor(redis: Redis, scope: string) {
    this.byIp = new AttemptCounter(redis, `${scope}-fail-ip`, LOGIN_LIMIT_PER_IP);
    this.byAccount = new AttemptCounter(redis, `${scope}-fail-account`, LOGIN_LIMIT_PER_ACCOUNT);
    this.byDevice = new AttemptCounter(redis, `${scope}-fail-device`, LOGIN_LIMIT_PER_DEVICE);
  }

  /** Takes an attempt from each counter; throws TooManyAttemptsError when any was used up. */
  async begin(ip: string, account: string, deviceId: string | null = null): Promise<LoginAttempt> {
    const accountCounter = deviceId === null ? this.byAccount.take(account) : this.byDevice.take(deviceId);
    throwIfBlocked(await Promise.all([this.byIp.take(ip), accountCounter]));
    return { ip, account, deviceId };
  }

  /** A wrong password from a known device still counts against the account, for attempts from elsewhere. */
  async failed(attempt: LoginAttempt): Promise<void> {
    if (attempt.deviceId !== null) await this.byAccount.record(attempt.account);
  }

  async succeeded(attempt: LoginAttempt): Promise<void> {
    await Promise.all([
      this.byIp.giveBack(attempt.ip),
      attempt.deviceId === null ? this.byAccount.clear(attempt.account) : this.byDevice.clear(attempt.deviceId),
    ]);
  }
}
