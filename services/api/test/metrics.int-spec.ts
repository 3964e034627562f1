import { QUEUES } from '@aerostic/shared';
import { Queue } from 'bullmq';
import { io, type Socket } from 'socket.io-client';
import { queueOptions } from '../src/common/queue/queue-connection';
import { MetricsController } from '../src/metrics/metrics.controller';
import { registerTenant } from './support/builders';
import { createTestApp, type TestApp } from './support/test-app';

const METRICS_TOKEN = 'p'.repeat(32);
const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';

/** The value of one series of a scrape, found by its name and labels (in any order); undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...match[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
}

describe(MetricsController.name, () => {
  let t: TestApp;

  afterEach(async () => {
    await t.close();
  });

  it('should time requests by route template and status when routes were called', async () => {
    t = await createTestApp();
    await t.http().get('/health').expect(200);
    await t.http().get(`/conversations/${SAMPLE_ID}`).expect(401);
    await t.http().get('/no-such-route/123').expect(404);

    const res = await t.http().get('/metrics').expect(200);

    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const count = (route: string, status: string) =>
      sample(res.text, 'aerostic_http_request_duration_seconds_count', {
        service: 'api',
        method: 'GET',
        route,
        status_code: status,
      });
    expect(count('/health', '200')).toBe(1);
    expect(count('/conversations/:id', '401')).toBe(1);
    expect(count('unmatched', '404')).toBe(1);
    expect(res.text).not.toContain(SAMPLE_ID);
  });

  it('should report each queue by state and the age of its oldest waiting job when a job waits', async () => {
    t = await createTestApp();
    // The message-worker consumes this queue and is not running here, so the job waits.
    const queue = new Queue(QUEUES.outboundMessages.name, queueOptions(t.config));
    await queue.add('send', {}, { timestamp: Date.now() - 90_000 });
    await queue.close();

    const res = await t.http().get('/metrics').expect(200);

    const gauge = (name: string, labels: Record<string, string>) => sample(res.text, name, labels);
    expect(gauge('aerostic_queue_jobs', { queue: 'outbound-messages', state: 'waiting' })).toBe(1);
    expect(gauge('aerostic_queue_jobs', { queue: 'send-results', state: 'failed' })).toBe(0);
    expect(gauge('aerostic_queue_oldest_waiting_age_seconds', { queue: 'outbound-messages' })).toBeGreaterThanOrEqual(
      90,
    );
    expect(gauge('aerostic_queue_oldest_waiting_age_seconds', { queue: 'meta-webhooks' })).toBe(0);
  });

  it('should count the sockets this process holds when a dashboard is connected', async () => {
    t = await createTestApp();
    const baseUrl = await t.listen();
    const { token } = await registerTenant(t);
    const socket: Socket = io(baseUrl, { transports: ['websocket'], reconnection: false, auth: { token } });
    await new Promise<void>((resolve, reject) => {
      socket.once('ready', () => resolve());
      socket.once('connect_error', reject);
    });

    try {
      const res = await t.http().get('/metrics').expect(200);

      expect(sample(res.text, 'aerostic_socketio_connected_sockets', { service: 'api' })).toBe(1);
    } finally {
      socket.disconnect();
    }
  });

  it('should answer 401 without the bearer token and 404 in production without a METRICS_TOKEN', async () => {
    t = await createTestApp({ METRICS_TOKEN });
    const withToken = await t.http().get('/metrics').auth(METRICS_TOKEN, { type: 'bearer' });
    const without = await t.http().get('/metrics');
    const wrong = await t.http().get('/metrics').auth('q'.repeat(32), { type: 'bearer' });
    await t.close();
    t = await createTestApp({ NODE_ENV: 'production', METRICS_TOKEN: undefined });

    const hidden = await t.http().get('/metrics');

    expect([withToken.status, without.status, wrong.status, hidden.status]).toEqual([200, 401, 401, 404]);
    expect(without.body).toMatchObject({ statusCode: 401, message: 'A bearer METRICS_TOKEN is required' });
  });
});
