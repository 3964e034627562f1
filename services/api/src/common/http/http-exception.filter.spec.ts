import { type ArgumentsHost } from '@nestjs/common';
import { DomainError, NotFoundError } from './domain-error';
import { HttpExceptionFilter } from './http-exception.filter';

/** What the filter wrote on the response. */
interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

/** Runs the filter on one error, with an Express-shaped request and response that record what it writes. */
function answer(exception: unknown): Answer {
  const written: Answer = { status: 0, body: {}, headers: {} };
  const res = {
    setHeader: (name: string, value: string) => (written.headers[name] = value),
    status(code: number) {
      written.status = code;
      return this;
    },
    json: (body: Record<string, unknown>) => (written.body = body),
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ id: 'req-1' }), getResponse: () => res }),
  } as unknown as ArgumentsHost;
  new HttpExceptionFilter().catch(exception, host);
  return written;
}

class QuotaError extends DomainError {
  readonly kind = 'limit_reached';
  override readonly errorName = 'quota_used_up';
  override readonly extra = {
    quota: { name: 'widgets', max: 3 },
    statusCode: 200,
    error: 'fine',
    message: 'all good',
    requestId: 'forged',
  };

  constructor() {
    super('No widgets left');
  }
}

describe(HttpExceptionFilter.name, () => {
  it('should answer 402 with the error’s code and its extra members when a limit is reached', () => {
    const { status, body } = answer(new QuotaError());

    expect(status).toBe(402);
    expect(body).toEqual({
      statusCode: 402,
      error: 'quota_used_up',
      message: 'No widgets left',
      quota: { name: 'widgets', max: 3 },
      requestId: 'req-1',
    });
  });

  it('should keep the reason phrase as `error` when a domain error has no code of its own', () => {
    const { status, body } = answer(new NotFoundError('Widget'));

    expect(status).toBe(404);
    expect(body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Widget not found', requestId: 'req-1' });
  });
});
