import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { type MarkReadJob, markReadJobId, OUTBOUND_JOB_NAMES, QUEUES } from '@aerostic/shared';
import { Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { queueOptions } from '../common/queue/queue-connection';

/**
 * The producer of `mark-read` jobs on `outbound-messages` (the message-worker is the queue's only consumer): WhatsApp
 * learns off the request path that the team read the customer's messages.
 */
@Injectable()
export class ReadReceiptQueue implements OnModuleDestroy {
  private readonly queue: Queue<MarkReadJob>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.queue = new Queue<MarkReadJob>(QUEUES.outboundMessages, queueOptions(config));
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
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
