import 'server-only';
import { cookies, headers } from 'next/headers';
import { AUTH_COOKIE_NAME, type ApiErrorBody } from '@aerostic/shared';
import { getEnv } from './env';
import { toApiErrorBody, unreachableApiError } from './api-error';

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiErrorBody };

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Bearer token to send; `undefined` reads the session cookie, `null` sends none (login, register). */
  token?: string | null;
  /** Sent as `Idempotency-Key`: the API answers a repeated request with its first result instead of acting twice. */
  idempotencyKey?: string;
}

const TIMEOUT_MS = 15_000;

/**
 * Calls the Aerostic API from the server. Never throws for HTTP errors: callers decide what a 401, 409 or 429
 * means for the page or form they render.
 */
export async function apiFetch<T>(
  path: string,
  { method = 'GET', body, token, idempotencyKey }: ApiRequest = {},
): Promise<ApiResult<T>> {
  const bearer = token === undefined ? (await cookies()).get(AUTH_COOKIE_NAME)?.value : (token ?? undefined);
  const requestHeaders = new Headers({ accept: 'application/json' });
  if (bearer) requestHeaders.set('authorization', `Bearer ${bearer}`);
  if (body !== undefined) requestHeaders.set('content-type', 'application/json');
  if (idempotencyKey) requestHeaders.set('idempotency-key', idempotencyKey);
  await forwardClientHeaders(requestHeaders);

  let response: Response;
  try {
    response = await fetch(`${getEnv().API_INTERNAL_URL.replace(/\/+$/, '')}${path}`, {
      method,
      headers: requestHeaders,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    console.error(`API ${method} ${path} failed:`, error);
    return { ok: false, status: 503, error: unreachableApiError() };
  }

  const text = await response.text();
  const json = parseJson(text);
  if (response.ok) {
    // The API is ours and its response types live in @aerostic/shared; 204 answers carry no body.
    return { ok: true, status: response.status, data: json as T };
  }
  return { ok: false, status: response.status, error: toApiErrorBody(response.status, response.statusText, json) };
}

/**
 * The API rate-limits logins per client IP and records it in audit logs; without these headers every request
 * would look like it came from this server. nginx's request id ties the API's log lines to the page's.
 */
async function forwardClientHeaders(target: Headers): Promise<void> {
  const incoming = await headers();
  for (const name of ['x-forwarded-for', 'x-real-ip', 'user-agent', 'x-request-id']) {
    const value = incoming.get(name);
    if (value) target.set(name, value);
  }
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
