import { type LimitValues } from './admin';

/**
 * Billing (issue 19's contract). Money is always an integer in minor units of its currency (cents), except Meta's
 * per-message rates and estimated costs, which are fractions of a cent and are kept in micros (millionths of the
 * currency's major unit: $0.0107 is 10,700).
 */

/** The seeded plans' codes; super admins edit them (and may add others), so a plan's code is any text. */
export const SEEDED_PLAN_CODES = ['free', 'starter', 'growth', 'enterprise'] as const;

/** The currencies a plan can be priced in. */
export const BILLING_CURRENCIES = ['USD', 'EUR', 'GBP', 'INR', 'BRL'] as const;
export type BillingCurrency = (typeof BILLING_CURRENCIES)[number];

export const SUBSCRIPTION_STATUSES = ['trialing', 'active', 'past_due', 'canceled'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/**
 * What can be billed beyond a plan's inclusions, each priced in minor units: agents and numbers per extra one per
 * month, messages, campaign recipients and AI replies per extra 1,000. A null price means "not sold": the plan's
 * quota is a hard limit there (402).
 */
export const OVERAGE_NAMES = [
  'agents',
  'whatsappNumbers',
  'outboundMessages',
  'campaignRecipients',
  'aiReplies',
] as const;
export type OverageName = (typeof OVERAGE_NAMES)[number];

export interface PlanPrice {
  currency: BillingCurrency;
  /** The plan's price per month, in minor units. */
  monthlyMinor: number;
  overageMinor: Record<OverageName, number | null>;
}

/** `GET /billing/plans` (the plans a tenant can choose), `GET/POST/PATCH /admin/plans` (super admins). */
export interface PlanDto {
  id: string;
  code: string;
  name: string;
  description: string;
  /** What the plan includes; null means unlimited. The tenant's limits start from these (overrides on top). */
  quotas: LimitValues;
  prices: PlanPrice[];
  /** Days of trial a new workspace gets on this plan (0: none). */
  trialDays: number;
  /** Offered to tenants; an inactive plan keeps its subscribers but cannot be chosen. */
  active: boolean;
  sortOrder: number;
}

/** `GET /billing/subscription`. */
export interface SubscriptionDto {
  tenantId: string;
  plan: PlanDto;
  status: SubscriptionStatus;
  currency: BillingCurrency;
  currentPeriodStart: string;
  currentPeriodEnd: string;
  /** Set while trialing: when the trial ends and the workspace falls back to Free unless it has paid. */
  trialEndsAt: string | null;
  /** A downgrade waiting for the period's end. */
  scheduledChange: { plan: PlanDto; effectiveAt: string } | null;
  /** How the workspace pays: through Stripe (card), by bank transfer (invoices marked paid by a super admin). */
  paymentMethod: 'stripe' | 'bank_transfer' | null;
}

/** `POST /billing/subscription/change {planId, currency?}`: upgrades apply at once, downgrades at the period end. */
export interface PlanChangeResultDto {
  subscription: SubscriptionDto;
  /** `immediate`: the plan changed now (proration line on the next invoice); `scheduled`: at the period end. */
  effect: 'immediate' | 'scheduled';
  /** The prorated amount charged for an upgrade, in minor units (0 for a downgrade). */
  prorationMinor: number;
}

/** A `402` answer when a plan's limit stops an action carries the way out in `upgrade` (null when none is larger). */
export interface PlanLimitWayOut {
  upgrade: { planId: string; code: string; name: string } | null;
  billingUrl: string;
}

/** Message types counted in usage: WhatsApp's message types, plus `template` by category. */
export interface UsageCounts {
  messagesIn: number;
  messagesOut: number;
  /** By message type (text, image, template, …), each with its in and out counts. */
  byType: Record<string, { in: number; out: number }>;
  /** Outbound templates by category: MARKETING, UTILITY, AUTHENTICATION. */
  templatesByCategory: Record<string, number>;
  campaignRecipients: number;
  aiReplies: number;
  aiPromptTokens: number;
  aiCompletionTokens: number;
  /** Agents who sent at least one message: per day for a day, distinct over the range for totals. */
  activeAgents: number;
}

export interface MetaCostDto {
  currency: 'USD';
  amountMicros: number;
}

/** `GET /billing/usage?from=YYYY-MM-DD&to=YYYY-MM-DD`: both days inclusive, in the tenant's time zone. */
export interface UsageReportDto {
  from: string;
  to: string;
  timeZone: string;
  days: Array<UsageCounts & { date: string; metaCost: MetaCostDto }>;
  totals: UsageCounts & { metaCost: MetaCostDto };
  /** Estimated Meta cost of the range by pricing category (marketing, utility, authentication, service, …). */
  metaCostByCategory: Record<string, MetaCostDto>;
  /** Estimated Meta cost of the range by number. */
  metaCostByNumber: Array<{ whatsappAccountId: string; displayPhoneNumber: string | null; metaCost: MetaCostDto }>;
  /** This calendar month's usage (tenant time zone) against the plan's limits: what the Billing page's bars show. */
  quotas: Array<{ name: keyof LimitValues; used: number; max: number | null }>;
}

/** `GET/PUT /billing/budget`: the monthly Meta budget (PUT body `{monthlyMicros}`, null for none). */
export interface MetaBudgetDto {
  monthlyMicros: number | null;
  /** This calendar month's estimated Meta cost, tenant time zone. */
  spentMicros: number;
  /** `warning` from 80 %, `exhausted` from 100 %: marketing sends (campaigns, marketing templates) stop. */
  state: 'ok' | 'warning' | 'exhausted';
}

/** One rate of Meta's rate card (`GET/PUT /admin/rate-card`): what one billable message of a category costs. */
export interface MetaRateDto {
  /** Meta's pricing market, e.g. `IN`, `BR`, `REST_OF_LATAM`, `OTHER`. */
  market: string;
  /** Meta's pricing category: `marketing`, `utility`, `authentication`, `authentication_international`, `service`. */
  category: string;
  rateMicros: number;
}

export const INVOICE_STATUSES = ['draft', 'open', 'paid', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const INVOICE_LINE_KINDS = ['plan', 'proration', 'overage'] as const;
export type InvoiceLineKind = (typeof INVOICE_LINE_KINDS)[number];

export interface InvoiceLineDto {
  kind: InvoiceLineKind;
  description: string;
  quantity: number;
  unitAmountMinor: number;
  amountMinor: number;
}

/** `GET /billing/invoices` (newest first), `GET /admin/tenants/:id/invoices`; the PDF is `GET …/invoices/:id/pdf`. */
export interface InvoiceDto {
  id: string;
  tenantId: string;
  /** Platform-wide and gapless, e.g. `AER-2026-000042`. */
  number: string;
  status: InvoiceStatus;
  currency: BillingCurrency;
  periodStart: string;
  periodEnd: string;
  issuedAt: string;
  dueAt: string;
  paidAt: string | null;
  voidedAt: string | null;
  lines: InvoiceLineDto[];
  subtotalMinor: number;
  /** The platform's tax rate in basis points (1,900 = 19 %). */
  taxRateBasisPoints: number;
  taxMinor: number;
  totalMinor: number;
  /** The platform's tax id printed on the invoice. */
  sellerTaxId: string | null;
}

/** `POST /billing/checkout {planId, currency}` and `POST /billing/portal`: where the browser goes next (Stripe). */
export interface BillingRedirectDto {
  url: string;
}
