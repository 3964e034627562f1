import type { ApiErrorBody } from '../types/api';
import type { PlanLimitWayOut } from '../types/billing';

/** An error as the frontends keep it: the API's body, with the way out a plan's limit (402) names, when it does. */
export interface ApiError extends ApiErrorBody {
  wayOut?: PlanLimitWayOut;
}

/** Turns whatever an error response carried into the API's documented error shape. */
export function toApiErrorBody(status: number, statusText: string, body: unknown): ApiError {
  const fallback = `The request failed (${status}${statusText ? ` ${statusText}` : ''}). Try again in a moment.`;
  if (typeof body !== 'object' || body === null) return { statusCode: status, error: statusText, message: fallback };
  const record = body as Record<string, unknown>;
  const message = Array.isArray(record.message)
    ? record.message.filter((m): m is string => typeof m === 'string').join('; ')
    : typeof record.message === 'string'
      ? record.message
      : '';
  return {
    statusCode: typeof record.statusCode === 'number' ? record.statusCode : status,
    error: typeof record.error === 'string' ? record.error : statusText,
    message: message || fallback,
    fields: toFields(record.fields),
    wayOut: toWayOut(record),
  };
}

/**
 * The upgrade a `402` offers (`upgrade`, `billingUrl`). Only a same-site path or an http(s) URL is kept, since the
 * frontends render it as a link.
 */
export function toWayOut(record: Record<string, unknown>): PlanLimitWayOut | undefined {
  const url = record.billingUrl;
  if (typeof url !== 'string' || !/^(https?:\/\/|\/(?![/\\]))/i.test(url)) return undefined;
  const upgrade = record.upgrade;
  if (typeof upgrade !== 'object' || upgrade === null) return { upgrade: null, billingUrl: url };
  const { planId, code, name } = upgrade as Record<string, unknown>;
  const named = typeof planId === 'string' && typeof code === 'string' && typeof name === 'string';
  return { upgrade: named ? { planId, code, name } : null, billingUrl: url };
}

function toFields(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entries = Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

export function unreachableApiError(): ApiErrorBody {
  return {
    statusCode: 503,
    error: 'Service Unavailable',
    message: 'Aerostic cannot reach its server right now. Try again in a minute.',
  };
}

/** Thrown by pages when the API answers with an error that the page cannot render around. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(`API answered ${status}: ${body.message}`);
    this.name = 'ApiRequestError';
  }
}
