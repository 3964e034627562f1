/**
 * Broadcast campaigns: the contract of `/campaigns` and the `campaign.updated` socket event (docs/adr/0116).
 * A campaign sends one approved template from one number to an audience; each recipient is sent at most once.
 */

export const CAMPAIGN_STATUSES = ['scheduled', 'running', 'paused', 'completed', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** A recipient row's own state; once `queued`, what happens next is its message's status. */
export const CAMPAIGN_RECIPIENT_ROW_STATES = ['pending', 'queued', 'skipped', 'cancelled'] as const;
export type CampaignRecipientRowState = (typeof CAMPAIGN_RECIPIENT_ROW_STATES)[number];

/**
 * A recipient's state in the report: one of these at a time, so the totals add up to the audience. `pending` is not
 * handed to the sender yet (a scheduled or paused campaign, or one still sending).
 */
export const CAMPAIGN_RECIPIENT_STATES = [
  'pending',
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

/**
 * Who receives a campaign: the contacts that meet every criterion given (at least one is required). Contacts chosen
 * by `contactIds` are sent in the list's order, the others oldest contact first.
 */
export interface CampaignAudience {
  /** Contacts with at least one of these tags. */
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
  /** Why the platform paused it (e.g. the monthly Meta budget is used up); null when paused by a person or running. */
  pausedReason: string | null;
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

/** The reason of a recipient that was still pending when its campaign was cancelled. */
export const CAMPAIGN_CANCELLED_REASON = 'campaign cancelled';

/** A template parameter some recipients to be sent have no value for: a campaign with one cannot be created. */
export interface CampaignMissingVariable {
  /** The parameter's name in the template (`"1"`, `"first_name"`). */
  parameter: string;
  /** Its source, as the request mapped it. */
  source: CampaignVariableSource;
  /** How many recipients to be sent have no value for it. */
  recipients: number;
  /** The first few of them, in sending order. */
  examples: { contactId: string | null; displayName: string }[];
}

/** One recipient of `POST /campaigns/preview`, with the message they would get. */
export interface CampaignPreviewRecipientDto {
  position: number;
  contactId: string;
  displayName: string;
  waId: string | null;
  userId: string | null;
  /** `pending` (would be sent) or `skipped`. */
  state: 'pending' | 'skipped';
  reason: CampaignSkipReason | null;
  /** The body's parameters, in the order of the template's variables; empty text where a value is missing. */
  parameters: string[];
  /** The template's body with this recipient's values (a missing one is left as `{{name}}`). */
  text: string;
}

/** `POST /campaigns/preview`: what creating the campaign would do, before anything is stored or sent. */
export interface CampaignPreviewDto {
  /** Every contact of the audience. */
  recipients: number;
  /** Those that would be sent (not skipped). */
  sending: number;
  skipped: Record<CampaignSkipReason, number>;
  estimate: CampaignEstimate;
  /** Parameters without a value for some recipients to be sent; creating the campaign is refused until none. */
  missing: CampaignMissingVariable[];
  /** A page of recipients in sending order (`?limit=&cursor=`). */
  data: CampaignPreviewRecipientDto[];
  nextCursor: string | null;
}

/** A row of an audience CSV that was not saved: `line` is the file's line, the header being line 1. */
export interface CampaignAudienceCsvRejection {
  line: number;
  reason: string;
}

/** `POST /campaigns/audience.csv`: the saved rows' contacts, in file order, for `audience.contactIds`. */
export interface CampaignAudienceCsvResult {
  contactIds: string[];
  rejected: CampaignAudienceCsvRejection[];
}

/** `campaign.updated`: sent to the tenant's room when a campaign's status or totals change, at most once a second. */
export interface CampaignUpdatedEvent {
  campaign: CampaignDto;
}
