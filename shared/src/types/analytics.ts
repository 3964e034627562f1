/**
 * Analytics (issue 19's contract). Every endpoint takes `from` and `to` as `YYYY-MM-DD`, both inclusive, in the
 * tenant's time zone, and answers from daily rollups kept as messages and statuses arrive.
 */

export interface Percentiles {
  /** Seconds; null when nothing was measured in the range. */
  median: number | null;
  p90: number | null;
}

/** `GET /analytics/summary?from=&to=` (the shape is the contract). */
export interface AnalyticsSummaryDto {
  messagesIn: number;
  messagesOut: number;
  delivered: number;
  read: number;
  failed: number;
  conversationsOpened: number;
  conversationsResolved: number;
  firstResponseSeconds: Percentiles;
  resolutionSeconds: Percentiles;
}

/** `GET /analytics/daily?from=&to=`: one row per day of the range, days without traffic included (zeros). */
export interface AnalyticsDayDto {
  date: string;
  messagesIn: number;
  messagesOut: number;
  delivered: number;
  read: number;
  failed: number;
  conversationsOpened: number;
  conversationsResolved: number;
  metaCostMicros: number;
}

/** `GET /analytics/agents?from=&to=`: agents with any activity in the range. */
export interface AnalyticsAgentDto {
  userId: string;
  name: string;
  /** Conversations the agent replied in. */
  conversations: number;
  replies: number;
  firstResponseSeconds: Percentiles;
  resolved: number;
}

/** `GET /analytics/numbers?from=&to=`. */
export interface AnalyticsNumberDto {
  whatsappAccountId: string;
  displayPhoneNumber: string | null;
  messagesIn: number;
  messagesOut: number;
  delivered: number;
  read: number;
  failed: number;
  metaCostMicros: number;
}

/** `GET /analytics/templates?from=&to=`: the most sent first; rates are 0..1 of `sent`. */
export interface AnalyticsTemplateDto {
  name: string;
  language: string;
  category: string | null;
  sent: number;
  delivered: number;
  read: number;
  /** Sends the customer answered (an inbound message in the conversation within 24 h). */
  replied: number;
  readRate: number;
  replyRate: number;
}

/** `GET /analytics/campaigns?from=&to=`: campaigns started in the range. */
export interface AnalyticsCampaignDto {
  campaignId: string;
  name: string;
  startedAt: string | null;
  recipients: number;
  sent: number;
  delivered: number;
  read: number;
  replied: number;
  failed: number;
}

/** `GET /admin/analytics` (Control Tower): the platform's revenue and its biggest tenants this month. */
export interface PlatformAnalyticsDto {
  /** Monthly recurring revenue of active (paying) subscriptions, per currency, minor units. */
  mrr: Array<{ currency: string; amountMinor: number }>;
  tenantsByPlan: Array<{ planId: string; code: string; name: string; tenants: number }>;
  topTenantsByVolume: Array<{ tenantId: string; name: string; messages: number }>;
  topTenantsByMetaCost: Array<{ tenantId: string; name: string; metaCostMicros: number }>;
}
