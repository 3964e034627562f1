import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { redisConnectionOptions } from './connection-tls';

/** Reconnection delay after a lost connection: every 200 ms at first, then at most every 2 s. */
export function redisRetryStrategy(attempt: number): number {
  return Math.min(attempt * 200, 2_000);
}

/** What `logRedisTransitions` needs of a logger (pino's and Nest's both fit). */
export interface TransitionLogger {
  warn(obj: object, msg: string): void;
  info(msg: string): void;
}

/** Where a client connects, as a URL whose password is hidden: what a log line may show of REDIS_URL. */
function redisTarget(redis: Redis): string {
  const { username, password, host, port, db, tls } = redis.options;
  const credentials = username || password ? `${username ?? ''}${password ? ':***' : ''}@` : '';
  return `${tls ? 'rediss' : 'redis'}://${credentials}${host ?? 'localhost'}:${port ?? 6379}${db ? `/${db}` : ''}`;
}

/** Redis's replies to missing or wrong credentials (ACL users, requirepass, and Redis 5's wording). */
const AUTH_ERROR = /^(WRONGPASS|NOAUTH)\b|invalid password|invalid username-password/i;

const URL_FORMS = 'redis://:PASSWORD@host:port, or redis://USER:PASSWORD@host:port for an ACL user';

/** Whether Redis refused the client's credentials, which no reconnection will fix. */
function isRedisAuthError(err: Error): boolean {
  return AUTH_ERROR.test(err.message);
}

/** Why the client cannot work, naming REDIS_URL when the fault is in it (never its password). */
export function describeRedisError(redis: Redis, err: Error): string {
  if (!isRedisAuthError(err)) return err.message;
  const { username, password } = redis.options;
  const target = redisTarget(redis);
  if (!username && !password) {
    return `Redis at ${target} requires a password and REDIS_URL has none (${err.message}); write it as ${URL_FORMS}`;
  }
  const given = username ? `user "${username}" and password` : 'password';
  return `Redis at ${target} refused the ${given} in REDIS_URL (${err.message}); check them (${URL_FORMS})`;
}

/** Redis refused the credentials of REDIS_URL; the message names it and never holds the password. */
export class RedisCredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisCredentialsError';
  }
}

/**
 * Resolves once Redis answers, or at the first error of an outage (services start without Redis and catch up
 * when it is back). Rejects when Redis refuses REDIS_URL's credentials: a running process cannot take a new
 * REDIS_URL, so it must not start (and BullMQ would retry a refused connection without pause).
 */
export function verifyRedisCredentials(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const settle = (err?: Error) => {
      redis.off('ready', settle);
      redis.off('error', settle);
      if (err && isRedisAuthError(err)) reject(new RedisCredentialsError(describeRedisError(redis, err)));
      else resolve();
    };
    redis.on('ready', settle);
    redis.on('error', settle);
  });
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
    const message = isRedisAuthError(err) ? `${label} refused the credentials in REDIS_URL` : `${label} unreachable`;
    logger.warn({ err: describeRedisError(redis, err) }, message);
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
export function createRedisClient(url: string, logger: Logger, caFile?: string): Redis {
  const redis = new Redis({
    ...redisConnectionOptions(url, caFile),
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
