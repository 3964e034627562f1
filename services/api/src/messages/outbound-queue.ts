import { Inject, Injectable } from '@nestjs/common';
import { type OutboundMessageJob, QUEUES } from '@aerostic/shared';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { ProducerQueue } from '../common/queue/producer-queue';

/** The producer side of `outbound-messages`; the message-worker is its only consumer. */
@Injectable()
export class OutboundQueue extends ProducerQueue<OutboundMessageJob> {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(QUEUES.outboundMessages, config);
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
