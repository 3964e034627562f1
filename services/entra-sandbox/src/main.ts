import path from 'node:path';
import { entraSandboxEnvSchema, EnvError, parseEnv, type EntraSandboxEnv } from '@aerostic/shared';
import { buildServer } from './app';
import { ensureDevCertificate } from './dev-certificate';

const SERVICE = 'entra-sandbox';

function loadEnv(): EntraSandboxEnv {
  try {
    return parseEnv(entraSandboxEnvSchema);
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    console.error(`${SERVICE} refuses to start. ${err.message}`);
    process.exit(1);
  }
}

function bootstrap(): void {
  const env = loadEnv();
  const tls = ensureDevCertificate(path.resolve(env.ENTRA_SANDBOX_CERT_DIR));
  const server = buildServer({
    publicUrl: env.ENTRA_SANDBOX_PUBLIC_URL,
    tls,
    clients: [
      {
        clientId: env.ENTRA_CLIENT_ID,
        clientSecret: env.ENTRA_CLIENT_SECRET,
        redirectUris: env.ENTRA_SANDBOX_REDIRECT_URIS.split(',').map((uri) => uri.trim()),
      },
    ],
  });
  server.listen(env.ENTRA_SANDBOX_PORT, '0.0.0.0', () => {
    console.warn(`${SERVICE} listening on ${env.ENTRA_SANDBOX_PUBLIC_URL} (certificate ${tls.certPath})`);
  });
  const shutdown = () => server.close(() => process.exit(0));
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

bootstrap();
