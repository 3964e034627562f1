import { EnvError, keyRingFromEnv, parseEnv, messageWorkerEnvSchema, type MessageWorkerEnv } from '@aerostic/shared';
import { Redis } from 'ioredis';
import {
  createRedisClient,
  createMetricsRegistry,
  createSendMetrics,
  createServiceLogger,
  logRedisTransitions,
  redisConnectionOptions,
  RedisCredentialsError,
  verifyRedisCredentials,
} from '@aerostic/shared/node';
import { createSendMessageWorker } from './send-message';
import { closeServer, createServer, listen } from './server';

const SERVICE = 'message-worker';
/** Past this, shutdown gives up waiting for in-flight requests; below Docker's default 10 s stop timeout. */
const SHUTDOWN_TIMEOUT_MS = 8_000;

function loadEnv(): MessageWorkerEnv {
  try {
    return parseEnv(messageWorkerEnvSchema);
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    console.error(`${SERVICE} refuses to start. ${err.message}`);
    process.exit(1);
  }
}

async function bootstrap(): Promise<void> {
  const env = loadEnv();
  const logger = createServiceLogger(SERVICE, env.LOG_LEVEL);
  const redis = createRedisClient(env.REDIS_URL, logger, env.REDIS_CA_FILE);
  await verifyRedisCredentials(redis);
  const registry = createMetricsRegistry(SERVICE);
  const server = createServer({
    redis,
    logger,
    metrics: { registry, gate: { token: env.METRICS_TOKEN, nodeEnv: env.NODE_ENV } },
  });
  // BullMQ needs a connection that waits for Redis instead of failing commands.
  const queueConnection = new Redis({
    ...redisConnectionOptions(env.REDIS_URL, env.REDIS_CA_FILE),
    maxRetriesPerRequest: null,
  });
  logRedisTransitions(queueConnection, logger, 'queue redis');
  const sender = createSendMessageWorker({
    connection: queueConnection,
    redisPrefix: env.REDIS_PREFIX,
    graphUrl: env.META_GRAPH_URL,
    graphVersion: env.META_GRAPH_VERSION,
    encryptionKey: keyRingFromEnv(env),
    logger,
    metrics: createSendMetrics(registry),
  });

  const port = await listen(server, env.MESSAGE_WORKER_PORT);
  logger.info({ port }, `${SERVICE} listening`);

  const shutdown = (signal: NodeJS.Signals) => {
    logger.info({ signal }, `${SERVICE} shutting down`);
    setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    // The worker first: close() lets the sends in flight finish and report their results.
    sender
      .close()
      .then(() => queueConnection.quit().catch(() => queueConnection.disconnect()))
      .then(() => closeServer(server))
      // quit() lets pending replies arrive; when Redis is down it rejects at once and we just drop the socket.
      .then(() => redis.quit().catch(() => redis.disconnect()))
      .then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

bootstrap().catch((err: unknown) => {
  // Refused credentials are a configuration error, like a bad variable: one line, no stack.
  if (err instanceof RedisCredentialsError) console.error(`${SERVICE} refuses to start. ${err.message}`);
  else console.error(`${SERVICE} failed to start:`, err);
  process.exit(1);
});
