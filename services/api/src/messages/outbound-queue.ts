import { Inject, Injectable } from '@nestjs/common';
import { type MarkReadJob, type OutboundMessageJob, QUEUES } from '@aerostic/shared';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { ProducerQueue } from '../common/queue/producer-queue';

/** The producer side of `outbound-messages`; the message-worker is its only consumer. */
@Injectable()
export class OutboundQueue extends ProducerQueue<typeof QUEUES.outboundMessages> {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(QUEUES.outboundMessages, config);
  }

  /** The job id is the message id, so a message is queued once however often this is called. */
  async send(job: OutboundMessageJob): Promise<void> {
    await this.producer.add(QUEUES.outboundMessages.jobs.send, job);
  }

  /** The job id names the inbound message, so a message is marked read once however often this is called. */
  async markRead(job: MarkReadJob): Promise<void> {
    await this.producer.add(QUEUES.outboundMessages.jobs.markRead, job);
  }
}
