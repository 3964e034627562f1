import { AUTH_COOKIE_NAME } from '@aerostic/shared';
import { type CookieOptions, type Response } from 'express';
import { type AppConfig } from '../common/config/app-config';

/** HttpOnly so scripts never see the token; Secure whenever the dashboard is served over https. */
export function authCookieOptions(config: AppConfig): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.APP_URL.startsWith('https:'),
    path: '/',
    ...(config.COOKIE_DOMAIN && { domain: config.COOKIE_DOMAIN }),
  };
}

export function setAuthCookie(res: Response, token: string, config: AppConfig): void {
  res.cookie(AUTH_COOKIE_NAME, token, { ...authCookieOptions(config), maxAge: config.JWT_EXPIRES_IN_SECONDS * 1000 });
}

export function clearAuthCookie(res: Response, config: AppConfig): void {
  res.clearCookie(AUTH_COOKIE_NAME, authCookieOptions(config));
}
