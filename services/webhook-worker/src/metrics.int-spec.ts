import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createWebhookWorker, type WebhookWorker } from './app';
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

const METRICS_TOKEN = 'w'.repeat(32);

describe('webhook-worker /metrics', () => {
  const prefix = uniquePrefix('metrics');
  const admin = new Redis(TEST_REDIS_URL);
  let worker: WebhookWorker;
  let baseUrl: string;

  beforeAll(async () => {
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
    baseUrl = `http://127.0.0.1:${await worker.listen(0)}`;
    await worker.queue.waitUntilReady();
  });

  afterAll(async () => {
    await worker.close();
    await deleteKeys(admin, prefix);
    await admin.quit();
  });

  it('should count webhooks accepted and refused by reason, and time them, when Meta posted some', async () => {
    const accepted = await postSigned(baseUrl, webhookBody());
    const refused = await postWebhook(baseUrl, webhookBody(), 'sha256=00');

    const res = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    const text = await res.text();

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
    const res = await fetch(`${baseUrl}/metrics`);

    expect(res.status).toBe(401);
  });
});
