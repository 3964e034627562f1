import { stripeSandboxEnvSchema, EnvError, parseEnv, type StripeSandboxEnv } from '@aerostic/shared';
import { buildApp } from './app';

const SERVICE = 'stripe-sandbox';
/** Past this, shutdown gives up waiting for in-flight requests; below Docker's default 10 s stop timeout. */
const SHUTDOWN_TIMEOUT_MS = 8_000;

function loadEnv(): StripeSandboxEnv {
  try {
    return parseEnv(stripeSandboxEnvSchema);
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    console.error(`${SERVICE} refuses to start. ${err.message}`);
    process.exit(1);
  }
}

async function bootstrap(): Promise<void> {
  const env = loadEnv();
  const app = buildApp({
    logger: { level: env.LOG_LEVEL, base: { service: SERVICE } },
    secretKey: env.STRIPE_SECRET_KEY,
    publicUrl: env.STRIPE_SANDBOX_PUBLIC_URL,
  });
  await app.listen({ port: env.STRIPE_SANDBOX_PORT, host: '0.0.0.0' });

  const shutdown = (signal: NodeJS.Signals) => {
    app.log.info({ signal }, `${SERVICE} shutting down`);
    setTimeout(() => {
      app.log.error('shutdown timed out; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

bootstrap().catch((err: unknown) => {
  console.error(`${SERVICE} failed to start:`, err);
  process.exit(1);
});
