import type { MetaCostDto, UsageReportDto } from '@aerostic/shared';
import { categoryLabel, formatMicros } from '@/lib/billing/billing-format';
import { formatPhoneNumber } from '@/lib/whatsapp/whatsapp-format';

const HEAD = 'border-b border-line py-2 pr-3 text-xs font-semibold text-ink-subtle';

type MetaCostReport = Pick<UsageReportDto, 'totals' | 'metaCostByCategory' | 'metaCostByNumber'>;

/** Meta's estimated cost of the month, by pricing category and by number, dearest first. */
export function MetaCost({ report }: { report: MetaCostReport }) {
  const categories = Object.entries(report.metaCostByCategory).map(([category, cost]) => ({
    key: category,
    label: categoryLabel(category),
    cost,
  }));
  const numbers = report.metaCostByNumber.map((row) => ({
    key: row.whatsappAccountId,
    label: row.displayPhoneNumber ? formatPhoneNumber(row.displayPhoneNumber) : 'A disconnected number',
    cost: row.metaCost,
  }));
  return (
    <div className="flex flex-col gap-5">
      <p className="text-sm">
        Estimated so far this month:{' '}
        <strong className="text-lg tabular-nums" data-testid="meta-cost-total">
          {formatMicros(report.totals.metaCost.amountMicros, report.totals.metaCost.currency)}
        </strong>
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        <CostTable caption="By category" column="Category" rows={categories} />
        <CostTable caption="By number" column="Number" rows={numbers} />
      </div>
      <p className="text-xs text-ink-subtle">
        Estimated from Meta’s published rates by the customer’s country and the message’s category; Meta bills you
        directly.
      </p>
    </div>
  );
}

function CostTable({
  caption,
  column,
  rows,
}: {
  caption: string;
  column: string;
  rows: Array<{ key: string; label: string; cost: MetaCostDto }>;
}) {
  const sorted = [...rows].sort((a, b) => b.cost.amountMicros - a.cost.amountMicros);
  return (
    <table className="w-full text-left text-sm tabular-nums">
      <caption className="mb-1 text-left text-sm font-semibold">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className={HEAD}>
            {column}
          </th>
          <th scope="col" className={`${HEAD} text-right`}>
            Cost
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-line">
        {sorted.length === 0 && (
          <tr>
            <td colSpan={2} className="py-2 text-ink-muted">
              No billable messages yet this month.
            </td>
          </tr>
        )}
        {sorted.map((row) => (
          <tr key={row.key}>
            <td className="py-2 pr-3">{row.label}</td>
            <td className="py-2 text-right">{formatMicros(row.cost.amountMicros, row.cost.currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
