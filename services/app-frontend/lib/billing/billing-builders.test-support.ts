import type {
  InvoiceDto,
  MetaBudgetDto,
  OverageName,
  PlanDto,
  SubscriptionDto,
  UsageCounts,
  UsageReportDto,
} from '@aerostic/shared';

/** Small builders for billing tests: a plan, subscription, usage report or invoice with just what a test needs. */

const NO_OVERAGE: Record<OverageName, number | null> = {
  agents: null,
  whatsappNumbers: null,
  outboundMessages: null,
  campaignRecipients: null,
  aiReplies: null,
};

/** A plan priced in USD at `monthlyMinor` (2,900 unless told). */
export function aPlan(overrides: Partial<PlanDto> & { monthlyMinor?: number } = {}): PlanDto {
  const { monthlyMinor = 2900, ...rest } = overrides;
  return {
    id: '00000000-0000-4000-8000-0000000000a1',
    code: 'starter',
    name: 'Starter',
    description: 'For small teams',
    quotas: {
      agents: 3,
      whatsappNumbers: 1,
      contacts: 5000,
      outboundMessagesPerMonth: 10000,
      campaignRecipientsPerMonth: 1000,
      aiRepliesPerMonth: 100,
    },
    prices: [{ currency: 'USD', monthlyMinor, overageMinor: NO_OVERAGE }],
    trialDays: 0,
    active: true,
    sortOrder: 1,
    ...rest,
  };
}

export function aSubscription(overrides: Partial<SubscriptionDto> = {}): SubscriptionDto {
  return {
    tenantId: '00000000-0000-4000-8000-0000000000t1',
    plan: aPlan(),
    status: 'active',
    currency: 'USD',
    currentPeriodStart: '2026-12-01T00:00:00.000Z',
    currentPeriodEnd: '2027-01-01T00:00:00.000Z',
    trialEndsAt: null,
    scheduledChange: null,
    paymentMethod: null,
    ...overrides,
  };
}

const ZERO_COUNTS: UsageCounts = {
  messagesIn: 0,
  messagesOut: 0,
  byType: {},
  templatesByCategory: {},
  campaignRecipients: 0,
  aiReplies: 0,
  aiPromptTokens: 0,
  aiCompletionTokens: 0,
  activeAgents: 0,
};

export function aUsageReport(overrides: Partial<UsageReportDto> = {}): UsageReportDto {
  return {
    from: '2026-12-01',
    to: '2026-12-31',
    timeZone: 'UTC',
    days: [],
    totals: { ...ZERO_COUNTS, metaCost: { currency: 'USD', amountMicros: 0 } },
    metaCostByCategory: {},
    metaCostByNumber: [],
    quotas: [],
    ...overrides,
  };
}

export function aBudget(overrides: Partial<MetaBudgetDto> = {}): MetaBudgetDto {
  return { monthlyMicros: null, spentMicros: 0, state: 'ok', ...overrides };
}

export function anInvoice(overrides: Partial<InvoiceDto> = {}): InvoiceDto {
  return {
    id: '00000000-0000-4000-8000-0000000000i1',
    tenantId: '00000000-0000-4000-8000-0000000000t1',
    number: 'AER-2026-000042',
    status: 'open',
    currency: 'USD',
    periodStart: '2026-11-01T00:00:00.000Z',
    periodEnd: '2026-12-01T00:00:00.000Z',
    issuedAt: '2026-12-01T00:05:00.000Z',
    dueAt: '2026-12-15T00:00:00.000Z',
    paidAt: null,
    voidedAt: null,
    lines: [],
    subtotalMinor: 2900,
    taxRateBasisPoints: 1900,
    taxMinor: 551,
    totalMinor: 3451,
    sellerTaxId: null,
    ...overrides,
  };
}
