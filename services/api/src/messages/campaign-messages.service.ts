import { Injectable } from '@nestjs/common';
import { type OutboundMessageJob } from '@aerostic/shared';
import { type CampaignMessageValues, MessageRepository, type StoredCampaignMessage } from './message.repository';
import { UsageService } from '../usage/usage.service';
import { OutboundQueue, sendOnItsWay } from './outbound-queue';
import { SendResultsQueue } from './send-results-queue';

/** Messages waiting for the worker that recovery looks at in one pass. */
const RECOVERY_BATCH = 2_000;

/**
 * A campaign's template messages: stored in the campaign feeder's transaction, queued for the message-worker behind
 * agents' sends, and found again when a crash came between the two (docs/adr/0117).
 */
@Injectable()
export class CampaignMessagesService {
  constructor(
    private readonly messages: MessageRepository,
    private readonly queue: OutboundQueue,
    private readonly results: SendResultsQueue,
    private readonly usage: UsageService,
  ) {}

  /** Stores one queued message per conversation, in the caller's transaction; answers their ids by conversation. */
  store(
    tenantId: string,
    campaignId: string,
    sender: string | null,
    templateCategory: string,
    rows: readonly CampaignMessageValues[],
  ): Promise<Map<string, string>> {
    return this.messages.insertCampaignMessages(tenantId, campaignId, sender, templateCategory, rows);
  }

  /** Queues the send jobs (job id = message id: adding one again queues nothing twice). */
  enqueue(jobs: readonly OutboundMessageJob[]): Promise<void> {
    return this.queue.sendCampaign(jobs);
  }

  /** Whether any of the campaign's messages still waits for the worker's outcome. */
  anyAwaitingSend(tenantId: string, campaignId: string): Promise<boolean> {
    return this.messages.anyCampaignMessageAwaitingSend(tenantId, campaignId);
  }

  /** Messages created before `before` that were stored but never queued (see `sendOnItsWay`). */
  async neverQueued(tenantId: string, campaignId: string, before: Date): Promise<StoredCampaignMessage[]> {
    const waiting = await this.messages.campaignMessagesAwaitingSend(tenantId, campaignId, before, RECOVERY_BATCH);
    const missing: string[] = [];
    for (const id of waiting) {
      if (!(await sendOnItsWay(this.queue, this.results, id))) missing.push(id);
    }
    if (missing.length === 0) return [];
    return this.messages.stillAwaitingSend(tenantId, missing);
  }

  /** The workspace's outbound messages this month, for its monthly limit. */
  countOutboundThisMonth(tenantId: string): Promise<number> {
    return this.usage.outboundThisMonth(tenantId);
  }
}
