import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { request } from 'node:http';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createWebhookWorker, type WebhookWorker } from './app';
import { signPayload } from './signature-verify';
import {
  deleteKeys,
  postSigned,
  postWebhook,
  TEST_APP_SECRET,
  TEST_REDIS_URL,
  TEST_VERIFY_TOKEN,
  uniquePrefix,
  webhookBody,
} from './test-helpers';

/** Starts a keep-alive POST and sends only the first bytes of its body; `finish()` sends the rest. */
function startPost(port: number, body: string): { finish(): void; status: Promise<number> } {
  const req = request({
    port,
    path: '/webhooks/meta',
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'x-hub-signature-256': signPayload(body, TEST_APP_SECRET),
      connection: 'keep-alive',
    },
  });
  const status = new Promise<number>((resolve, reject) => {
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
  });
  req.write(body.slice(0, 100));
  return { finish: () => req.end(body.slice(100)), status };
}

const METRICS_TOKEN = 'w'.repeat(32);

describe(createWebhookWorker.name, () => {
  const prefix = uniquePrefix('app');
  const admin = new Redis(TEST_REDIS_URL);
  let worker: WebhookWorker;
  let port: number;

  beforeEach(async () => {
    worker = createWebhookWorker(
      {
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: prefix,
        META_APP_SECRET: TEST_APP_SECRET,
        META_VERIFY_TOKEN: TEST_VERIFY_TOKEN,
        METRICS_TOKEN,
        NODE_ENV: 'production',
      },
      pino({ level: 'silent' }),
    );
    port = await worker.listen(0);
    await worker.queue.waitUntilReady();
  });

  afterEach(() => deleteKeys(admin, prefix));

  afterAll(() => admin.quit());

  it('should answer and queue a request in flight, then close Redis, when shutdown starts during it', async () => {
    const body = webhookBody('in-flight-at-shutdown');
    const post = startPost(port, body);
    await new Promise((resolve) => setTimeout(resolve, 50));

    const closed = worker.close();
    post.finish();

    expect(await post.status).toBe(200);
    await closed;
    const jobId = `sha256-${createHmac('sha256', TEST_APP_SECRET).update(body).digest('hex')}`;
    expect(await admin.hget(`${prefix}:bull:meta-webhooks:${jobId}`, 'data')).toContain('in-flight-at-shutdown');
    expect(worker.server.listening).toBe(false);
    // QUIT has been answered; the socket closes right after.
    if (worker.redis.status !== 'end') await once(worker.redis, 'end');
  });

  it('should not wait for the keep-alive timeout when a client keeps its connection open', async () => {
    const post = startPost(port, webhookBody('keep-alive'));
    post.finish();
    expect(await post.status).toBe(200);

    await worker.close();
  });

  it('should count webhooks accepted and refused by reason, and time them, on /metrics when Meta posted some', async () => {
    const baseUrl = `http://127.0.0.1:${port}`;
    const accepted = await postSigned(baseUrl, webhookBody());
    const refused = await postWebhook(baseUrl, webhookBody(), 'sha256=00');

    const res = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    const text = await res.text();
    await worker.close();

    expect([accepted.status, refused.status]).toEqual([200, 401]);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain('aerostic_webhooks_received_total{outcome="accepted",reason="",service="webhook-worker"} 1');
    expect(text).toContain(
      'aerostic_webhooks_received_total{outcome="refused",reason="bad-signature",service="webhook-worker"} 1',
    );
    expect(text).toMatch(
      /^aerostic_webhook_request_duration_seconds_count\{service="webhook-worker",outcome="accepted"\} 1$/m,
    );
  });

  it('should answer 401 when /metrics is read without the bearer token', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    await worker.close();

    expect(res.status).toBe(401);
  });
});
