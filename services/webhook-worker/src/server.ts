import { once } from 'node:events';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { answerMetrics, checkHealth, METRICS_PATH, type MetricsGate } from '@aerostic/shared/node';
import { sendError, sendJson } from './http-reply';
import { META_WEBHOOK_PATH, type MetaWebhookHandler } from './meta-webhook';

export interface WebhookWorkerDeps {
  redis: Redis;
  logger: Logger;
  metaWebhook: MetaWebhookHandler;
  metrics: { registry: Registry; gate: MetricsGate };
}

/** Longer than nginx's upstream keepalive (60 s), so nginx never reuses a connection that we are closing. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** Meta's bodies are at most 3 MB; a request still incomplete after this is a stuck or hostile client. */
const REQUEST_TIMEOUT_MS = 30_000;

/** The worker's HTTP server: plain node:http, because it sits on Meta's webhook hot path. */
export function createServer(deps: WebhookWorkerDeps): Server {
  const server = createHttpServer((req, res) => {
    try {
      route(req, res, deps);
    } catch (err) {
      deps.logger.error({ err }, 'request failed');
      if (!res.headersSent) sendError(res, 500, 'Internal Server Error', 'Something went wrong');
      else res.destroy();
    }
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  return server;
}

function route(req: IncomingMessage, res: ServerResponse, deps: WebhookWorkerDeps): void {
  const url = req.url ?? '/';
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  if (path === META_WEBHOOK_PATH) {
    deps.metaWebhook.handle(req, res, url, queryStart);
  } else if (path === '/health' && req.method === 'GET') {
    checkHealth(deps.redis).then(
      (report) => sendJson(res, report.status === 'ok' ? 200 : 503, report),
      (err: unknown) => {
        deps.logger.error({ err }, 'health check failed');
        sendError(res, 500, 'Internal Server Error', 'Something went wrong');
      },
    );
  } else if (path === METRICS_PATH && req.method === 'GET') {
    answerMetrics(req, res, deps.metrics.registry, deps.metrics.gate).catch((err: unknown) => {
      deps.logger.error({ err }, 'metrics failed');
      sendError(res, 500, 'Internal Server Error', 'Something went wrong');
    });
  } else {
    sendError(res, 404, 'Not Found', `Cannot ${req.method ?? 'GET'} ${path}`);
  }
}

/** Listens on `port` (0 picks a free one) and resolves with the port actually bound. */
export async function listen(server: Server, port: number): Promise<number> {
  server.listen(port);
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/** How often shutdown closes keep-alive connections that have become idle since the last sweep. */
const IDLE_SWEEP_MS = 50;

/** Stops accepting connections and resolves once in-flight requests have finished. */
export async function closeServer(server: Server): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  // close() drops only the connections idle at that moment; a keep-alive connection (nginx, Meta) that
  // finishes its request afterwards would otherwise hold shutdown open for the whole keep-alive timeout.
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
  try {
    await closed;
  } finally {
    clearInterval(sweep);
  }
}
