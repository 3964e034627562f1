import Link from 'next/link';
import { cn } from '@/lib/cn';
import { type AnalyticsRange, RANGE_PRESETS } from '@/lib/analytics/analytics-range';

/** Today, 7 days, 30 days as links; a custom range as a plain GET form (works without JavaScript). */
export function RangePicker({ range, timeZone }: { range: AnalyticsRange; timeZone: string }) {
  return (
    <div className="flex flex-wrap items-end gap-4">
      <nav aria-label="Date range" className="flex gap-1">
        {RANGE_PRESETS.map((p) => (
          <Link
            key={p.key}
            href={`/dashboard/analytics?range=${p.key}`}
            aria-current={range.preset === p.key ? 'page' : undefined}
            className={cn(
              'rounded-lg px-3 py-1.5 text-sm font-medium',
              range.preset === p.key ? 'bg-brand-50 text-brand-800' : 'text-ink-muted hover:bg-canvas hover:text-ink',
            )}
          >
            {p.label}
          </Link>
        ))}
      </nav>
      <form action="/dashboard/analytics" className="flex flex-wrap items-end gap-2 text-sm">
        <input type="hidden" name="range" value="custom" />
        <label className="flex flex-col gap-1">
          <span className="text-ink-muted">From</span>
          <input
            type="date"
            name="from"
            defaultValue={range.from}
            className="rounded-md border border-line px-2 py-1"
          />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-ink-muted">To</span>
          <input type="date" name="to" defaultValue={range.to} className="rounded-md border border-line px-2 py-1" />
        </label>
        <button type="submit" className="rounded-md border border-line px-3 py-1 font-medium hover:bg-canvas">
          Show
        </button>
      </form>
      <p className="text-xs text-ink-muted">Days in your workspace&apos;s time zone, {timeZone}.</p>
    </div>
  );
}
