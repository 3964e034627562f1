import type { UsageReportDto } from '@aerostic/shared';
import { QUOTA_LABELS, formatCount, percentUsed } from '@/lib/billing/billing-format';
import { UsageBar } from './usage-bar';

/** This month's usage against the plan's limits (with the workspace's own limits on top). */
export function UsageQuotas({ quotas }: { quotas: UsageReportDto['quotas'] }) {
  if (quotas.length === 0) return <p className="text-sm text-ink-muted">No limits apply to this workspace.</p>;
  return (
    <ul className="grid gap-4 sm:grid-cols-2" aria-label="Usage against your plan’s limits">
      {quotas.map((quota) => {
        const percent = percentUsed(quota.used, quota.max);
        const label = QUOTA_LABELS[quota.name] ?? quota.name;
        return (
          <li key={quota.name}>
            {percent === null ? (
              <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
                <span className="font-medium">{label}</span>
                <span className="text-ink-muted tabular-nums">{formatCount(quota.used)} of unlimited</span>
              </div>
            ) : (
              <UsageBar
                label={label}
                percent={percent}
                detail={`${formatCount(quota.used)} of ${formatCount(quota.max ?? 0)} (${percent} %)`}
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}
