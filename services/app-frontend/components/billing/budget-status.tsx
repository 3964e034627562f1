import type { MetaBudgetDto } from '@aerostic/shared';
import { formatMicros, percentUsed } from '@/lib/billing/billing-format';
import { UsageBar } from './usage-bar';

/** What the state of the Meta budget means for the workspace, in a sentence (the banner says the same). */
export const BUDGET_MESSAGES = {
  warning: 'Meta’s estimated cost has passed 80 % of this month’s budget.',
  exhausted:
    'This month’s Meta budget is spent: marketing sends (campaigns and marketing templates) are stopped until next month or until the budget is raised. Replies to customers still go out.',
} as const;

/** Spent against the budget this month, with the 80 % warning and the 100 % stop. */
export function BudgetStatus({ budget }: { budget: MetaBudgetDto }) {
  const spent = formatMicros(budget.spentMicros);
  if (budget.monthlyMicros === null) {
    return (
      <p className="text-sm text-ink-muted">
        No monthly budget: Meta’s estimated cost so far this month is <strong className="text-ink">{spent}</strong>.
      </p>
    );
  }
  const percent = percentUsed(budget.spentMicros, budget.monthlyMicros) ?? 0;
  return (
    <div className="flex flex-col gap-3">
      <UsageBar
        label="Meta budget this month"
        percent={percent}
        detail={`${spent} of ${formatMicros(budget.monthlyMicros)} (${percent} %)`}
      />
      {budget.state !== 'ok' && (
        <p
          role={budget.state === 'exhausted' ? 'alert' : 'status'}
          className={
            budget.state === 'exhausted'
              ? 'rounded-lg border border-danger-600/30 bg-danger-50 px-3 py-2 text-sm text-danger-700'
              : 'rounded-lg border border-warning-700/30 bg-warning-50 px-3 py-2 text-sm text-warning-700'
          }
        >
          {budget.state === 'exhausted' && <strong className="font-semibold">Marketing sends stopped. </strong>}
          {BUDGET_MESSAGES[budget.state]}
        </p>
      )}
    </div>
  );
}
