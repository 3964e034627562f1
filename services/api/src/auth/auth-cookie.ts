import { AUTH_COOKIE_NAME, KNOWN_DEVICE_COOKIE_NAME } from '@aerostic/shared';
import { type CookieOptions, type Response } from 'express';
import { type AppConfig } from '../common/config/app-config';
import { KNOWN_DEVICE_TTL_SECONDS } from './known-devices';

/** HttpOnly so scripts never see the token; Secure whenever the dashboard is served over https; host-only. */
export function authCookieOptions(config: AppConfig): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.APP_URL.startsWith('https:'),
    path: '/',
  };
}

export function setAuthCookie(res: Response, token: string, config: AppConfig): void {
  res.cookie(AUTH_COOKIE_NAME, token, { ...authCookieOptions(config), maxAge: config.JWT_EXPIRES_IN_SECONDS * 1000 });
}

export function clearAuthCookie(res: Response, config: AppConfig): void {
  res.clearCookie(AUTH_COOKIE_NAME, authCookieOptions(config));
}

/** The known-device token of a successful sign-in (docs/adr/0169), kept as long as the token is valid. */
export function setKnownDeviceCookie(res: Response, token: string, config: AppConfig): void {
  res.cookie(KNOWN_DEVICE_COOKIE_NAME, token, {
    ...authCookieOptions(config),
    maxAge: KNOWN_DEVICE_TTL_SECONDS * 1000,
  });
}
