import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type Request } from 'express';
import { InvalidContactsCsvError } from './contacts.errors';

/** The raw text of a `Content-Type: text/csv` body (read by the text body parser in app.setup.ts). */
export const CsvBody = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest<Request>();
  if (!req.is('text/csv') || typeof req.body !== 'string') {
    throw new InvalidContactsCsvError('Send the CSV file itself as the request body, with Content-Type: text/csv');
  }
  return req.body;
});
