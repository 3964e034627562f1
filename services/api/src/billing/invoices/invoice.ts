import {
  type BillingCurrency,
  type InvoiceDto,
  type InvoiceLineDto,
  type OverageName,
  type PlanPrice,
} from '@aerostic/shared';

/** An invoice as stored: the contract's fields, the customer's name printed on it, and how it was paid. */
export interface Invoice extends Omit<
  InvoiceDto,
  'issuedAt' | 'dueAt' | 'paidAt' | 'voidedAt' | 'periodStart' | 'periodEnd'
> {
  customerName: string;
  periodStart: Date;
  periodEnd: Date;
  issuedAt: Date;
  dueAt: Date;
  paidAt: Date | null;
  voidedAt: Date | null;
  paidVia: 'stripe' | 'bank_transfer' | null;
  stripeInvoiceId: string | null;
}

export type NewInvoice = Omit<Invoice, 'status' | 'paidAt' | 'voidedAt' | 'paidVia' | 'stripeInvoiceId'>;

/** Days from issue to due date. */
export const INVOICE_DUE_DAYS = 14;

/** `AER-2026-000042`: the year of issue and the year's counter. */
export function invoiceNumber(year: number, n: number): string {
  return `AER-${year}-${String(n).padStart(6, '0')}`;
}

/** Usage beyond the plan billed per extra unit (agents, numbers) or per started block of 1,000 (docs/adr/0136). */
const OVERAGE_UNITS: Record<OverageName, { block: number; what: [string, string]; quota: string }> = {
  agents: { block: 1, what: ['agent', 'agents'], quota: 'agents' },
  whatsappNumbers: { block: 1, what: ['WhatsApp number', 'WhatsApp numbers'], quota: 'whatsappNumbers' },
  outboundMessages: { block: 1000, what: ['outbound message', 'outbound messages'], quota: 'outboundMessagesPerMonth' },
  campaignRecipients: {
    block: 1000,
    what: ['campaign recipient', 'campaign recipients'],
    quota: 'campaignRecipientsPerMonth',
  },
  aiReplies: { block: 1000, what: ['AI reply', 'AI replies'], quota: 'aiRepliesPerMonth' },
};

const count = new Intl.NumberFormat('en-US').format;

/**
 * One overage line per measure beyond its quota that the plan sells: quantity is the extra units (agents, numbers)
 * or started blocks of 1,000 (messages, recipients, AI replies). A quota that is null or absent is unlimited; a null
 * price means not sold (the quota is a hard limit), so neither bills anything.
 */
export function overageLines(
  quotas: Record<string, number | null>,
  price: PlanPrice,
  used: Record<OverageName, number>,
): InvoiceLineDto[] {
  return (Object.keys(OVERAGE_UNITS) as OverageName[]).flatMap((name) => {
    const { block, what, quota: quotaName } = OVERAGE_UNITS[name];
    const quota = quotas[quotaName];
    const unit = price.overageMinor[name];
    if (quota === null || quota === undefined || unit === null || used[name] <= quota) return [];
    const extra = used[name] - quota;
    const quantity = Math.ceil(extra / block);
    const per = block === 1 ? '' : ` (${quantity} × ${count(block)})`;
    return [
      {
        kind: 'overage' as const,
        description: `${count(extra)} ${what[extra === 1 ? 0 : 1]} beyond the ${count(quota)} included${per}`,
        quantity,
        unitAmountMinor: unit,
        amountMinor: quantity * unit,
      },
    ];
  });
}

/** Tax on the subtotal, rounded half up to the minor unit. */
export function taxOf(subtotalMinor: number, rateBasisPoints: number): number {
  return Math.round((subtotalMinor * rateBasisPoints) / 10_000);
}

export function priceIn(prices: readonly PlanPrice[], currency: BillingCurrency): PlanPrice | undefined {
  return prices.find((price) => price.currency === currency);
}

export function toInvoiceDto(invoice: Invoice): InvoiceDto {
  return {
    id: invoice.id,
    tenantId: invoice.tenantId,
    number: invoice.number,
    status: invoice.status,
    currency: invoice.currency,
    periodStart: invoice.periodStart.toISOString(),
    periodEnd: invoice.periodEnd.toISOString(),
    issuedAt: invoice.issuedAt.toISOString(),
    dueAt: invoice.dueAt.toISOString(),
    paidAt: invoice.paidAt?.toISOString() ?? null,
    voidedAt: invoice.voidedAt?.toISOString() ?? null,
    lines: invoice.lines,
    subtotalMinor: invoice.subtotalMinor,
    taxRateBasisPoints: invoice.taxRateBasisPoints,
    taxMinor: invoice.taxMinor,
    totalMinor: invoice.totalMinor,
    sellerTaxId: invoice.sellerTaxId,
  };
}
