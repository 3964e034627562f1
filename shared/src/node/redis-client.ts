import { Redis } from 'ioredis';
import type { Logger } from 'pino';

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
    // Keep reconnecting in the background (at most every 2 s) so the worker recovers on its own.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // Log transitions only: ioredis emits an error on every reconnect attempt.
  let down = false;
  redis.on('error', (err: Error) => {
    if (down) return;
    down = true;
    logger.warn({ err: err.message }, 'redis unreachable');
  });
  redis.on('ready', () => {
    if (down) logger.info('redis reachable again');
    down = false;
  });
  return redis;
}
