import { Inject, Injectable } from '@nestjs/common';
import {
  CAMPAIGN_SEND_PRIORITY,
  type MarkReadJob,
  messagesPerSecond,
  type OutboundMessageJob,
  QUEUES,
  type SendAddress,
} from '@aerostic/shared';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { ProducerQueue } from '../common/queue/producer-queue';
import { type WhatsAppAccountWithSecrets } from '../whatsapp/whatsapp-account.repository';
import { type SendResultsQueue } from './send-results-queue';

/** Meta's body of a message to `address`: its type and that type's content (and `context` for a reply). */
export function metaBody(
  address: SendAddress,
  type: string,
  content: Record<string, unknown>,
): Record<string, unknown> {
  return { messaging_product: 'whatsapp', recipient_type: 'individual', ...address, type, ...content };
}

/** The message-worker's job for one message: the number it goes out on, with which token and pace, and Meta's body. */
export function outboundJob(
  account: Pick<
    WhatsAppAccountWithSecrets,
    'id' | 'tenantId' | 'phoneNumberId' | 'throughputLevel' | 'accessTokenEncrypted'
  >,
  messageId: string,
  body: Record<string, unknown>,
  campaignId?: string,
): OutboundMessageJob {
  return {
    messageId,
    tenantId: account.tenantId,
    ...(campaignId !== undefined && { campaignId }),
    whatsappAccountId: account.id,
    phoneNumberId: account.phoneNumberId,
    messagesPerSecond: messagesPerSecond(account.throughputLevel),
    accessTokenSealed: account.accessTokenEncrypted,
    body,
  };
}

/**
 * Whether a stored send is still on its way: its send job is kept, or the worker's result of it waits to be applied.
 * The worker adds the result before its send job ends, and the API applies it before the result job ends, so a
 * message without an outcome and without either job never reached the queue (docs/adr/0117, docs/adr/0210).
 */
export async function sendOnItsWay(
  sends: OutboundQueue,
  results: SendResultsQueue,
  messageId: string,
): Promise<boolean> {
  return (await sends.holdsSend(messageId)) || (await results.holdsResult(messageId));
}

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
