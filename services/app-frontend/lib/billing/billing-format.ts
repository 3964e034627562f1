import type { BillingCurrency, LimitName, PlanDto, PlanPrice } from '@aerostic/shared';

/*
 * How the Billing page says money and usage. Plan prices and invoices are integers in minor units of their
 * currency; Meta's rates and costs are micros of a US dollar (docs: shared/src/types/billing.ts).
 */

const LOCALE = 'en-US';
const MICROS_PER_UNIT = 1_000_000;
const DAY_MS = 86_400_000;

export const QUOTA_LABELS: Record<LimitName, string> = {
  agents: 'Agents',
  whatsappNumbers: 'WhatsApp numbers',
  contacts: 'Contacts',
  outboundMessagesPerMonth: 'Outbound messages this month',
  campaignRecipientsPerMonth: 'Campaign recipients this month',
  aiRepliesPerMonth: 'AI replies this month',
};

/** "$1,234.50", "€9.00", "₹799.00": an amount in minor units, with as many decimals as its currency has. */
export function formatMinor(minor: number, currency: string): string {
  const format = new Intl.NumberFormat(LOCALE, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/** "$0.0107", "$12.35", "$3.1416": Meta's fractions of a cent need up to four decimals, whole sums two. */
export function formatMicros(micros: number, currency = 'USD'): string {
  return new Intl.NumberFormat(LOCALE, {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 4,
  }).format(micros / MICROS_PER_UNIT);
}

/** "1,250": counts read with thousands separators. */
export function formatCount(n: number): string {
  return n.toLocaleString(LOCALE);
}

/** How much of a limit is used, in whole percent (over 100 when past it); null for an unlimited one. */
export function percentUsed(used: number, max: number | null): number | null {
  if (max === null) return null;
  if (max <= 0) return used > 0 ? 100 : 0;
  return Math.round((used / max) * 100);
}

/** A bar's width: the percentage, held between 0 and 100. */
export function barWidth(percent: number): number {
  return Math.min(100, Math.max(0, percent));
}

/** Whole days until `iso` (a part of a day counts as one), 0 once it has passed. */
export function daysUntil(iso: string, now = Date.now()): number {
  return Math.max(0, Math.ceil((Date.parse(iso) - now) / DAY_MS));
}

/** The calendar month around `now` on the workspace's clock, as the `from` and `to` days of `GET /billing/usage`. */
export function monthRange(timeZone: string, now = Date.now()): { from: string; to: string } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(now);
  const year = Number(parts.find((p) => p.type === 'year')?.value);
  const month = Number(parts.find((p) => p.type === 'month')?.value);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const mm = String(month).padStart(2, '0');
  return { from: `${year}-${mm}-01`, to: `${year}-${mm}-${String(lastDay).padStart(2, '0')}` };
}

/** "2026-12": this month on the workspace's clock (what a dismissed budget banner is remembered for). */
export function currentMonth(timeZone: string, now = Date.now()): string {
  return monthRange(timeZone, now).from.slice(0, 7);
}

/** "1 Dec 2026": a day, read in UTC as the API's period boundaries are. */
export function formatDay(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    date,
  );
}

/** "1 Dec – 31 Dec 2026", or "1 Dec 2026 – 1 Jan 2027" across a year's end. */
export function formatPeriod(startIso: string, endIso: string): string {
  const start = formatDay(startIso);
  const end = formatDay(endIso);
  const sameYear = start.slice(-4) === end.slice(-4);
  return `${sameYear ? start.replace(/ \d{4}$/, '') : start} – ${end}`;
}

export function priceIn(plan: PlanDto, currency: BillingCurrency): PlanPrice | null {
  return plan.prices.find((price) => price.currency === currency) ?? null;
}

/** "$49.00 / month", "Free", or null when the plan has no price in that currency. */
export function formatPlanPrice(plan: PlanDto, currency: BillingCurrency): string | null {
  const price = priceIn(plan, currency);
  if (!price) return null;
  return price.monthlyMinor === 0 ? 'Free' : `${formatMinor(price.monthlyMinor, currency)} / month`;
}

export type PlanDirection = 'current' | 'upgrade' | 'downgrade';

/**
 * Whether choosing `target` is an upgrade (costs more: applies at once, prorated) or a downgrade (at the period's
 * end): by monthly price in the subscription's currency, by the plans' order when a price is missing or equal.
 */
export function planDirection(current: PlanDto, target: PlanDto, currency: BillingCurrency): PlanDirection {
  if (current.id === target.id) return 'current';
  const from = priceIn(current, currency)?.monthlyMinor;
  const to = priceIn(target, currency)?.monthlyMinor;
  if (from !== undefined && to !== undefined && from !== to) return to > from ? 'upgrade' : 'downgrade';
  return target.sortOrder > current.sortOrder ? 'upgrade' : 'downgrade';
}

/** A quota in a sentence: "Up to 5", "Unlimited". */
export function formatQuota(max: number | null): string {
  return max === null ? 'Unlimited' : `Up to ${formatCount(max)}`;
}

/** Meta's pricing categories as people read them ("authentication_international" → "Authentication international"). */
export function categoryLabel(category: string): string {
  const words = category.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Micros → "99.50" for the budget field. */
export function microsToDollars(micros: number): string {
  return (micros / MICROS_PER_UNIT).toFixed(2);
}
