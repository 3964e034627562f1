import Link from 'next/link';
import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';

interface StatTileProps {
  label: string;
  value: string;
  detail?: ReactNode;
  /** Where to look closer (e.g. the numbers with problems). */
  href?: string;
  hrefLabel?: string;
  alarm?: boolean;
}

/** One figure of the Control Tower: a term and its value, so screen readers read them together. */
export function StatTile({ label, value, detail, href, hrefLabel, alarm = false }: StatTileProps) {
  return (
    <div
      className={cn(
        'flex flex-col rounded-(--radius-card) border bg-surface px-4 py-3 shadow-xs',
        alarm ? 'border-danger-600/50' : 'border-line',
      )}
    >
      <dt className="text-xs font-medium text-ink-subtle">{label}</dt>
      <dd className={cn('mt-1 text-2xl font-semibold tabular-nums', alarm && 'text-danger-700')}>{value}</dd>
      {detail && <dd className="mt-0.5 text-xs text-ink-muted">{detail}</dd>}
      {href && (
        <dd className="mt-auto pt-2 text-xs">
          <Link href={href} className="font-medium text-brand-700 hover:underline">
            {hrefLabel}
          </Link>
        </dd>
      )}
    </div>
  );
}
