import type { ApiErrorBody } from '../types/api';

/** Turns whatever an error response carried into the API's documented error shape. */
export function toApiErrorBody(status: number, statusText: string, body: unknown): ApiErrorBody {
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
  };
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
    readonly body: ApiErrorBody,
  ) {
    super(`API answered ${status}: ${body.message}`);
    this.name = 'ApiRequestError';
  }
}
