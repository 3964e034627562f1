import { type BillingCurrency, type PlanPrice } from '@aerostic/shared';

const DAY_MS = 86_400_000;

/**
 * One calendar month later in UTC, the day clamped to the month's last (31 January → 28 or 29 February), so that a
 * period never skips a month (docs/adr/0133).
 */
export function addMonth(from: Date): Date {
  const year = from.getUTCFullYear();
  const month = from.getUTCMonth() + 1;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const next = new Date(from);
  next.setUTCFullYear(year, month, Math.min(from.getUTCDate(), lastDay));
  return next;
}

export function addDays(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY_MS);
}

/** The plan's monthly price in `currency`; null when the plan is not sold in it. */
export function monthlyPrice(prices: readonly PlanPrice[], currency: BillingCurrency): number | null {
  return prices.find((price) => price.currency === currency)?.monthlyMinor ?? null;
}

/**
 * An upgrade's charge for the rest of the period (docs/adr/0133): the difference of the monthly prices times the
 * fraction of the period still to come, measured in milliseconds, rounded half away from zero to a minor unit.
 */
export function prorationMinor(
  fromMonthly: number,
  toMonthly: number,
  period: { start: Date; end: Date },
  now: Date,
): number {
  const length = period.end.getTime() - period.start.getTime();
  const remaining = Math.min(Math.max(period.end.getTime() - now.getTime(), 0), length);
  const exact = ((toMonthly - fromMonthly) * remaining) / length;
  return Math.sign(exact) * Math.round(Math.abs(exact));
}
