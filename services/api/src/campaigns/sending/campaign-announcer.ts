/**
 * Tells the workspace that a campaign's status or totals changed (`campaign.updated`, throttled by the implementation).
 * The campaigns module provides it; the sending engine only says when.
 */
export interface CampaignAnnouncer {
  announce(tenantId: string, campaignId: string): void | Promise<void>;
}

export const CAMPAIGN_ANNOUNCER = Symbol('CAMPAIGN_ANNOUNCER');
