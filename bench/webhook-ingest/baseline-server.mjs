// The naive receiver the webhook-worker is measured against (anchors-perf-reliability.md §1, test c2):
// node:http, HMAC-SHA256 of the raw body, then one awaited `queue.add()` per request before answering.
// Same job options as the worker, no job id, no batching. Started by run.mjs; not part of the product.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

const { PORT, REDIS_URL, REDIS_PREFIX, META_APP_SECRET } = process.env;
const JOB_OPTIONS = {
  attempts: 12,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 3_600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3_600 },
};

const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const queue = new Queue('meta-webhooks', { connection, prefix: `${REDIS_PREFIX}:bull` });

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    connection.ping().then(
      () => res.end('ok'),
      () => ((res.statusCode = 503), res.end()),
    );
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', async () => {
    const raw = Buffer.concat(chunks);
    const expected = Buffer.from(`sha256=${createHmac('sha256', META_APP_SECRET).update(raw).digest('hex')}`);
    const given = Buffer.from(req.headers['x-hub-signature-256'] ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.statusCode = 401;
      res.end();
      return;
    }
    try {
      await queue.add('meta-webhook', { rawBody: raw.toString('utf8'), receivedAt: Date.now() }, JOB_OPTIONS);
      res.end();
    } catch {
      res.statusCode = 503;
      res.end();
    }
  });
});

server.listen(Number(PORT), '127.0.0.1');
process.once('SIGTERM', () => {
  server.close(async () => {
    await queue.close();
    await connection.quit();
    process.exit(0);
  });
  server.closeAllConnections();
});
