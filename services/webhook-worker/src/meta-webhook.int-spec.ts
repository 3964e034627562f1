import { createHmac } from 'node:crypto';
import { WEBHOOK_MAX_BYTES, webhooksOfJob } from '@aerostic/shared';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createWebhookWorker, type WebhookWorker } from './app';
import { MetaWebhookHandler } from './meta-webhook';
import { signPayload } from './signature-verify';
import {
  deleteKeys,
  postSigned,
  postWebhook,
  postWithoutEnding,
  TEST_APP_SECRET,
  TEST_REDIS_URL,
  TEST_VERIFY_TOKEN,
  UNREACHABLE_REDIS_URL,
  uniquePrefix,
  webhookBody,
} from './test-helpers';

const logger = pino({ level: 'silent' });

describe(MetaWebhookHandler.name, () => {
  const prefix = uniquePrefix('meta-webhook');
  const admin = new Redis(TEST_REDIS_URL);
  let worker: WebhookWorker;
  let baseUrl: string;

  function startWorker(redisUrl: string): Promise<number> {
    worker = createWebhookWorker(
      {
        REDIS_URL: redisUrl,
        REDIS_PREFIX: prefix,
        META_APP_SECRET: TEST_APP_SECRET,
        META_VERIFY_TOKEN: TEST_VERIFY_TOKEN,
      },
      logger,
    );
    return worker.listen(0).then((port) => {
      baseUrl = `http://127.0.0.1:${port}`;
      return port;
    });
  }

  afterAll(() => admin.quit());

  async function jobCount(): Promise<number> {
    return worker.queue.count();
  }

  describe('with Redis up', () => {
    beforeEach(async () => {
      await startWorker(TEST_REDIS_URL);
      await worker.queue.waitUntilReady();
    });

    afterEach(async () => {
      await worker.close();
      await deleteKeys(admin, prefix);
    });

    it('should answer the raw challenge as text when the mode is subscribe and the token matches', async () => {
      const res = await fetch(
        `${baseUrl}/webhooks/meta?hub.mode=subscribe&hub.verify_token=${TEST_VERIFY_TOKEN}&hub.challenge=1158201444`,
      );

      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await res.text()).toBe('1158201444');
    });

    it.each([
      ['the token is wrong', 'hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1'],
      ['the token is a prefix of the right one', 'hub.mode=subscribe&hub.verify_token=test-verify&hub.challenge=1'],
      ['the token is missing', 'hub.mode=subscribe&hub.challenge=1'],
      ['the mode is not subscribe', `hub.mode=unsubscribe&hub.verify_token=${TEST_VERIFY_TOKEN}&hub.challenge=1`],
      ['the challenge is missing', `hub.mode=subscribe&hub.verify_token=${TEST_VERIFY_TOKEN}`],
    ])('should answer 403 when %s', async (_case, query) => {
      const res = await fetch(`${baseUrl}/webhooks/meta?${query}`);

      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    });

    it('should queue exactly one job holding the exact bytes when the signature is valid', async () => {
      const body = webhookBody('exact-bytes');
      const before = Date.now();

      const res = await postSigned(baseUrl, body);

      expect(res.status).toBe(200);
      const jobs = await worker.queue.getJobs(['wait']);
      expect(jobs).toHaveLength(1);
      const [{ rawBody, receivedAt }] = webhooksOfJob(jobs[0].data);
      expect(Buffer.from(rawBody, 'utf8').equals(Buffer.from(body, 'utf8'))).toBe(true);
      expect(rawBody).toContain('J\\u00fcrgen \\u00e4\\u00f6\\u00e5');
      expect(rawBody).toContain('https:\\/\\/example.com\\/a');
      expect(receivedAt).toBeGreaterThanOrEqual(before);
      expect(receivedAt).toBeLessThanOrEqual(Date.now());
      expect(jobs[0].opts).toMatchObject({
        attempts: 12,
        backoff: { type: 'exponential' },
        removeOnComplete: { age: 3_600, count: 10_000 },
      });
    });

    it('should keep raw UTF-8 bytes as they are when the body is not escaped', async () => {
      const body = Buffer.from('{"object":"whatsapp_business_account","entry":[],"note":"Grüße 😀 a/b"}', 'utf8');

      const res = await postSigned(baseUrl, body);

      expect(res.status).toBe(200);
      const [job] = await worker.queue.getJobs(['wait']);
      expect(Buffer.from(webhooksOfJob(job.data)[0].rawBody, 'utf8').equals(body)).toBe(true);
    });

    it('should queue one job when Meta redelivers the same bytes', async () => {
      const body = webhookBody('redelivered');

      const first = await postSigned(baseUrl, body);
      const second = await postSigned(baseUrl, body);

      expect([first.status, second.status]).toEqual([200, 200]);
      expect(await jobCount()).toBe(1);
      const digest = createHmac('sha256', TEST_APP_SECRET).update(body).digest('hex');
      expect(await worker.queue.getJob(`sha256-${digest}`)).toBeDefined();
    });

    it('should answer 401 and queue nothing when the signature is wrong', async () => {
      const body = webhookBody();

      const res = await postWebhook(baseUrl, body, signPayload(body, 'not-the-app-secret'));

      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'X-Hub-Signature-256 is missing or does not match the body',
      });
      expect(await jobCount()).toBe(0);
    });

    it('should answer 401 and queue nothing when the signature is missing', async () => {
      const res = await postWebhook(baseUrl, webhookBody());

      expect(res.status).toBe(401);
      expect(await jobCount()).toBe(0);
    });

    it('should answer 401 when the signature covers a re-serialised body', async () => {
      const body = webhookBody();
      const reserialised = JSON.stringify(JSON.parse(body));

      const res = await postWebhook(baseUrl, body, signPayload(reserialised, TEST_APP_SECRET));

      expect(res.status).toBe(401);
      expect(await jobCount()).toBe(0);
    });

    it.each([
      ['is not JSON', Buffer.from('object=whatsapp_business_account')],
      ['is truncated JSON', Buffer.from('{"object":"whatsapp_business_account"')],
      ['is a JSON array', Buffer.from('[{"object":"whatsapp_business_account"}]')],
      ['is not UTF-8', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])],
    ])('should answer 400 and queue nothing when the signed body %s', async (_case, body) => {
      const res = await postSigned(baseUrl, body);

      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(await jobCount()).toBe(0);
    });

    it('should answer 413 before reading the body when Content-Length is over the limit', async () => {
      const res = await postWithoutEnding(
        `${baseUrl}/webhooks/meta`,
        { 'content-type': 'application/json', 'content-length': String(WEBHOOK_MAX_BYTES + 1) },
        1_024,
      );

      expect(res.status).toBe(413);
      expect(res.headers.connection).toBe('close');
      expect(JSON.parse(res.body)).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
      expect(await jobCount()).toBe(0);
    });

    it('should answer 413 as soon as a streamed body passes the limit when its length is not declared', async () => {
      const res = await postWithoutEnding(
        `${baseUrl}/webhooks/meta`,
        { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        WEBHOOK_MAX_BYTES + 1,
      );

      expect(res.status).toBe(413);
      expect(await jobCount()).toBe(0);
    });

    it('should queue a signed body of exactly 3 MB', async () => {
      const body = Buffer.alloc(WEBHOOK_MAX_BYTES, 0x20);
      body.write('{"object":"whatsapp_business_account"}');

      const res = await postSigned(baseUrl, body);

      expect(res.status).toBe(200);
      expect(await jobCount()).toBe(1);
    });

    it('should queue every webhook exactly once when 200 arrive at once', async () => {
      const bodies = Array.from({ length: 200 }, (_, i) => webhookBody(`concurrent-${i}`));

      const responses = await Promise.all(bodies.map((body) => postSigned(baseUrl, body)));

      expect(responses.map((res) => res.status)).toEqual(bodies.map(() => 200));
      const jobs = await worker.queue.getJobs(['wait'], 0, -1);
      const stored = jobs.flatMap((job) => webhooksOfJob(job.data).map((webhook) => webhook.rawBody));
      expect(stored.sort()).toEqual([...bodies].sort());
    });

    it('should answer 503 to every request and queue nothing when Redis refuses the batch', async () => {
      // A string where BullMQ keeps its id counter makes the add script fail inside Redis.
      await admin.set(`${prefix}:bull:meta-webhooks:id`, 'not-a-counter');
      const bodies = Array.from({ length: 20 }, (_, i) => webhookBody(`refused-${i}`));

      const responses = await Promise.all(bodies.map((body) => postSigned(baseUrl, body)));

      expect(responses.map((res) => res.status)).toEqual(bodies.map(() => 503));
      expect(await responses[0].json()).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
      expect(await worker.queue.getJobs(['wait'])).toHaveLength(0);

      await admin.del(`${prefix}:bull:meta-webhooks:id`);
      expect((await postSigned(baseUrl, bodies[0])).status).toBe(200);
    });

    it('should answer 405 when the method is neither GET nor POST', async () => {
      const res = await fetch(`${baseUrl}/webhooks/meta`, { method: 'PUT' });

      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, POST');
    });
  });

  describe('with Redis unreachable', () => {
    afterEach(() => worker.close());

    it('should answer 503 at once when Redis cannot be reached', async () => {
      await startWorker(UNREACHABLE_REDIS_URL);

      const res = await postSigned(baseUrl, webhookBody());

      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'The webhook could not be queued; retry later',
      });
    });

    it('should still answer 401 when Redis is down and the signature is wrong', async () => {
      await startWorker(UNREACHABLE_REDIS_URL);

      const res = await postWebhook(baseUrl, webhookBody(), 'sha256=00');

      expect(res.status).toBe(401);
    });
  });
});
