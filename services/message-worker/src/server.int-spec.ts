import { once } from 'node:events';
import type { Server } from 'node:http';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { createMetricsRegistry, createRedisClient, type MetricsGate } from '@aerostic/shared/node';
import { closeServer, createServer, listen } from './server';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Nothing listens on port 1: the connection is refused at once. */
const UNREACHABLE_REDIS_URL = 'redis://127.0.0.1:1';

describe(createServer.name, () => {
  const logger = pino({ level: 'silent' });
  let redis: Redis;
  let server: Server;
  let baseUrl: string;

  async function start(redisUrl: string, gate: MetricsGate = { nodeEnv: 'test' }): Promise<void> {
    redis = createRedisClient(redisUrl, logger);
    server = createServer({ redis, logger, metrics: { registry: createMetricsRegistry('message-worker'), gate } });
    baseUrl = `http://127.0.0.1:${await listen(server, 0)}`;
  }

  afterEach(async () => {
    await closeServer(server);
    redis.disconnect();
  });

  it('should answer 200 with redis up when Redis answers', async () => {
    await start(REDIS_URL);
    await once(redis, 'ready');

    const res = await fetch(`${baseUrl}/health`);

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', checks: { redis: 'up' } });
  });

  it('should answer 503 with redis down when Redis is unreachable', async () => {
    await start(UNREACHABLE_REDIS_URL);

    const res = await fetch(`${baseUrl}/health`);

    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'error', checks: { redis: 'down' } });
  });

  it('should answer a 404 JSON error when the route is unknown', async () => {
    await start(REDIS_URL);

    const res = await fetch(`${baseUrl}/nope?x=1`, { method: 'POST' });

    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ statusCode: 404, error: 'Not Found', message: 'Cannot POST /nope' });
  });

  it('should answer the Prometheus text format when /metrics is read with the bearer token', async () => {
    const token = 'm'.repeat(32);
    await start(REDIS_URL, { token, nodeEnv: 'production' });

    const res = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await res.text()).toMatch(/^process_cpu_user_seconds_total\{service="message-worker"\} /m);
  });

  it('should answer 401 when /metrics is read without the token or with another one', async () => {
    await start(REDIS_URL, { token: 'm'.repeat(32), nodeEnv: 'production' });

    const none = await fetch(`${baseUrl}/metrics`);
    const wrong = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${'x'.repeat(32)}` } });

    expect([none.status, wrong.status]).toEqual([401, 401]);
  });

  it('should answer 404 when /metrics is read in production without a METRICS_TOKEN', async () => {
    await start(REDIS_URL, { nodeEnv: 'production' });

    const res = await fetch(`${baseUrl}/metrics`);

    expect(res.status).toBe(404);
  });
});
