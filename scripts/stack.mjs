// `npm run stack`: builds and runs the whole product natively (no Docker), behind nginx when it is installed, and
// prints "Aerostic stack ready" once every service answers its health check. A service that exits on its own is
// restarted like compose's `restart: unless-stopped` (scripts/stack/restart-policy.mjs); one that keeps crashing, a
// failed preparation step, Ctrl-C or SIGTERM stops everything. Variables: README.md and .env.example.
import { accessSync, constants, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NotReadyError, waitHealthy } from './stack/health.mjs';
import { Child, prefixed, Supervised } from './stack/processes.mjs';
import { RestartPolicy } from './stack/restart-policy.mjs';
import { renderNginx } from './stack/render-nginx.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STACK_DIR = path.join(ROOT, '.stack');
const HEALTH_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 5_000;
const READY_LINE = 'Aerostic stack ready';

// Development-only secrets, the same as docker-compose.yml's defaults; fixed rather than random so that
// sessions and encrypted tokens stored in the database survive a restart of the stack. Every service refuses them
// when NODE_ENV=production (shared/src/config/published-secrets.ts).
const DEV_SECRETS = {
  JWT_SECRET: 'development-only-jwt-secret-do-not-use-in-production',
  ENCRYPTION_KEY: '506ea4fea0cfd89d436c9cc87b7457952a9613af18f2db649b8cb150ac43aba2',
  META_APP_SECRET: 'development-meta-app-secret',
  META_VERIFY_TOKEN: 'development-verify-token',
};

function log(line) {
  process.stdout.write(`${prefixed('stack', line)}\n`);
}

function port(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535)
    throw new Error(`${name} must be a port number, not "${raw}"`);
  return value;
}

/** nginx on PATH, or in the sbin directories Debian installs it to and non-root PATHs leave out. */
function findNginx() {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), '/usr/local/sbin', '/usr/sbin'];
  for (const dir of dirs) {
    const candidate = path.join(dir, 'nginx');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Fails before anything starts when a port is taken, instead of health-checking whatever holds it. */
function assertPortFree(name, value) {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (err) =>
      reject(new Error(`port ${value} (${name}) is not free: ${err.code}; stop what uses it or set ${name}`)),
    );
    server.listen(value, () => server.close(resolve));
  });
}

const ports = {
  API_PORT: port('API_PORT', 4000),
  APP_PORT: port('APP_PORT', 3000),
  ADMIN_PORT: port('ADMIN_PORT', 3001),
  WEBHOOK_WORKER_PORT: port('WEBHOOK_WORKER_PORT', 4100),
  MESSAGE_WORKER_PORT: port('MESSAGE_WORKER_PORT', 4200),
  META_SANDBOX_PORT: port('META_SANDBOX_PORT', 4300),
  AI_SANDBOX_PORT: port('AI_SANDBOX_PORT', 4400),
  STRIPE_SANDBOX_PORT: port('STRIPE_SANDBOX_PORT', 4500),
  MAIL_CATCHER_SMTP_PORT: port('MAIL_CATCHER_SMTP_PORT', 1025),
  MAIL_CATCHER_UI_PORT: port('MAIL_CATCHER_UI_PORT', 8025),
  ENTRA_SANDBOX_PORT: port('ENTRA_SANDBOX_PORT', 4600),
};
const nginxBinary = findNginx();
const nginxPort = nginxBinary ? port('STACK_NGINX_PORT', process.getuid?.() === 0 ? 80 : 8080) : undefined;
const hosts = { app: 'app.localhost', admin: 'admin.localhost', api: 'api.localhost' };
const portSuffix = nginxPort === 80 ? '' : `:${nginxPort}`;
const urls = nginxBinary
  ? {
      APP_URL: `http://${hosts.app}${portSuffix}`,
      ADMIN_URL: `http://${hosts.admin}${portSuffix}`,
      API_URL: `http://${hosts.api}${portSuffix}`,
    }
  : {
      APP_URL: `http://localhost:${ports.APP_PORT}`,
      ADMIN_URL: `http://localhost:${ports.ADMIN_PORT}`,
      API_URL: `http://localhost:${ports.API_PORT}`,
    };
const sandboxUrl = `http://localhost:${ports.META_SANDBOX_PORT}`;
// AI replies go to the ai-sandbox unless a provider is configured; the sandbox accepts the key the API sends.
const aiProvider = process.env.AI_BASE_URL
  ? {}
  : {
      AI_BASE_URL: `http://127.0.0.1:${ports.AI_SANDBOX_PORT}/v1`,
      AI_MODEL: process.env.AI_MODEL || 'sandbox-model',
    };

const entraSandboxUrl = process.env.ENTRA_SANDBOX_PUBLIC_URL || `https://localhost:${ports.ENTRA_SANDBOX_PORT}`;
const entraCertDir = process.env.ENTRA_SANDBOX_CERT_DIR || path.join(STACK_DIR, 'entra-sandbox');

const serviceEnv = {
  ...process.env,
  ...Object.fromEntries(Object.entries(DEV_SECRETS).map(([name, value]) => [name, process.env[name] || value])),
  ...Object.fromEntries(Object.entries(ports).map(([name, value]) => [name, String(value)])),
  ...urls,
  DATABASE_URL: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/aerostic',
  REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
  API_INTERNAL_URL: `http://127.0.0.1:${ports.API_PORT}`,
  // Inside .stack/ (git-ignored) rather than the API's default, relative to where it is started.
  MEDIA_STORAGE_DIR: process.env.MEDIA_STORAGE_DIR || path.join(STACK_DIR, 'media'),
  // Meta is the meta-sandbox unless told otherwise.
  META_GRAPH_URL: process.env.META_GRAPH_URL || `http://127.0.0.1:${ports.META_SANDBOX_PORT}`,
  META_APP_ID: process.env.META_APP_ID || 'sandbox-app',
  META_CONFIG_ID: process.env.META_CONFIG_ID || 'sandbox-config',
  META_SANDBOX_URL: process.env.META_SANDBOX_URL || sandboxUrl,
  META_SANDBOX_PUBLIC_URL: process.env.META_SANDBOX_PUBLIC_URL || sandboxUrl,
  META_SANDBOX_WEBHOOK_URL:
    process.env.META_SANDBOX_WEBHOOK_URL || `http://127.0.0.1:${ports.WEBHOOK_WORKER_PORT}/webhooks/meta`,
  ...aiProvider,
  AI_API_KEY: process.env.AI_API_KEY || 'development-ai-api-key',
  // Online payment goes to the stripe-sandbox unless a Stripe host is configured.
  STRIPE_API_BASE: process.env.STRIPE_API_BASE || `http://127.0.0.1:${ports.STRIPE_SANDBOX_PORT}`,
  STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY || 'sk_test_development',
  STRIPE_WEBHOOK_SECRET: process.env.STRIPE_WEBHOOK_SECRET || 'whsec_development',
  STRIPE_SANDBOX_PUBLIC_URL: process.env.STRIPE_SANDBOX_PUBLIC_URL || `http://localhost:${ports.STRIPE_SANDBOX_PORT}`,
  // Mail goes to the MailDev catcher unless an SMTP server is configured.
  ...(process.env.SMTP_URL || process.env.SMTP_HOST
    ? {}
    : { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(ports.MAIL_CATCHER_SMTP_PORT), SMTP_SECURE: 'false' }),
  // Microsoft sign-in goes to the entra-sandbox unless an authority is configured; its certificate is made at start.
  ENTRA_SANDBOX_PUBLIC_URL: entraSandboxUrl,
  ENTRA_SANDBOX_CERT_DIR: entraCertDir,
  ENTRA_SANDBOX_REDIRECT_URIS:
    process.env.ENTRA_SANDBOX_REDIRECT_URIS ||
    `${urls.APP_URL}/api/auth/microsoft/callback,${urls.ADMIN_URL}/api/auth/microsoft/callback`,
  ENTRA_AUTHORITY: process.env.ENTRA_AUTHORITY || `${entraSandboxUrl}/organizations/v2.0`,
  ENTRA_CLIENT_ID: process.env.ENTRA_CLIENT_ID || 'aerostic-development',
  ENTRA_CLIENT_SECRET: process.env.ENTRA_CLIENT_SECRET || 'development-entra-client-secret',
  ENTRA_CA_FILE: process.env.ENTRA_CA_FILE || (process.env.ENTRA_AUTHORITY ? '' : path.join(entraCertDir, 'cert.pem')),
};
const mailCatcherUrl = `http://localhost:${ports.MAIL_CATCHER_UI_PORT}`;
// `next start` serves a production build and warns about any other NODE_ENV (Jest, for one, sets "test").
const frontendEnv = { ...serviceEnv, NODE_ENV: 'production' };

/** The API's own connection: DATABASE_URL's database as aerostic_app, unless APP_DATABASE_URL names one. */
const appDatabaseUrl = (() => {
  if (process.env.APP_DATABASE_URL) return process.env.APP_DATABASE_URL;
  const url = new URL(serviceEnv.DATABASE_URL);
  url.username = 'aerostic_app';
  url.password = process.env.APP_DATABASE_PASSWORD ?? '';
  return url.toString();
})();

/** @type {(Child | Supervised)[]} */
const children = [];
let stopping = false;

async function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  log('stopping every service');
  await Promise.all(children.map((child) => child.stop(STOP_GRACE_MS)));
  process.exit(exitCode);
}

/** Runs one preparation step (check, build, migrate) to completion; throws naming it when it fails. */
async function step(name, command, args, env = serviceEnv) {
  const child = new Child(name, command, args, { cwd: ROOT, env });
  children.push(child);
  const { code, signal, error } = await child.exit;
  // Stopped by a signal of ours: stopAll() is already on its way to exiting.
  if (stopping) await new Promise(() => {});
  if (error || code !== 0) {
    throw new Error(`${name} failed (${error ? error.message : signal ? `signal ${signal}` : `exit code ${code}`})`);
  }
}

/**
 * Starts a long-running service under the restart policy: restarted when it exits on its own, and the whole stack
 * stopped once the policy gives up on it.
 */
function start(name, command, args, env = serviceEnv) {
  const service = new Supervised(
    name,
    command,
    args,
    { cwd: ROOT, env },
    {
      policy: new RestartPolicy(),
      log,
      onGiveUp: (gone) => {
        if (stopping) return;
        log(`${name} keeps crashing; its last output:`);
        for (const line of gone.lastLines.slice(-15)) log(`  ${line}`);
        void stopAll(1);
      },
    },
  );
  children.push(service);
  return service;
}

function startNginx() {
  const dir = path.join(STACK_DIR, 'nginx');
  mkdirSync(dir, { recursive: true });
  return renderNginx(dir, {
    NGINX_PORT: String(nginxPort),
    APP_HOST: hosts.app,
    ADMIN_HOST: hosts.admin,
    API_HOST: hosts.api,
    APP_UPSTREAM: `127.0.0.1:${ports.APP_PORT}`,
    ADMIN_UPSTREAM: `127.0.0.1:${ports.ADMIN_PORT}`,
    API_UPSTREAM: `127.0.0.1:${ports.API_PORT}`,
    WEBHOOK_UPSTREAM: `127.0.0.1:${ports.WEBHOOK_WORKER_PORT}`,
  }).then(() => {
    const args = ['-p', dir, '-c', path.join(dir, 'nginx.conf')];
    args.push('-g', `daemon off; pid ${path.join(dir, 'nginx.pid')}; error_log stderr;`);
    // Through `| cat`: nginx opens /dev/stdout for its access log, which fails (ENXIO) on the socket pair
    // Node uses for a child's stdout; a shell pipe is a real pipe.
    return start('nginx', '/bin/sh', ['-c', '"$0" "$@" | cat', nginxBinary, ...args]);
  });
}

async function main() {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void stopAll(0));
  // Last resort if this script dies some other way: leave no service running behind it.
  process.on('exit', () => children.forEach((child) => child.signal('SIGKILL')));

  await Promise.all([
    ...Object.entries(ports).map(([name, value]) => assertPortFree(name, value)),
    ...(nginxBinary ? [assertPortFree('STACK_NGINX_PORT', nginxPort)] : []),
  ]);
  await step('check', process.execPath, ['scripts/require-services.mjs']);
  if (process.env.STACK_SKIP_BUILD !== '1') {
    log('building every workspace (STACK_SKIP_BUILD=1 skips this)');
    await step('build', 'npm', ['run', 'build'], { ...serviceEnv, NODE_ENV: 'production' });
  }
  await step('migrate', 'npm', ['run', 'migrate']);

  // Before the API, which reads the sandbox's certificate (ENTRA_CA_FILE) when it starts.
  const entraSandbox = start('entra-sandbox', process.execPath, ['services/entra-sandbox/dist/main.js']);
  const entraHealth = {
    name: 'entra-sandbox',
    url: `https://127.0.0.1:${ports.ENTRA_SANDBOX_PORT}/health`,
    caFile: serviceEnv.ENTRA_CA_FILE,
    child: entraSandbox,
  };
  await waitHealthy([entraHealth], HEALTH_TIMEOUT_MS);
  // Migrated as the owner above; the API runs as aerostic_app, held to row-level security (docs/adr/0203).
  const api = start('api', process.execPath, ['services/api/dist/main.js'], {
    ...serviceEnv,
    DATABASE_URL: appDatabaseUrl,
  });
  const webhook = start('webhook-worker', process.execPath, ['services/webhook-worker/dist/main.js']);
  const message = start('message-worker', process.execPath, ['services/message-worker/dist/main.js']);
  const sandbox = start('meta-sandbox', process.execPath, ['services/meta-sandbox/dist/main.js']);
  const aiSandbox = start('ai-sandbox', process.execPath, ['services/ai-sandbox/dist/main.js']);
  const stripeSandbox = start('stripe-sandbox', process.execPath, ['services/stripe-sandbox/dist/main.js']);
  const mailCatcher = start('maildev', process.execPath, [
    'node_modules/maildev/dist/bin/maildev.js',
    ...['--smtp', String(ports.MAIL_CATCHER_SMTP_PORT), '--ip', '127.0.0.1'],
    ...['--web', String(ports.MAIL_CATCHER_UI_PORT), '--web-ip', '127.0.0.1'],
    ...['--mail-directory', path.join(STACK_DIR, 'mail')],
  ]);
  const app = start('app-frontend', 'npm', ['run', 'start', '-w', 'services/app-frontend'], frontendEnv);
  const admin = start('admin-frontend', 'npm', ['run', 'start', '-w', 'services/admin-frontend'], frontendEnv);
  const nginx = nginxBinary ? await startNginx() : undefined;

  const local = (portNumber, urlPath) => `http://127.0.0.1:${portNumber}${urlPath}`;
  const targets = [
    { name: 'api', url: local(ports.API_PORT, '/health'), child: api },
    { name: 'webhook-worker', url: local(ports.WEBHOOK_WORKER_PORT, '/health'), child: webhook },
    { name: 'message-worker', url: local(ports.MESSAGE_WORKER_PORT, '/health'), child: message },
    { name: 'meta-sandbox', url: local(ports.META_SANDBOX_PORT, '/health'), child: sandbox },
    { name: 'ai-sandbox', url: local(ports.AI_SANDBOX_PORT, '/health'), child: aiSandbox },
    { name: 'stripe-sandbox', url: local(ports.STRIPE_SANDBOX_PORT, '/health'), child: stripeSandbox },
    { name: 'maildev', url: local(ports.MAIL_CATCHER_UI_PORT, '/api/healthz'), child: mailCatcher },
    entraHealth,
    { name: 'app-frontend', url: local(ports.APP_PORT, '/api/health'), child: app },
    { name: 'admin-frontend', url: local(ports.ADMIN_PORT, '/api/health'), child: admin },
  ];
  if (nginx) {
    // Through nginx by host name, which also proves each site reaches its upstream.
    targets.push(
      { name: 'nginx (app)', url: local(nginxPort, '/api/health'), host: hosts.app, child: nginx },
      { name: 'nginx (admin)', url: local(nginxPort, '/api/health'), host: hosts.admin, child: nginx },
      { name: 'nginx (api)', url: local(nginxPort, '/health'), host: hosts.api, child: nginx },
    );
  }
  await waitHealthy(targets, HEALTH_TIMEOUT_MS);

  log(`App:          ${urls.APP_URL}`);
  log(`Admin:        ${urls.ADMIN_URL}`);
  log(`API:          ${urls.API_URL}`);
  log(`Meta sandbox: ${sandboxUrl}`);
  log(`AI provider:  ${serviceEnv.AI_BASE_URL}`);
  log(`Stripe:       ${serviceEnv.STRIPE_API_BASE}`);
  log(`Mail catcher: ${mailCatcherUrl}`);
  log(`Microsoft:    ${serviceEnv.ENTRA_AUTHORITY}`);
  if (!nginx) log('nginx is not installed: the URLs above are the services themselves');
  process.stdout.write(`${READY_LINE}\n`);
}

main().catch((err) => {
  if (stopping) return;
  log(err.message);
  if (err instanceof NotReadyError && err.child) {
    log(`last output of ${err.child.name}:`);
    for (const line of err.child.lastLines.slice(-15)) log(`  ${line}`);
  }
  void stopAll(1);
});
