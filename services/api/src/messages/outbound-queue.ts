import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { type OutboundMessageJob, QUEUES } from '@aerostic/shared';
import { Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { queueOptions } from '../common/queue/queue-connection';

/** The producer side of `outbound-messages`; the message-worker is its only consumer. */
@Injectable()
export class OutboundQueue implements OnModuleDestroy {
  private readonly queue: Queue<OutboundMessageJob>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.queue = new Queue<OutboundMessageJob>(QUEUES.outboundMessages, queueOptions(config));
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
  }

  /** The job id is the message id, so a message is queued once however often this is called. */
  async add(job: OutboundMessageJob): Promise<void> {
    await this.queue.add('send', job, {
      jobId: job.messageId,
      removeOnComplete: { age: 3600, count: 10_000 },
      // Failed jobs stay a week so operators can inspect them.
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }
}
