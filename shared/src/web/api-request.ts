import { type ApiError, toApiErrorBody, unreachableApiError } from './api-error';

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiError };

/** Next.js reads `cache` on its own fetch: an API answer is never kept between requests. */
export type NextFetchInit = RequestInit & { cache?: 'no-store' };

export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiCall {
  method?: ApiMethod;
  body?: unknown;
  /** Sent as `Authorization: Bearer`. */
  bearer?: string;
  /** Extra request headers (forwarded client headers, an idempotency key). */
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * Headers a frontend's server passes on from the browser's request: the API rate-limits sign-ins per client IP
 * and records it in audit logs, and nginx's request id ties the API's log lines to the page's.
 */
export const FORWARDED_CLIENT_HEADERS = ['x-forwarded-for', 'x-real-ip', 'user-agent', 'x-request-id'] as const;

export function forwardedClientHeaders(incoming: { get(name: string): string | null }): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of FORWARDED_CLIENT_HEADERS) {
    const value = incoming.get(name);
    if (value) picked[name] = value;
  }
  return picked;
}

/**
 * Calls the Aerostic API from a frontend's server. Never throws for HTTP errors: callers decide what a 401, 409 or
 * 429 means for the page or form they render; an unreachable API reads as a 503 with a sentence to show.
 */
export async function callApi<T>(
  baseUrl: string,
  path: string,
  { method = 'GET', body, bearer, headers = {}, timeoutMs = 15_000 }: ApiCall = {},
): Promise<ApiResult<T>> {
  const requestHeaders = new Headers({ ...headers, accept: 'application/json' });
  if (bearer) requestHeaders.set('authorization', `Bearer ${bearer}`);
  if (body !== undefined) requestHeaders.set('content-type', 'application/json');

  let response: Response;
  try {
    const init: NextFetchInit = {
      method,
      headers: requestHeaders,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      signal: AbortSignal.timeout(timeoutMs),
    };
    response = await fetch(`${baseUrl.replace(/\/+$/, '')}${path}`, init);
  } catch (error) {
    console.error(`API ${method} ${path} failed:`, error);
    return { ok: false, status: 503, error: unreachableApiError() };
  }

  const json = parseJsonOrText(await response.text());
  if (response.ok) {
    // The API is ours and its response types live in @aerostic/shared; 204 answers carry no body.
    return { ok: true, status: response.status, data: json as T };
  }
  return { ok: false, status: response.status, error: toApiErrorBody(response.status, response.statusText, json) };
}

/** A response body as JSON, or as the text it was when it is not JSON (an HTML error page from a proxy). */
export function parseJsonOrText(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
