import { randomBytes } from 'node:crypto';
import { type Job, QueueEvents, type Worker } from 'bullmq';
import { type MediaDownloadJob, mediaDownloadJobId, QUEUES, queuePrefix } from '../queues';
import { createQueueWorker, QueueOwnershipError, QueueProducer } from './queues';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe(createQueueWorker.name, () => {
  const prefix = queuePrefix(`test:queues:${randomBytes(4).toString('hex')}`);
  const connection = { url: REDIS_URL, maxRetriesPerRequest: null };
  let producer: QueueProducer<typeof QUEUES.mediaDownloads>;
  let events: QueueEvents;
  let worker: Worker | undefined;

  const download = (messageId: string): MediaDownloadJob => ({
    tenantId: 't1',
    messageId,
    whatsappAccountId: 'a1',
    mediaId: '7712',
    mediaType: 'image',
  });

  /** Resolves with the job once it finished, whichever way. */
  async function settled(job: Job): Promise<Job> {
    await job.waitUntilFinished(events, 10_000).catch(() => undefined);
    return (await producer.queue.getJob(job.id!))!;
  }

  beforeAll(async () => {
    producer = new QueueProducer(QUEUES.mediaDownloads, { connection, prefix });
    events = new QueueEvents(QUEUES.mediaDownloads.name, { connection, prefix });
    await events.waitUntilReady();
  });
  afterEach(async () => {
    await worker?.close();
    worker = undefined;
  });
  afterAll(async () => {
    await producer.queue.obliterate({ force: true });
    await producer.close();
    await events.close();
  });

  it('should refuse, naming the queue and its consumer, when a service starts a consumer for a queue it does not own', () => {
    expect(() =>
      createQueueWorker(
        'api',
        QUEUES.outboundMessages,
        { send: async () => {}, markRead: async () => {} },
        {
          connection,
          prefix,
          autorun: false,
        },
      ),
    ).toThrow(new QueueOwnershipError('api', QUEUES.outboundMessages));
    expect(new QueueOwnershipError('api', QUEUES.outboundMessages).message).toMatch(
      /api must not consume the queue outbound-messages: its only consumer is the message-worker/,
    );
  });

  it('should add a job under the registry’s name, id and options, and hand the handler the parsed payload', async () => {
    const handled: MediaDownloadJob[] = [];
    worker = createQueueWorker(
      'api',
      QUEUES.mediaDownloads,
      { download: async (data) => void handled.push(data) },
      {
        connection,
        prefix,
      },
    );

    const job = await settled(await producer.add(QUEUES.mediaDownloads.jobs.download, download('m1')));

    expect(job.id).toBe(mediaDownloadJobId('m1'));
    expect(job.name).toBe(QUEUES.mediaDownloads.jobs.download.name);
    expect(job.opts).toMatchObject({ attempts: 6, backoff: { type: 'exponential', delay: 2_000 } });
    expect(await job.getState()).toBe('completed');
    expect(handled).toEqual([download('m1')]);
  });

  it('should fail a job whose payload breaks its schema once, without retries, naming the field, and keep it', async () => {
    const handle = jest.fn(async () => {});
    worker = createQueueWorker('api', QUEUES.mediaDownloads, { download: handle }, { connection, prefix });

    const added = await producer.queue.add(
      QUEUES.mediaDownloads.jobs.download.name,
      { tenantId: 't1' },
      {
        attempts: 6,
      },
    );
    const job = await settled(added);

    expect(await job.getState()).toBe('failed');
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/Invalid download job on media-downloads/);
    expect(job.failedReason).toMatch(/messageId/);
    expect(handle).not.toHaveBeenCalled();
  });

  it('should fail a job with a name the registry does not know, saying which names the queue takes', async () => {
    worker = createQueueWorker('api', QUEUES.mediaDownloads, { download: async () => {} }, { connection, prefix });

    const job = await settled(await producer.queue.add('fetch', download('m2')));

    expect(await job.getState()).toBe('failed');
    expect(job.failedReason).toBe('Unknown job "fetch" on media-downloads; it takes download');
  });

  it('should queue a job once however often it is added while the first is kept', async () => {
    await producer.add(QUEUES.mediaDownloads.jobs.download, download('m3'));
    await producer.add(QUEUES.mediaDownloads.jobs.download, download('m3'));

    expect(await producer.queue.getJobCounts('waiting')).toEqual({ waiting: 1 });
  });
});
