import { Inject, Injectable } from '@nestjs/common';
import { type MarkReadJob, markReadJobId, OUTBOUND_JOB_NAMES, QUEUES } from '@aerostic/shared';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { ProducerQueue } from '../common/queue/producer-queue';

/**
 * The producer of `mark-read` jobs on `outbound-messages` (the message-worker is the queue's only consumer): WhatsApp
 * learns off the request path that the team read the customer's messages.
 */
@Injectable()
export class ReadReceiptQueue extends ProducerQueue<MarkReadJob> {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(QUEUES.outboundMessages, config);
  }

  /** The job id names the inbound message, so a message is marked read once however often this is called. */
  async add(job: MarkReadJob): Promise<void> {
    await this.queue.add(OUTBOUND_JOB_NAMES.markRead, job, {
      jobId: markReadJobId(job.messageId),
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }
}
