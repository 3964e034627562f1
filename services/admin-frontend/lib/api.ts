import 'server-only';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { ADMIN_COOKIE_NAME } from '@aerostic/shared';
import { type ApiMethod, type ApiResult, ApiRequestError, callApi, forwardedClientHeaders } from '@aerostic/shared/web';
import { getEnv } from './env';

export interface AdminApiRequest {
  method?: ApiMethod;
  body?: unknown;
  /** Bearer token to send; `undefined` reads the session cookie, `null` sends none (sign-in, invitations). */
  token?: string | null;
}

/**
 * Calls the admin API from the panel's server as the signed-in admin, with the browser's client headers (the
 * API limits sign-ins per client IP and audits it). Never throws for HTTP errors: forms show them.
 */
export async function apiFetch<T>(path: string, { method, body, token }: AdminApiRequest = {}): Promise<ApiResult<T>> {
  const bearer = token === undefined ? (await cookies()).get(ADMIN_COOKIE_NAME)?.value : (token ?? undefined);
  return callApi<T>(getEnv().API_INTERNAL_URL, path, {
    method,
    body,
    bearer,
    headers: forwardedClientHeaders(await headers()),
  });
}

/**
 * What a page renders: the answer's data. An ended session goes back to sign-in (the middleware then drops the
 * cookie); any other refusal reaches the segment's error boundary.
 */
export async function apiData<T>(path: string): Promise<T> {
  const result = await apiFetch<T>(path);
  if (result.ok) return result.data;
  if (result.status === 401) redirect('/login?reason=session-ended');
  throw new ApiRequestError(result.status, result.error);
}
