import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  addressedCustomer,
  CAMPAIGN_SKIP_REASONS,
  MESSAGING_LIMIT_WINDOW_MS,
  messagePreview,
  messagesPerSecond,
  type OutboundMessageJob,
  type SendAddress,
  sendAddressOf,
} from '@aerostic/shared';
import { SUSPENDED_TENANTS_KEY } from '@aerostic/shared/node';
import { type Redis } from 'ioredis';
import { REDIS } from '../../common/redis/redis.module';
import { ConversationsService } from '../../conversations/conversations.service';
import { type Campaign } from '../../database/entities';
import { Transactions } from '../../database/sql';
import { LimitReachedError } from '../../limits/limits.errors';
import { LimitsService } from '../../limits/limits.service';
import { CampaignMessagesService } from '../../messages/campaign-messages.service';
import { outboundJob } from '../../messages/outbound-queue';
import { TemplatesService } from '../../templates/templates.service';
import { MetaBudgetService } from '../../usage/meta-budget.service';
import { MessagingLimitService } from '../../whatsapp/messaging-limit.service';
import { type WhatsAppAccountWithSecrets } from '../../whatsapp/whatsapp-account.repository';
import { WhatsAppAccountsService } from '../../whatsapp/whatsapp-accounts.service';
import { CampaignsService } from '../campaigns.service';
import { type CampaignRef, CampaignFeedRepository, type ClaimedRecipient } from './campaign-feed.repository';
import { type CampaignTemplate, sendBody, templateContent } from './campaign-template';
import { FeedGate } from './feed-gate';

/** Recipients queued by one step at most, whatever the number's rate. */
export const MAX_BATCH = 500;
/** A campaign held by its number, template, workspace or monthly limit is looked at again this often. */
export const HOLD_MS = 5_000;
/** A message stored this long without reaching the queue is taken for one a crash stranded. */
export const RECOVERY_GRACE_MS = 30_000;
/** While recipients are still being queued, stranded messages are looked for this often. */
const RECOVERY_EVERY_MS = 60_000;
/** Once nothing is pending, the wait for the last results; and how often stranded messages are looked for then. */
const TAIL_WAIT_MS = 1_000;
const TAIL_RECOVERY_EVERY_MS = 5_000;
/** Recipients held back by the tier wait at most this long before the next try. */
const TIER_WAIT_MAX_MS = 60_000;

/** What the feed job does next: stop (the campaign is not running) or run the next step after `ms`. */
export type FeedNext = { kind: 'stop' } | { kind: 'wait'; ms: number };

/** One feeding transaction's outcome; `jobs` are queued once it committed. */
export interface FedBatch {
  /** The campaign was paused, cancelled or completed meanwhile. */
  stopped: boolean;
  claimed: number;
  skipped: number;
  jobs: OutboundMessageJob[];
  /** Set when the tier held recipients back: when the window's oldest customer leaves it (epoch ms). */
  heldUntil: number | null;
}

/** The number and template a campaign sends with, or why it cannot send now. */
type SendingContext = { account: WhatsAppAccountWithSecrets; template: CampaignTemplate } | { hold: string };

/**
 * Feeds running campaigns to the message-worker: each step claims the next pending recipients in position order
 * and, in one transaction, opens their conversations, stores their template messages and marks them queued; then
 * queues the send jobs (job id = message id). Steps run only while the number has room (FeedGate) and its messaging
 * limit tier admits the customers (docs/adr/0117).
 */
@Injectable()
export class CampaignFeeder {
  private readonly logger = new Logger(CampaignFeeder.name);
  /** When this process last looked for stranded messages of each campaign. */
  private readonly recoveredAt = new Map<string, number>();
  /** The hold each campaign is in, so that it is logged once. */
  private readonly holds = new Map<string, string>();

  constructor(
    private readonly campaigns: CampaignFeedRepository,
    private readonly conversations: ConversationsService,
    private readonly messages: CampaignMessagesService,
    private readonly accounts: WhatsAppAccountsService,
    private readonly templates: TemplatesService,
    private readonly limits: LimitsService,
    private readonly messagingLimit: MessagingLimitService,
    private readonly gate: FeedGate,
    private readonly transactions: Transactions,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly campaignEvents: CampaignsService,
    private readonly budget: MetaBudgetService,
  ) {}

  /** Starts the campaigns that are due; answers every running campaign, each to be fed. */
  async sweep(): Promise<CampaignRef[]> {
    for (const started of await this.campaigns.startDueAcrossTenants()) this.announce(started.tenantId, started.id);
    return this.campaigns.runningAcrossTenants();
  }

  /** One feeding step of a campaign; answers what the feed job does next. */
  async step(tenantId: string, campaignId: string): Promise<FeedNext> {
    const campaign = await this.campaigns.find(tenantId, campaignId);
    if (campaign?.status !== 'running' || campaign.scheduledAt.getTime() > Date.now()) {
      this.forget(campaignId);
      return { kind: 'stop' };
    }
    const context = await this.contextOf(campaign);
    if ('hold' in context) return this.hold(campaign, context.hold);
    if (await this.pausedForBudget(campaign)) return { kind: 'stop' };
    await this.recoverEvery(campaign, context, RECOVERY_EVERY_MS);

    const { phoneNumberId } = context.account;
    const grant = await this.gate.grant(phoneNumberId, messagesPerSecond(context.account.throughputLevel), MAX_BATCH);
    if (grant.granted === 0) return { kind: 'wait', ms: grant.waitMs };
    let batch: FedBatch;
    try {
      batch = await this.feed(campaign, context, grant.granted);
    } catch (err) {
      await this.gate.release(phoneNumberId, grant.granted);
      if (err instanceof LimitReachedError) return this.hold(campaign, 'the monthly message limit is reached');
      throw err;
    }
    await this.gate.release(phoneNumberId, grant.granted - batch.jobs.length);
    await this.messages.enqueue(batch.jobs);
    if (batch.claimed > 0) this.holds.delete(campaignId);
    if (batch.jobs.length + batch.skipped > 0) this.announce(tenantId, campaignId);

    if (batch.stopped) {
      this.forget(campaignId);
      return { kind: 'stop' };
    }
    if (batch.heldUntil !== null) {
      return { kind: 'wait', ms: Math.min(TIER_WAIT_MAX_MS, Math.max(HOLD_MS, batch.heldUntil - Date.now())) };
    }
    if (batch.claimed === 0) return this.finish(campaign, context);
    return { kind: 'wait', ms: 0 };
  }

  /**
   * The feeding transaction: claims up to `limit` pending recipients, skips those the contact's state now excludes,
   * admits the rest under the tier, and stores and marks queued those admitted. Queues nothing: see `step`.
   */
  async feed(
    campaign: Campaign,
    context: { account: WhatsAppAccountWithSecrets; template: CampaignTemplate },
    limit: number,
  ): Promise<FedBatch> {
    const { tenantId, id: campaignId } = campaign;
    const { account, template } = context;
    return this.transactions.run(async () => {
      const status = await this.campaigns.lockStatus(tenantId, campaignId);
      if (status !== 'running') return { stopped: true, claimed: 0, skipped: 0, jobs: [], heldUntil: null };
      const claimed = await this.campaigns.claimPending(tenantId, campaignId, limit);

      const skipped: { id: string; reason: string }[] = [];
      const sendable: { recipient: ClaimedRecipient; contactId: string; customer: string; address: SendAddress }[] = [];
      for (const recipient of claimed) {
        const reason = skipReason(campaign, recipient);
        if (reason !== null || recipient.contact === null) {
          skipped.push({ id: recipient.id, reason: reason ?? CAMPAIGN_SKIP_REASONS.contactDeleted });
          continue;
        }
        const address = sendAddressOf(recipient.contact);
        sendable.push({
          recipient,
          contactId: recipient.contact.id,
          customer: addressedCustomer(address) ?? '',
          address,
        });
      }
      const admission = await this.messagingLimit.admit(
        account.phoneNumberId,
        account.messagingLimitTier,
        sendable.map((s) => s.customer),
      );
      const admitted = sendable.filter((_, i) => admission.admitted[i]);
      const heldUntil = admitted.length < sendable.length ? admission.oldestAt + MESSAGING_LIMIT_WINDOW_MS : null;

      const jobs: OutboundMessageJob[] = [];
      if (admitted.length > 0) {
        await this.limits.assertWithin(
          tenantId,
          'outboundMessagesPerMonth',
          () => this.messages.countOutboundThisMonth(tenantId),
          admitted.length,
        );
        const contents = admitted.map((s) => templateContent(template, s.recipient.parameters));
        const threads = await this.conversations.openForCampaign(
          tenantId,
          account.id,
          admitted.map((s) => s.contactId),
          messagePreview('template', contents[0]!),
        );
        const rows = admitted.map((s, i) => ({ conversationId: threads.get(s.contactId)!, content: contents[i]! }));
        const ids = await this.messages.store(
          tenantId,
          campaignId,
          campaign.createdByUserId,
          campaign.templateCategory,
          rows,
        );
        const queued = admitted.map((s, i) => ({ id: s.recipient.id, messageId: ids.get(rows[i]!.conversationId)! }));
        await this.campaigns.markQueued(tenantId, queued);
        admitted.forEach((s, i) =>
          jobs.push(outboundJob(account, queued[i]!.messageId, sendBody(s.address, contents[i]!), campaign.id)),
        );
      }
      await this.campaigns.markSkipped(tenantId, skipped);
      return { stopped: false, claimed: claimed.length, skipped: skipped.length, jobs, heldUntil };
    });
  }

  /**
   * The feeding transaction alone for a campaign, outside its feed job (what a crash before `enqueue` leaves behind);
   * null when the campaign cannot send now.
   */
  async prepare(tenantId: string, campaignId: string, limit: number): Promise<FedBatch | null> {
    const campaign = await this.campaigns.find(tenantId, campaignId);
    if (!campaign) return null;
    const context = await this.contextOf(campaign);
    return 'hold' in context ? null : this.feed(campaign, context, limit);
  }

  /**
   * Queues again the campaign's messages that were stored but never queued (a crash between the feeding
   * transaction's commit and the queue), created more than `olderThanMs` ago; answers how many.
   */
  async recover(tenantId: string, campaignId: string, olderThanMs = RECOVERY_GRACE_MS): Promise<number> {
    const campaign = await this.campaigns.find(tenantId, campaignId);
    if (!campaign) return 0;
    const context = await this.contextOf(campaign);
    if ('hold' in context) return 0;
    return this.requeueStranded(campaign, context, olderThanMs);
  }

  private async requeueStranded(
    campaign: Campaign,
    context: { account: WhatsAppAccountWithSecrets },
    olderThanMs: number,
  ): Promise<number> {
    const { tenantId, id: campaignId } = campaign;
    this.recoveredAt.set(campaignId, Date.now());
    const stranded = await this.messages.neverQueued(tenantId, campaignId, new Date(Date.now() - olderThanMs));
    if (stranded.length === 0) return 0;
    const addresses = new Map(
      (
        await this.campaigns.queuedByMessage(
          tenantId,
          stranded.map((m) => m.id),
        )
      ).map((r) => [r.messageId, r]),
    );
    const jobs = stranded.flatMap((message) => {
      const recipient = addresses.get(message.id);
      if (!recipient || (!recipient.waId && !recipient.userId)) return [];
      return [
        outboundJob(context.account, message.id, sendBody(sendAddressOf(recipient), message.content), campaign.id),
      ];
    });
    await this.messages.enqueue(jobs);
    await this.gate.track(context.account.phoneNumberId, jobs.length);
    this.logger.warn({ campaignId, requeued: jobs.length }, 'Campaign messages stored but never queued: queued now');
    return jobs.length;
  }

  private async recoverEvery(
    campaign: Campaign,
    context: { account: WhatsAppAccountWithSecrets },
    everyMs: number,
  ): Promise<void> {
    const last = this.recoveredAt.get(campaign.id);
    if (last !== undefined && Date.now() - last < everyMs) return;
    await this.requeueStranded(campaign, context, RECOVERY_GRACE_MS);
  }

  /** Nothing pending: completed once every queued message has its outcome from the worker. */
  private async finish(campaign: Campaign, context: { account: WhatsAppAccountWithSecrets }): Promise<FeedNext> {
    if (await this.messages.anyAwaitingSend(campaign.tenantId, campaign.id)) {
      await this.recoverEvery(campaign, context, TAIL_RECOVERY_EVERY_MS);
      return { kind: 'wait', ms: TAIL_WAIT_MS };
    }
    // Pending recipients another step holds keep it running.
    if (!(await this.campaigns.completeIfDone(campaign.tenantId, campaign.id)))
      return { kind: 'wait', ms: TAIL_WAIT_MS };
    this.logger.log({ campaignId: campaign.id }, 'Campaign completed');
    this.announce(campaign.tenantId, campaign.id);
    this.forget(campaign.id);
    return { kind: 'stop' };
  }

  /** What the existing send path refuses holds a campaign instead: it resumes by itself once fixed. */
  private async contextOf(campaign: Campaign): Promise<SendingContext> {
    const [account, suspended] = await Promise.all([
      this.accounts.findWithToken(campaign.tenantId, campaign.whatsappAccountId),
      this.redis.sismember(SUSPENDED_TENANTS_KEY, campaign.tenantId),
    ]);
    if (suspended === 1) return { hold: 'the workspace is suspended' };
    if (!account || account.status !== 'connected') return { hold: 'its number is not connected' };
    if (account.tokenStatus === 'invalid') return { hold: 'its number needs reconnecting (token invalid)' };
    const found = await this.templates.findForSend(
      campaign.tenantId,
      account.wabaId,
      campaign.templateName,
      campaign.templateLanguage,
    );
    if (found?.status !== 'APPROVED') return { hold: `its template is ${found?.status ?? 'missing'}` };
    return {
      account,
      template: { name: found.name, language: found.language, components: found.components },
    };
  }

  /**
   * A marketing campaign stops once the month's Meta budget is used up: paused with the reason it shows, for an admin
   * to resume after raising the budget or next month (docs/adr/0129). Messages already queued still go out.
   */
  private async pausedForBudget(campaign: Campaign): Promise<boolean> {
    if (campaign.templateCategory !== 'MARKETING') return false;
    const reason = await this.budget.marketingStopReason(campaign.tenantId);
    if (reason === null) return false;
    if (await this.campaigns.pauseWithReason(campaign.tenantId, campaign.id, reason)) {
      this.logger.warn(
        { campaignId: campaign.id, tenantId: campaign.tenantId },
        'Campaign paused: Meta budget used up',
      );
      this.announce(campaign.tenantId, campaign.id);
    }
    this.forget(campaign.id);
    return true;
  }

  private hold(campaign: Campaign, reason: string): FeedNext {
    if (this.holds.get(campaign.id) !== reason) {
      this.holds.set(campaign.id, reason);
      this.logger.warn({ campaignId: campaign.id, tenantId: campaign.tenantId }, `Campaign waits: ${reason}`);
    }
    return { kind: 'wait', ms: HOLD_MS };
  }

  /** `campaign.updated`, throttled by the campaigns module to one a second per campaign. */
  private announce(tenantId: string, campaignId: string): void {
    this.campaignEvents.announce(tenantId, campaignId);
  }

  private forget(campaignId: string): void {
    this.recoveredAt.delete(campaignId);
    this.holds.delete(campaignId);
  }
}

/** Why a claimed recipient is skipped now: its contact was deleted, or stopped marketing messages meanwhile. */
function skipReason(campaign: Campaign, recipient: ClaimedRecipient): string | null {
  if (recipient.contact === null || (!recipient.contact.waId && !recipient.contact.userId)) {
    return CAMPAIGN_SKIP_REASONS.contactDeleted;
  }
  const optedOut = recipient.contact.marketingConsent === 'opted_out' || recipient.contact.optedOut;
  if (campaign.templateCategory.toUpperCase() === 'MARKETING' && optedOut) {
    return CAMPAIGN_SKIP_REASONS.optedOut;
  }
  return null;
}
