import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { Clock } from '../common/clock/clock';

/** How long a device stays known after its last successful sign-in. */
export const KNOWN_DEVICE_TTL_SECONDS = 90 * 24 * 60 * 60;

/**
 * The known-device token a successful sign-in hands the browser: `<deviceId>.<expiry>.<mac>`, the MAC binding both to
 * the account, so a token is worth nothing for another account and cannot be forged without the server's secret.
 */
@Injectable()
export class KnownDevices {
  private readonly key: Buffer;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
  ) {
    // A key of its own, derived from the JWT secret, so a device token can never be mistaken for a session token.
    this.key = createHmac('sha256', config.JWT_SECRET).update('aerostic known-device v1').digest();
  }

  issue(account: string, deviceId: string = randomBytes(16).toString('base64url')): string {
    const expires = Math.floor(this.clock.now().getTime() / 1000) + KNOWN_DEVICE_TTL_SECONDS;
    return `${deviceId}.${expires}.${this.mac(account, deviceId, expires)}`;
  }

  /** The device id of a valid, unexpired token for this account; null for anything else. */
  verify(token: string | null | undefined, account: string): string | null {
    const [deviceId, expiresText, mac, extra] = (token ?? '').split('.');
    if (!deviceId || !expiresText || !mac || extra !== undefined || !/^\d+$/.test(expiresText)) return null;
    const expires = Number(expiresText);
    if (expires * 1000 <= this.clock.now().getTime()) return null;
    const expected = Buffer.from(this.mac(account, deviceId, expires));
    const given = Buffer.from(mac);
    return given.length === expected.length && timingSafeEqual(given, expected) ? deviceId : null;
  }

  private mac(account: string, deviceId: string, expires: number): string {
    return createHmac('sha256', this.key)
      .update(`${account.trim().toLowerCase()}\n${deviceId}\n${expires}`)
      .digest('base64url');
  }
}
