import { barWidth } from '@/lib/billing/billing-format';
import { cn } from '@/lib/cn';

/** From 80 % a bar turns amber, from 100 % red: the same thresholds as the Meta budget's. */
export function toneOf(percent: number): 'ok' | 'warning' | 'over' {
  if (percent >= 100) return 'over';
  return percent >= 80 ? 'warning' : 'ok';
}

const FILL = { ok: 'bg-brand-600', warning: 'bg-warning-700', over: 'bg-danger-600' } as const;

/** A labelled meter: what is used of what is allowed, read out by screen readers as a percentage. */
export function UsageBar({ label, percent, detail }: { label: string; percent: number; detail: string }) {
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{label}</span>
        <span className="text-ink-muted tabular-nums">{detail}</span>
      </div>
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={barWidth(percent)}
        aria-valuetext={`${percent} %`}
        className="h-2 overflow-hidden rounded-full bg-line"
      >
        <div className={cn('h-full rounded-full', FILL[toneOf(percent)])} style={{ width: `${barWidth(percent)}%` }} />
      </div>
    </div>
  );
}
