import { queuePrefix } from '@aerostic/shared';
import { redisConnectionOptions, redisRetryStrategy } from '@aerostic/shared/node';
import { type ConnectionOptions } from 'bullmq';
import { type AppConfig } from '../config/app-config';

interface QueueOptions {
  connection: ConnectionOptions;
  prefix: string;
}

function options(config: AppConfig, failFast: boolean): QueueOptions {
  return {
    connection: {
      ...redisConnectionOptions(config.REDIS_URL, config.REDIS_CA_FILE),
      // A command in flight when the connection drops: retried once after a reconnection attempt, or failed.
      maxRetriesPerRequest: failFast ? 1 : null,
      enableOfflineQueue: !failFast,
      enableReadyCheck: false,
      // After a Redis restart every connection is back within 2 s; BullMQ's own default backs off to 20 s.
      retryStrategy: redisRetryStrategy,
    },
    prefix: queuePrefix(config.REDIS_PREFIX),
  };
}

/**
 * Options for a BullMQ Queue or Worker. BullMQ opens, and closes, its own connection from them (a connection
 * passed in as an instance would be left open). Workers block on it, so requests never time out, and wait for
 * Redis to come back.
 */
export function queueOptions(config: AppConfig): QueueOptions {
  return options(config, false);
}

/**
 * Options for a BullMQ Queue that a request adds to: no offline queue and one retry, so the request answers 503
 * rather than outwait its caller and run the job anyway (docs/adr/0017-request-path-queues-fail-fast.md). A retried
 * add that Redis had already stored is harmless: the producers give their jobs ids.
 */
export function producerQueueOptions(config: AppConfig): QueueOptions {
  return options(config, true);
}
