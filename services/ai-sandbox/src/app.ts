import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { registerCompletionRoutes } from './chat/completions-routes';
import { registerControlRoutes } from './control/control-routes';
import { SandboxState } from './control/faults';
import type { SandboxContext } from './sandbox-context';

export interface BuildAppOptions {
  logger?: FastifyServerOptions['logger'];
  /** The bearer key callers must send; main.ts passes AI_API_KEY. */
  apiKey?: string;
}

export const DEFAULT_API_KEY = 'development-ai-api-key';

/** The stand-in's HTTP app, separate from main.ts so tests can start it on a free port. */
export function buildApp({ logger = false, apiKey = DEFAULT_API_KEY }: BuildAppOptions = {}): FastifyInstance {
  // Prompts carry knowledge articles: well past Fastify's 1 MB default is never needed, but 1 MB can be.
  const app = Fastify({ logger, bodyLimit: 4 * 1024 * 1024 });
  const ctx: SandboxContext = { apiKey, state: new SandboxState(), sleepers: new Set(), completions: 0 };
  // Held (slow) requests would otherwise keep close() waiting for their delay.
  app.addHook('preClose', async () => {
    for (const wake of [...ctx.sleepers]) wake();
  });

  // Probed every few seconds by Docker and scripts/stack: not worth a log line each time.
  app.get('/health', { logLevel: 'warn' }, async () => ({ status: 'ok' }));

  registerCompletionRoutes(app, ctx);
  registerControlRoutes(app, ctx);
  return app;
}
