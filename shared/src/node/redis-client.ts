import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** Reconnection delay after a lost connection: every 200 ms at first, then at most every 2 s. */
export function redisRetryStrategy(attempt: number): number {
  return Math.min(attempt * 200, 2_000);
}

/** What `logRedisTransitions` needs of a logger (pino's and Nest's both fit). */
export interface TransitionLogger {
  warn(obj: object, msg: string): void;
  info(msg: string): void;
}

/**
 * Logs when the connection is lost and when it is back, once each: ioredis emits an error at every reconnection
 * attempt, which would be one line every 2 s for the whole outage.
 */
export function logRedisTransitions(redis: Redis, logger: TransitionLogger, label = 'redis'): void {
  let down = false;
  redis.on('error', (err: Error) => {
    if (down) return;
    down = true;
    logger.warn({ err: err.message }, `${label} unreachable`);
  });
  redis.on('ready', () => {
    if (down) logger.info(`${label} reachable again`);
    down = false;
  });
}

/**
 * A Redis client that fails fast while Redis is down instead of buffering commands, so that callers (health
 * checks, the webhook enqueue) can answer 503 at once and let the sender retry. BullMQ workers need their own
 * connection with maxRetriesPerRequest: null.
 */
export function createRedisClient(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    // ioredis arms this timer on disconnect() even when the socket is already closed; keep it short.
    disconnectTimeout: 200,
    // Keep reconnecting in the background so the worker recovers on its own.
    retryStrategy: redisRetryStrategy,
  });
  logRedisTransitions(redis, logger);
  return redis;
}
