/**
 * Broadcast campaigns: the contract of `/campaigns` and the `campaign.updated` socket event (docs/adr/0116).
 * A campaign sends one approved template from one number to an audience; each recipient is sent at most once.
 */

export const CAMPAIGN_STATUSES = ['scheduled', 'running', 'paused', 'completed', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** A recipient row's own state; once `queued`, what happens next is its message's status. */
export const CAMPAIGN_RECIPIENT_ROW_STATES = ['pending', 'queued', 'skipped', 'cancelled'] as const;
export type CampaignRecipientRowState = (typeof CAMPAIGN_RECIPIENT_ROW_STATES)[number];

/** A recipient's state in the report: one of these at a time, so the totals add up to the audience. */
export const CAMPAIGN_RECIPIENT_STATES = [
  'queued',
  'sent',
  'delivered',
  'read',
  'replied',
  'failed',
  'skipped',
  'cancelled',
] as const;
export type CampaignRecipientState = (typeof CAMPAIGN_RECIPIENT_STATES)[number];

/** Why a recipient is skipped before anything is sent. */
export const CAMPAIGN_SKIP_REASONS = {
  /** A marketing template to a contact without granted marketing consent. */
  noConsent: 'no_marketing_consent',
  /** The customer stopped marketing messages (user_preferences) or the team marked the contact opted out. */
  optedOut: 'opted_out',
  /** Meta does not deliver marketing templates to this market (+1 numbers: error 131049). */
  marketBlocked: 'market_blocks_marketing',
  /** The contact was deleted before its turn came. */
  contactDeleted: 'contact_deleted',
} as const;
export type CampaignSkipReason = (typeof CAMPAIGN_SKIP_REASONS)[keyof typeof CAMPAIGN_SKIP_REASONS];

/** Where a template parameter's value comes from: a contact field or a fixed text. */
export type CampaignVariableSource = { field: string } | { text: string };

/**
 * Template body parameters by their name in the template (`"1"`, `"2"` for positional ones): a contact field
 * (`name`, `profileName`, `displayName`, `phone`, `username`, `attributes.<key>`) or a fixed text.
 */
export type CampaignVariables = Record<string, CampaignVariableSource>;

export interface CampaignAudience {
  tags?: string[];
  /** Every listed attribute must equal its value. */
  attributes?: Record<string, string>;
  contactIds?: string[];
}

export interface CampaignEstimateLine {
  /** ISO 3166 alpha-2, or `other`. */
  market: string;
  recipients: number;
  /** Per message, in `currency`. */
  unitPrice: number;
}

export interface CampaignEstimate {
  currency: string;
  category: string;
  recipients: number;
  lines: CampaignEstimateLine[];
  total: number;
}

export type CampaignTotals = Record<CampaignRecipientState, number> & { recipients: number };

export interface CampaignDto {
  id: string;
  name: string;
  whatsappAccountId: string;
  status: CampaignStatus;
  template: { name: string; language: string; category: string; variables: CampaignVariables };
  audience: CampaignAudience;
  scheduledAt: string;
  startedAt: string | null;
  pausedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  estimate: CampaignEstimate;
  totals: CampaignTotals;
  createdAt: string;
}

export interface CampaignRecipientDto {
  id: string;
  contactId: string | null;
  displayName: string;
  waId: string | null;
  userId: string | null;
  state: CampaignRecipientState;
  /** Why it was skipped, cancelled or failed (Meta's error title for a failure). */
  reason: string | null;
  /** Meta's error code for a failed send. */
  errorCode: number | null;
  messageId: string | null;
  parameters: string[];
  queuedAt: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  repliedAt: string | null;
  failedAt: string | null;
}

/** `campaign.updated`: sent to the tenant's room when a campaign's status or totals change, at most once a second. */
export interface CampaignUpdatedEvent {
  campaign: CampaignDto;
}
