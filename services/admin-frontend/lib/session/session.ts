import 'server-only';
import { cache } from 'react';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { ADMIN_COOKIE_NAME, type AdminMeResponse } from '@aerostic/shared';
import { ApiRequestError, sessionCookieOptions, sessionMaxAge } from '@aerostic/shared/web';
import { apiFetch } from '@/lib/api';
import { getEnv } from '@/lib/env';

export async function readSessionToken(): Promise<string | undefined> {
  return (await cookies()).get(ADMIN_COOKIE_NAME)?.value || undefined;
}

/**
 * Keeps the API's admin token in an HttpOnly cookie of the panel's own host (no shared domain: the tenant
 * dashboard never sees it). Server actions only.
 */
export async function startSession(token: string): Promise<void> {
  (await cookies()).set(ADMIN_COOKIE_NAME, token, {
    ...sessionCookieOptions(getEnv().ADMIN_URL),
    maxAge: sessionMaxAge(token),
  });
}

/** Expires the cookie with the attributes it was set with, or the browser would keep it. */
export async function endSession(): Promise<void> {
  (await cookies()).set(ADMIN_COOKIE_NAME, '', { ...sessionCookieOptions(getEnv().ADMIN_URL), maxAge: 0 });
}

/**
 * The signed-in admin, asked of the API once per render (layouts, pages and actions share it). The middleware
 * has already turned away a missing or refused session; one that ended since goes back to sign-in.
 */
export const getSession = cache(async (): Promise<AdminMeResponse> => {
  const token = await readSessionToken();
  if (!token) redirect('/login');
  const result = await apiFetch<AdminMeResponse>('/admin/auth/me', { token });
  if (result.ok) return result.data;
  if (result.status === 401 || result.status === 403) redirect('/login?reason=session-ended');
  throw new ApiRequestError(result.status, result.error);
});

export function isSuperAdmin(me: AdminMeResponse): boolean {
  return me.admin.role === 'super_admin';
}
