import { EnvError, parseEnv, webhookWorkerEnvSchema, type WebhookWorkerEnv } from '@aerostic/shared';
import { createServiceLogger, RedisCredentialsError, verifyRedisCredentials } from '@aerostic/shared/node';
import { createWebhookWorker } from './app';

const SERVICE = 'webhook-worker';
/** Past this, shutdown gives up waiting for in-flight requests; below Docker's default 10 s stop timeout. */
const SHUTDOWN_TIMEOUT_MS = 8_000;

function loadEnv(): WebhookWorkerEnv {
  try {
    return parseEnv(webhookWorkerEnvSchema);
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    console.error(`${SERVICE} refuses to start. ${err.message}`);
    process.exit(1);
  }
}

async function bootstrap(): Promise<void> {
  const env = loadEnv();
  const logger = createServiceLogger(SERVICE, env.LOG_LEVEL);
  const worker = createWebhookWorker(env, logger);
  await verifyRedisCredentials(worker.redis);

  // Listen at once even if Redis is not up yet: webhooks answer 503 (Meta retries) and /health says why.
  const port = await worker.listen(env.WEBHOOK_WORKER_PORT);
  logger.info({ port }, `${SERVICE} listening`);

  const shutdown = (signal: NodeJS.Signals) => {
    logger.info({ signal }, `${SERVICE} shutting down`);
    setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    worker.close().then(
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
