import 'server-only';
import { cookies, headers } from 'next/headers';
import { AUTH_COOKIE_NAME } from '@aerostic/shared';
import { type ApiMethod, type ApiResult, callApi, forwardedClientHeaders } from '@aerostic/shared/web';
import { getEnv } from './env';

export interface ApiRequest {
  method?: ApiMethod;
  body?: unknown;
  /** Bearer token to send; `undefined` reads the session cookie, `null` sends none (login, register). */
  token?: string | null;
  /** Sent as `Idempotency-Key`: the API answers a repeated request with its first result instead of acting twice. */
  idempotencyKey?: string;
  /** Further request headers (the known-device token at sign-in). */
  headers?: Record<string, string>;
}

/**
 * Calls the Aerostic API from the server as the signed-in user, with the browser's client headers. Never throws
 * for HTTP errors: callers decide what a 401, 409 or 429 means for the page or form they render.
 */
export async function apiFetch<T>(
  path: string,
  { method = 'GET', body, token, idempotencyKey, headers: more }: ApiRequest = {},
): Promise<ApiResult<T>> {
  const bearer = token === undefined ? (await cookies()).get(AUTH_COOKIE_NAME)?.value : (token ?? undefined);
  const extra = { ...forwardedClientHeaders(await headers()), ...more };
  if (idempotencyKey) extra['idempotency-key'] = idempotencyKey;
  return callApi<T>(getEnv().API_INTERNAL_URL, path, { method, body, bearer, headers: extra });
}
