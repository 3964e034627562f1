import { ADMIN_COOKIE_NAME } from '@aerostic/shared';
import { type Response } from 'express';
import { authCookieOptions } from '../../auth/auth-cookie';
import { type AppConfig } from '../../common/config/app-config';
import { ADMIN_SESSION_SECONDS } from './admin-token.service';

/** The admin panel's session cookie: the tenant cookie's options, for as long as an admin token lasts. */
export function setAdminCookie(res: Response, token: string, config: AppConfig): void {
  res.cookie(ADMIN_COOKIE_NAME, token, { ...authCookieOptions(config), maxAge: ADMIN_SESSION_SECONDS * 1000 });
}

export function clearAdminCookie(res: Response, config: AppConfig): void {
  res.clearCookie(ADMIN_COOKIE_NAME, authCookieOptions(config));
}
