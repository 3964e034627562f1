import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { type Clock, systemClock } from './clock';
import { resolveConfig, type SandboxConfigOverrides } from './config';
import { registerControlRoutes } from './control/control-routes';
import { registerGraphRoutes } from './graph/graph-routes';
import { registerTemplateControlRoutes } from './graph/template-routes';
import { registerPageRoutes } from './pages/page-routes';
import type { SandboxContext } from './sandbox-context';
import { SandboxState } from './state/sandbox-state';
import { WebhookDeliverer } from './webhooks/webhook-deliverer';

export interface BuildAppOptions {
  logger?: FastifyServerOptions['logger'];
  /** Defaults suit tests; main.ts passes the environment's values. */
  config?: SandboxConfigOverrides;
  /** Expiries (codes, media URLs) and timestamps read this clock; tests step it instead of waiting. */
  clock?: Clock;
}

/** The sandbox's HTTP app, separate from main.ts so tests can start it on a free port. */
export function buildApp({
  logger = false,
  config: overrides,
  clock = systemClock,
}: BuildAppOptions = {}): FastifyInstance {
  const app = Fastify({ logger });
  const config = resolveConfig(overrides);
  const ctx: SandboxContext = {
    config,
    clock,
    state: new SandboxState(clock),
    deliverer: new WebhookDeliverer({ ...config.webhook, appSecret: config.appSecret }, clock, app.log),
  };
  // Pending retries would otherwise keep the process (or a test) alive after close.
  app.addHook('onClose', async () => ctx.deliverer.close());

  // Probed every few seconds by Docker and scripts/stack: not worth a log line each time.
  app.get('/health', { logLevel: 'warn' }, async () => ({ status: 'ok' }));

  registerGraphRoutes(app, ctx);
  registerControlRoutes(app, ctx);
  registerTemplateControlRoutes(app, ctx);
  registerPageRoutes(app, ctx);
  return app;
}
