import { LIMIT_NAMES, type TenantLimitsDto } from '@aerostic/shared';
import { Badge } from '@/components/ui/badge';
import { Cell, DataTable } from '@/components/ui/table';
import { formatCount, formatLimit } from '@/lib/labels';
import { LIMIT_LABELS } from '@/lib/limits-form';

/** A tenant's usage against its limits, with where each limit comes from: its own, its plan, or the default. */
export function LimitsTable({ limits }: { limits: TenantLimitsDto }) {
  return (
    <DataTable
      caption="Usage and limits"
      minWidth="36rem"
      columns={['Limit', { label: 'In use', numeric: true }, { label: 'Limit', numeric: true }, 'Set by']}
    >
      <>
        {LIMIT_NAMES.map((name) => {
          const max = limits.effective[name];
          const used = limits.usage[name];
          const overridden = name in limits.overrides;
          const fromPlan = limits.plan !== null && name in limits.plan.quotas;
          return (
            <tr key={name}>
              <Cell className="font-medium">{LIMIT_LABELS[name]}</Cell>
              <Cell className="text-right tabular-nums">
                {formatCount(used)}
                {max !== null && used >= max && (
                  <>
                    {' '}
                    <Badge tone="danger">At the limit</Badge>
                  </>
                )}
              </Cell>
              <Cell className="text-right tabular-nums">{formatLimit(max)}</Cell>
              <Cell className="text-ink-muted">
                {overridden ? 'This tenant' : fromPlan ? `${limits.plan?.name ?? ''} plan` : 'Platform default'}
              </Cell>
            </tr>
          );
        })}
      </>
    </DataTable>
  );
}
