import { once } from 'node:events';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { answerMetrics, checkHealth, METRICS_PATH, type MetricsGate } from '@aerostic/shared/node';

export interface MessageWorkerDeps {
  redis: Redis;
  logger: Logger;
  metrics: { registry: Registry; gate: MetricsGate };
}

/** The worker's only HTTP surface is its health check and metrics, so plain node:http is enough. */
export function createServer(deps: MessageWorkerDeps): Server {
  return createHttpServer((req, res) => {
    handle(req, res, deps).catch((err: unknown) => {
      deps.logger.error({ err }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, error(500, 'Internal Server Error', 'Something went wrong'));
      else res.destroy();
    });
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: MessageWorkerDeps): Promise<void> {
  const path = (req.url ?? '/').split('?', 1)[0];
  if (req.method === 'GET' && path === '/health') {
    const report = await checkHealth(deps.redis);
    sendJson(res, report.status === 'ok' ? 200 : 503, report);
    return;
  }
  if (req.method === 'GET' && path === METRICS_PATH) {
    await answerMetrics(req, res, deps.metrics.registry, deps.metrics.gate);
    return;
  }
  sendJson(res, 404, error(404, 'Not Found', `Cannot ${req.method ?? 'GET'} ${path}`));
}

function error(statusCode: number, error: string, message: string) {
  return { statusCode, error, message };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
  });
  res.end(payload);
}

/** Listens on `port` (0 picks a free one) and resolves with the port actually bound. */
export async function listen(server: Server, port: number): Promise<number> {
  server.listen(port);
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/** Stops accepting connections and resolves once in-flight requests have finished. */
export async function closeServer(server: Server): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  server.closeIdleConnections();
  await closed;
}
