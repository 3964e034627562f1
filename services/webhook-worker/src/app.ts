import type { WebhookWorkerEnv } from '@aerostic/shared';
import type { Server } from 'node:http';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createMetaWebhookQueue, type DispatcherOptions, MetaWebhookDispatcher } from './dispatcher';
import { MetaWebhookHandler } from './meta-webhook';
import { createMetricsRegistry, createRedisClient, createWebhookMetrics } from '@aerostic/shared/node';
import type { Registry } from 'prom-client';
import { closeServer, createServer, listen } from './server';

export type WebhookWorkerConfig = Pick<
  WebhookWorkerEnv,
  'REDIS_URL' | 'REDIS_CA_FILE' | 'REDIS_PREFIX' | 'META_APP_SECRET' | 'META_VERIFY_TOKEN'
> &
  Partial<Pick<WebhookWorkerEnv, 'METRICS_TOKEN' | 'NODE_ENV'>>;

export interface WebhookWorker {
  server: Server;
  redis: Redis;
  /** The `meta-webhooks` queue the webhooks go to. */
  queue: Queue;
  dispatcher: MetaWebhookDispatcher;
  /** What `/metrics` answers. */
  registry: Registry;
  /** Resolves with the port bound (0 picks a free one). */
  listen(port: number): Promise<number>;
  /** Graceful shutdown: stop accepting, finish in-flight requests, write the pending batch, then close Redis. */
  close(): Promise<void>;
}

/** Wires the worker: one Redis connection serves the queue and the health check. It never touches a database. */
export function createWebhookWorker(
  config: WebhookWorkerConfig,
  logger: Logger,
  dispatcherOptions: Omit<DispatcherOptions, 'logger'> = {},
): WebhookWorker {
  const redis = createRedisClient(config.REDIS_URL, logger, config.REDIS_CA_FILE);
  const producer = createMetaWebhookQueue(redis, config.REDIS_PREFIX);
  const { queue } = producer;
  // BullMQ re-emits every connection error; the Redis client already logs the transitions once.
  queue.on('error', (err) => logger.debug({ err }, 'meta-webhooks queue error'));
  const dispatcher = new MetaWebhookDispatcher(producer, redis, { ...dispatcherOptions, logger });
  const registry = createMetricsRegistry('webhook-worker');
  const metaWebhook = new MetaWebhookHandler({
    dispatcher,
    appSecret: config.META_APP_SECRET,
    verifyToken: config.META_VERIFY_TOKEN,
    metrics: createWebhookMetrics(registry),
  });
  const gate = { token: config.METRICS_TOKEN, nodeEnv: config.NODE_ENV ?? 'development' };
  const server = createServer({ redis, logger, metaWebhook, metrics: { registry, gate } });

  return {
    server,
    redis,
    queue,
    dispatcher,
    registry,
    listen: (port) => listen(server, port),
    async close() {
      await closeServer(server);
      await dispatcher.close();
      await queue.close();
      // quit() lets pending replies arrive; when Redis is down it rejects at once and we just drop the socket.
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
