import { Inject, Injectable } from '@nestjs/common';
import { CAMPAIGN_SEND_PRIORITY, type MarkReadJob, type OutboundMessageJob, QUEUES } from '@aerostic/shared';
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

  /**
   * A campaign's sends in one round trip, behind every agent's send (see CAMPAIGN_SEND_PRIORITY); each job id is its
   * message id, so adding them again queues nothing twice.
   */
  async sendCampaign(jobs: readonly OutboundMessageJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.producer.addBulk(QUEUES.outboundMessages.jobs.send, jobs, { priority: CAMPAIGN_SEND_PRIORITY });
  }

  /** Whether the send job of this message is still kept (waiting, delayed, active, or finished not long ago). */
  async holdsSend(messageId: string): Promise<boolean> {
    return (await this.producer.queue.getJob(messageId)) !== undefined;
  }

  /** The job id names the inbound message, so a message is marked read once however often this is called. */
  async markRead(job: MarkReadJob): Promise<void> {
    await this.producer.add(QUEUES.outboundMessages.jobs.markRead, job);
  }
}
