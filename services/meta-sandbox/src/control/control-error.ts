import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';

/** An error of the control API, answered as `{ statusCode, error, message }` like the platform's own API. */
export class ControlError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'ControlError';
  }
}

/** Validates a body, query or params; a 400 names every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'body'): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || what}: ${issue.message}`);
  throw new ControlError(400, problems.join('; '));
}

export function controlErrorHandler(
  error: FastifyError | ControlError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const statusCode = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
  if (statusCode >= 500) request.log.error({ err: error }, 'control route failed');
  const message =
    statusCode >= 500 && !(error instanceof ControlError) ? 'Internal error; see the sandbox log' : error.message;
  void reply.status(statusCode).send({ statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message });
}
