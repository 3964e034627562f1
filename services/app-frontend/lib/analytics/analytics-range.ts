import { daysInRange } from '@aerostic/shared';

export const RANGE_PRESETS = [
  { key: 'today', label: 'Today', days: 1 },
  { key: '7d', label: '7 days', days: 7 },
  { key: '30d', label: '30 days', days: 30 },
] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number]['key'] | 'custom';

export interface AnalyticsRange {
  preset: RangePreset;
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Today's date, `YYYY-MM-DD`, in the workspace's time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  return now.toLocaleDateString('en-CA', { timeZone });
}

const minusDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);

/**
 * The range the page shows from its search params: a preset ending today in the workspace's time zone, or a custom
 * `from`/`to` (both inclusive, at most 366 days); 7 days when nothing usable was asked for.
 */
export function rangeOf(
  params: { range?: string; from?: string; to?: string },
  timeZone: string,
  now = new Date(),
): AnalyticsRange {
  const today = todayIn(timeZone, now);
  const { from, to } = params;
  if (params.range === 'custom' && from && to && DATE.test(from) && DATE.test(to)) {
    const days = daysInRange(from, to);
    if (days >= 1 && days <= 366) return { preset: 'custom', from, to };
  }
  const preset = RANGE_PRESETS.find((p) => p.key === params.range) ?? RANGE_PRESETS[1];
  return { preset: preset.key, from: minusDays(today, preset.days - 1), to: today };
}

/** Seconds as a person reads a wait: "45 s", "12 min", "3.5 h"; a dash when nothing was measured. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${(seconds / 3600).toFixed(1).replace(/\.0$/, '')} h`;
  return `${(seconds / 86400).toFixed(1).replace(/\.0$/, '')} d`;
}

/** Meta's cost in micros of the rate card's currency, as an amount with two decimals. */
export function formatMicros(micros: number): string {
  return (micros / 1_000_000).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
