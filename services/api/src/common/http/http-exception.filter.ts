import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { type ApiErrorBody, fieldsOfIssues } from '@aerostic/shared';
import { type Request, type Response } from 'express';
import { ZodValidationException } from 'nestjs-zod';
import { type ZodError } from 'zod';
import { DomainError, type DomainErrorKind } from './domain-error';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  gone: HttpStatus.GONE,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  unsupported_type: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  limit_reached: HttpStatus.PAYMENT_REQUIRED,
};

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The members every error body has; a domain error's extra members cannot replace them. */
const RESERVED: ReadonlySet<string> = new Set(['statusCode', 'error', 'message', 'fields', 'requestId']);

function withoutReserved(extra: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(extra ?? {}).filter(([key]) => !RESERVED.has(key)));
}

interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
}

/** The one place where errors become HTTP answers: `{ statusCode, error, message }`. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const body = this.toBody(exception);
    body.requestId = typeof req.id === 'string' ? req.id : undefined;
    if (exception instanceof DomainError && exception.retryAfterSeconds !== undefined) {
      res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    if (body.statusCode >= 500) this.logger.error({ err: exception, requestId: body.requestId }, 'Unhandled error');
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof ZodValidationException) {
      const fields = fieldsOfIssues((exception.getZodError() as ZodError).issues);
      const summary = Object.entries(fields)
        .map(([field, message]) => (field === '_' ? message : `${field}: ${message}`))
        .join('; ');
      return { ...this.base(400), message: `Validation failed: ${summary}`, fields };
    }
    if (exception instanceof DomainError) {
      const status = STATUS_BY_KIND[exception.kind];
      return {
        ...withoutReserved(exception.extra),
        ...this.base(status),
        ...(exception.errorName !== undefined && { error: exception.errorName }),
        message: exception.message,
        ...(exception.fields && { fields: exception.fields }),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : typeof response === 'object' && response !== null && 'message' in response
            ? String((response as { message: unknown }).message)
            : exception.message;
      return { ...this.base(status), message };
    }
    const parserError = exception as BodyParserError | null;
    if (parserError?.type === 'entity.parse.failed') {
      return { ...this.base(400), message: 'The request body is not valid JSON' };
    }
    if (parserError?.type === 'entity.too.large') {
      return { ...this.base(413), message: 'The request body is too large' };
    }
    return { ...this.base(500), message: 'Something went wrong on our side; it has been logged' };
  }

  private base(statusCode: number): ApiErrorBody {
    return { statusCode, error: REASONS[statusCode] ?? 'Error', message: '' };
  }
}
