import {
  CAMPAIGN_CANCELLED_REASON,
  CAMPAIGN_SKIP_REASONS,
  type CampaignDto,
  type CampaignRecipientState,
  type CampaignStatus,
  type CampaignTotals,
} from '@aerostic/shared';
import { formatInTimeZone } from './campaign-time';

type Tone = 'brand' | 'neutral' | 'success' | 'warning' | 'danger';

export const CAMPAIGN_STATUS_VIEW: Record<CampaignStatus, { label: string; tone: Tone }> = {
  scheduled: { label: 'Scheduled', tone: 'neutral' },
  running: { label: 'Sending', tone: 'brand' },
  paused: { label: 'Paused', tone: 'warning' },
  completed: { label: 'Completed', tone: 'success' },
  cancelled: { label: 'Cancelled', tone: 'danger' },
};

export const RECIPIENT_STATE_VIEW: Record<CampaignRecipientState, { label: string; tone: Tone }> = {
  pending: { label: 'Pending', tone: 'neutral' },
  queued: { label: 'Queued', tone: 'neutral' },
  sent: { label: 'Sent', tone: 'brand' },
  delivered: { label: 'Delivered', tone: 'brand' },
  read: { label: 'Read', tone: 'success' },
  replied: { label: 'Replied', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  skipped: { label: 'Skipped', tone: 'warning' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

const SKIP_REASON_LABELS: Record<string, string> = {
  [CAMPAIGN_SKIP_REASONS.noConsent]: 'No marketing consent',
  [CAMPAIGN_SKIP_REASONS.optedOut]: 'Opted out of marketing',
  [CAMPAIGN_SKIP_REASONS.marketBlocked]: 'Meta blocks marketing templates in this market (+1 numbers)',
  [CAMPAIGN_CANCELLED_REASON]: 'The campaign was cancelled before this send',
};

/** A reason the platform names with a code reads as a sentence; Meta's own titles are shown as they are. */
export function reasonLabel(reason: string | null): string | null {
  if (!reason) return null;
  return SKIP_REASON_LABELS[reason] ?? reason;
}

/**
 * The recipients a message reached Meta for: a recipient is in one state at a time, so one that was read was also
 * sent and delivered.
 */
export function sentCount(totals: CampaignTotals): number {
  return totals.sent + totals.delivered + totals.read + totals.replied;
}

export function deliveredCount(totals: CampaignTotals): number {
  return totals.delivered + totals.read + totals.replied;
}

export function readCount(totals: CampaignTotals): number {
  return totals.read + totals.replied;
}

/** Recipients the campaign is done with (it may still learn that they read or replied): all but pending and queued. */
export function settledCount(totals: CampaignTotals): number {
  return totals.recipients - totals.pending - totals.queued;
}

/** "42%" (one decimal under 10 %); "—" when nothing was sent yet, rather than a misleading 0 %. */
export function formatRate(part: number, whole: number): string {
  if (whole <= 0) return '—';
  const percent = (part / whole) * 100;
  if (percent > 0 && percent < 10) return `${percent.toFixed(1).replace(/\.0$/, '')}%`;
  return `${Math.round(percent)}%`;
}

export interface CampaignRates {
  sent: number;
  delivered: string;
  read: string;
  replied: string;
}

/** Delivered, read and replied as shares of what was sent. */
export function campaignRates(totals: CampaignTotals): CampaignRates {
  const sent = sentCount(totals);
  return {
    sent,
    delivered: formatRate(deliveredCount(totals), sent),
    read: formatRate(readCount(totals), sent),
    replied: formatRate(totals.replied, sent),
  };
}

/** "1,234" */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** "US$12.34" for an estimate; small unit prices keep four decimals. */
export function formatMoney(amount: number, currency: string, unit = false): string {
  try {
    return new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: unit ? 4 : 2,
    }).format(amount);
  } catch {
    return `${amount.toFixed(unit ? 4 : 2)} ${currency}`;
  }
}

const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });

/** A market of the estimate: an ISO country code as its name, `other` as "Other markets". */
export function marketLabel(market: string): string {
  if (market === 'other') return 'Other markets';
  try {
    return REGION_NAMES.of(market.toUpperCase()) ?? market;
  } catch {
    return market;
  }
}

/** When the campaign starts or started, on the workspace's clock: "Scheduled for 2 Jun 2026, 09:00". */
export function campaignWhen(
  campaign: Pick<CampaignDto, 'status' | 'scheduledAt' | 'startedAt'>,
  timeZone: string,
): string {
  if (campaign.status === 'scheduled') return `Scheduled for ${formatInTimeZone(campaign.scheduledAt, timeZone)}`;
  if (campaign.startedAt) return `Started ${formatInTimeZone(campaign.startedAt, timeZone)}`;
  return `Was scheduled for ${formatInTimeZone(campaign.scheduledAt, timeZone)}`;
}
