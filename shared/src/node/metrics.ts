import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { QueueHealthDto } from '../types/admin';

/** Where every service answers Prometheus' scrape. */
export const METRICS_PATH = '/metrics';

/**
 * The names of the metrics our services export. The alert rules and the dashboard (infra/monitoring) query them, and
 * infra/test checks every name they use against the registries built below: rename here and there together.
 */
export const METRIC_NAMES = {
  httpRequestDuration: 'aerostic_http_request_duration_seconds',
  queueJobs: 'aerostic_queue_jobs',
  queueOldestWaitingAge: 'aerostic_queue_oldest_waiting_age_seconds',
  socketsConnected: 'aerostic_socketio_connected_sockets',
  webhooksReceived: 'aerostic_webhooks_received_total',
  webhookDuration: 'aerostic_webhook_request_duration_seconds',
  messageSends: 'aerostic_message_sends_total',
} as const;

/** Seconds; fine below a second, where the API and the webhook receiver answer, and up to Meta's slow calls. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** A registry with the process' own metrics (CPU, memory, event-loop lag), every series labelled with the service. */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

export interface ApiMetricsSources {
  /** Every queue's counts and oldest waiting job (as the admin overview shows them), read on each scrape. */
  queues: () => Promise<readonly QueueHealthDto[]>;
  /** Socket.IO connections held by this process. */
  sockets: () => number;
}

/** The API's metrics: request latency by route template, the queues and the live sockets. */
export function createApiMetrics(registry: Registry, sources: ApiMetricsSources) {
  const httpDuration = new Histogram({
    name: METRIC_NAMES.httpRequestDuration,
    help: 'HTTP requests answered by the API, by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  // Both gauges are filled from one read per scrape; the age gauge's collect waits for the same promise.
  let pending: Promise<readonly QueueHealthDto[]> | undefined;
  const snapshot = (): Promise<readonly QueueHealthDto[]> => {
    pending ??= sources.queues().finally(() => {
      pending = undefined;
    });
    return pending;
  };
  new Gauge({
    name: METRIC_NAMES.queueJobs,
    help: 'Jobs in each queue by state (waiting includes prioritized)',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const queue of await snapshot()) {
        for (const state of ['waiting', 'active', 'delayed', 'failed'] as const) {
          this.set({ queue: queue.name, state }, queue[state]);
        }
      }
    },
  });
  new Gauge({
    name: METRIC_NAMES.queueOldestWaitingAge,
    help: 'Seconds the oldest waiting job of each queue has been due (0 when none waits)',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const queue of await snapshot()) this.set({ queue: queue.name }, queue.oldestWaitingAgeSeconds ?? 0);
    },
  });
  new Gauge({
    name: METRIC_NAMES.socketsConnected,
    help: 'Socket.IO connections held by this API process',
    registers: [registry],
    collect() {
      this.set(sources.sockets());
    },
  });
  return { httpDuration };
}
export type ApiMetrics = ReturnType<typeof createApiMetrics>;

/** Why the webhook receiver refused a POST, or `accepted`. */
export type WebhookOutcome = 'accepted' | 'bad-signature' | 'not-json' | 'too-large' | 'queue-unavailable';

/** The webhook-worker's metrics: Meta's POSTs by outcome and how long each took to answer. */
export function createWebhookMetrics(registry: Registry) {
  const received = new Counter({
    name: METRIC_NAMES.webhooksReceived,
    help: "Meta's webhook POSTs, accepted (queued) or refused with the reason",
    labelNames: ['outcome', 'reason'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: METRIC_NAMES.webhookDuration,
    help: "Seconds from a webhook POST's arrival to its answer",
    labelNames: ['outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  return {
    record(outcome: WebhookOutcome, seconds: number): void {
      const accepted = outcome === 'accepted';
      received.inc({ outcome: accepted ? 'accepted' : 'refused', reason: accepted ? '' : outcome });
      duration.observe({ outcome: accepted ? 'accepted' : 'refused' }, seconds);
    },
  };
}
export type WebhookMetrics = ReturnType<typeof createWebhookMetrics>;

/** The message-worker's metrics: every send outcome it reports, with Meta's error code when it failed. */
export function createSendMetrics(registry: Registry) {
  const sends = new Counter({
    name: METRIC_NAMES.messageSends,
    help: "Outbound messages by reported result (accepted, failed, token-invalid) and Meta's error code",
    labelNames: ['result', 'error_code'] as const,
    registers: [registry],
  });
  return {
    record(result: 'accepted' | 'failed' | 'token-invalid', errorCode?: number | string): void {
      sends.inc({ result, error_code: errorCode === undefined ? '' : String(errorCode) });
    },
  };
}
export type SendMetrics = ReturnType<typeof createSendMetrics>;

/** What a request for `/metrics` gets. */
export type MetricsAccess = 'allowed' | 'unauthorized' | 'hidden';

/**
 * With a token, only `Authorization: Bearer <token>` reads the metrics. Without one they are open outside production
 * and hidden (404) in it, so a deployment that forgot the token exposes nothing (docs/adr/0162).
 */
export function metricsAccess(
  authorization: string | undefined,
  token: string | undefined,
  nodeEnv: 'development' | 'production' | 'test',
): MetricsAccess {
  if (token === undefined) return nodeEnv === 'production' ? 'hidden' : 'allowed';
  const presented = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
  if (presented === undefined) return 'unauthorized';
  // Digests of equal length, so the comparison leaks neither the token nor its length.
  return timingSafeEqual(sha256(presented), sha256(token)) ? 'allowed' : 'unauthorized';
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Who may read a service's `/metrics`: its METRICS_TOKEN (if any) and NODE_ENV. */
export interface MetricsGate {
  token?: string;
  nodeEnv: 'development' | 'production' | 'test';
}

/** Answers a GET of `/metrics` on a plain node:http server (the workers) in Prometheus' text format. */
export async function answerMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  registry: Registry,
  gate: MetricsGate,
): Promise<void> {
  const access = metricsAccess(req.headers.authorization, gate.token, gate.nodeEnv);
  if (access !== 'allowed') {
    const [status, error, message] =
      access === 'hidden'
        ? ([404, 'Not Found', `Cannot GET ${METRICS_PATH}`] as const)
        : ([401, 'Unauthorized', 'A bearer METRICS_TOKEN is required'] as const);
    const payload = JSON.stringify({ statusCode: status, error, message });
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(payload);
    return;
  }
  const text = await registry.metrics();
  res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
  res.end(text);
}
