import { type Logger, pino } from 'pino';

/**
 * Log paths that may hold a secret, for pino's `redact`: an ioredis error carries the command Redis answered,
 * and when that is AUTH or HELLO its arguments are the user and password of REDIS_URL.
 */
export const SECRET_LOG_PATHS: readonly string[] = ['*.command.args'];

/** A worker's JSON logger: every line names the service, and no line carries a secret. */
export function createServiceLogger(service: string, level: string): Logger {
  return pino({ level, base: { service }, redact: { paths: [...SECRET_LOG_PATHS], censor: '[redacted]' } });
}
