import 'server-only';
import { cache } from 'react';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { AUTH_COOKIE_NAME, KNOWN_DEVICE_COOKIE_NAME, type MeResponse } from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { ApiRequestError, sessionCookieOptions, sessionMaxAge } from '@aerostic/shared/web';
import { getEnv } from '@/lib/env';

/** Path of the route handler that drops a stale cookie; Server Components cannot change cookies themselves. */
export const CLEAR_SESSION_PATH = '/api/session/clear';
/** The API's known-device lifetime (services/api/src/auth/known-devices.ts). */
const KNOWN_DEVICE_MAX_AGE_SECONDS = 90 * 24 * 60 * 60;

export async function readSessionToken(): Promise<string | undefined> {
  return (await cookies()).get(AUTH_COOKIE_NAME)?.value || undefined;
}

/** Stores the API's token in the HttpOnly cookie. Server actions and route handlers only. */
export async function startSession(token: string): Promise<void> {
  const env = getEnv();
  (await cookies()).set(AUTH_COOKIE_NAME, token, {
    ...sessionCookieOptions(env.APP_URL),
    maxAge: sessionMaxAge(token),
  });
}

/** This browser's known-device token, which lets its owner sign in through an account lock (docs/adr/0169). */
export async function readKnownDevice(): Promise<string | undefined> {
  return (await cookies()).get(KNOWN_DEVICE_COOKIE_NAME)?.value || undefined;
}

/** Keeps the known-device token the API handed out at sign-in, as long as the API honours it. */
export async function rememberDevice(token: string): Promise<void> {
  (await cookies()).set(KNOWN_DEVICE_COOKIE_NAME, token, {
    ...sessionCookieOptions(getEnv().APP_URL),
    maxAge: KNOWN_DEVICE_MAX_AGE_SECONDS,
  });
}

/** Expires the cookie with the same attributes it was set with, or the browser would keep it. */
export async function endSession(): Promise<void> {
  const env = getEnv();
  (await cookies()).set(AUTH_COOKIE_NAME, '', { ...sessionCookieOptions(env.APP_URL), maxAge: 0 });
}

/**
 * The signed-in user and workspace, asked of the API once per request (layouts and pages share it).
 * No or stale token: off to /login. Refused workspace (suspended): the page that explains it.
 */
export const getSession = cache(async (): Promise<MeResponse> => {
  const token = await readSessionToken();
  if (!token) redirect('/login');
  const result = await apiFetch<MeResponse>('/auth/me', { token });
  if (result.ok) return result.data;
  if (result.status === 401) redirect(CLEAR_SESSION_PATH);
  if (result.status === 403) redirect('/suspended');
  throw new ApiRequestError(result.status, result.error);
});

export function isAdmin(me: MeResponse): boolean {
  return me.user.role === 'admin';
}
