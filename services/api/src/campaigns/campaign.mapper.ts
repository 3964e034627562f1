import {
  CAMPAIGN_RECIPIENT_STATES,
  type CampaignDto,
  type CampaignEstimate,
  type CampaignRecipientDto,
  type CampaignTotals,
  META_PRICING_CURRENCY,
  metaUnitPrice,
  type PricedCategory,
} from '@aerostic/shared';
import { InvalidCursorError } from '../common/http/domain-error';
import { type Campaign } from '../database/entities';
import { type AudienceCount, type RecipientReport } from './campaign.repository';

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function toCampaignTotals(byState: ReadonlyMap<string, number> | undefined): CampaignTotals {
  const totals = Object.fromEntries(CAMPAIGN_RECIPIENT_STATES.map((s) => [s, byState?.get(s) ?? 0])) as Omit<
    CampaignTotals,
    'recipients'
  >;
  return { ...totals, recipients: Object.values(totals).reduce((sum, n) => sum + n, 0) };
}

export function toCampaignDto(campaign: Campaign, byState: ReadonlyMap<string, number> | undefined): CampaignDto {
  return {
    id: campaign.id,
    name: campaign.name,
    whatsappAccountId: campaign.whatsappAccountId,
    status: campaign.status,
    template: {
      name: campaign.templateName,
      language: campaign.templateLanguage,
      category: campaign.templateCategory,
      variables: campaign.variables,
    },
    audience: campaign.audience,
    scheduledAt: campaign.scheduledAt.toISOString(),
    startedAt: iso(campaign.startedAt),
    pausedAt: iso(campaign.pausedAt),
    pausedReason: campaign.pausedReason,
    completedAt: iso(campaign.completedAt),
    cancelledAt: iso(campaign.cancelledAt),
    estimate: campaign.estimate,
    totals: toCampaignTotals(byState),
    createdAt: campaign.createdAt.toISOString(),
  };
}

export function toCampaignRecipientDto(r: RecipientReport): CampaignRecipientDto {
  const failed = r.reportState === 'failed';
  return {
    id: r.id,
    contactId: r.contactId,
    displayName: r.displayName,
    waId: r.waId,
    userId: r.userId,
    state: r.reportState,
    reason: failed ? (r.error?.title ?? r.error?.details ?? null) : r.reason,
    errorCode: failed ? (r.error?.code ?? null) : null,
    messageId: r.messageId,
    parameters: r.parameters,
    queuedAt: iso(r.queuedAt),
    sentAt: iso(r.sentAt),
    deliveredAt: iso(r.deliveredAt),
    readAt: iso(r.readAt),
    repliedAt: iso(r.repliedAt),
    failedAt: iso(r.failedAt),
  };
}

/** The cost of the recipients to be sent, by market, at Meta's list prices (rounded to a hundredth of a cent). */
export function estimateOf(counts: readonly AudienceCount[], category: PricedCategory): CampaignEstimate {
  const byMarket = new Map<string, number>();
  for (const c of counts) if (c.reason === null) byMarket.set(c.market, (byMarket.get(c.market) ?? 0) + c.recipients);
  const lines = [...byMarket]
    .map(([market, recipients]) => ({ market, recipients, unitPrice: metaUnitPrice(market, category) }))
    .sort((a, b) => b.recipients - a.recipients || a.market.localeCompare(b.market));
  const total = lines.reduce((sum, l) => sum + l.recipients * l.unitPrice, 0);
  return {
    currency: META_PRICING_CURRENCY,
    category,
    recipients: lines.reduce((sum, l) => sum + l.recipients, 0),
    lines,
    total: Math.round(total * 10_000) / 10_000,
  };
}

/** A page of recipients continues after a position in sending order. */
export function encodePositionCursor(position: number): string {
  return Buffer.from(`p${position}`).toString('base64url');
}

/** -1 (from the start) without a cursor. */
export function decodePositionCursor(cursor: string | undefined): number {
  if (cursor === undefined) return -1;
  const match = /^p(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new InvalidCursorError();
  return Number(match[1]);
}
