import type { InvoiceDto, InvoiceStatus } from '@aerostic/shared';
import { StatusBadge } from '@/components/status-badge';
import { formatDay, formatMinor, formatPeriod } from '@/lib/billing/billing-format';

const STATUS: Record<InvoiceStatus, { label: string; tone: 'neutral' | 'warning' | 'success' | 'danger' }> = {
  draft: { label: 'Draft', tone: 'neutral' },
  open: { label: 'Due', tone: 'warning' },
  paid: { label: 'Paid', tone: 'success' },
  void: { label: 'Void', tone: 'neutral' },
};

const HEAD = 'border-b border-line py-2 pr-3 text-xs font-semibold text-ink-subtle';

/** Where the browser downloads an invoice's PDF: the app's own route, which adds the session's token. */
export function invoicePdfHref(id: string): string {
  return `/api/billing/invoices/${encodeURIComponent(id)}/pdf`;
}

/** The workspace's invoices, newest first, each with its PDF. */
export function InvoicesTable({ invoices }: { invoices: readonly InvoiceDto[] }) {
  if (invoices.length === 0) {
    return <p className="text-sm text-ink-muted">No invoices yet. The first is issued at the end of this period.</p>;
  }
  return (
    <div className="overflow-x-auto" role="region" aria-label="Invoices" tabIndex={0}>
      <table className="w-full min-w-[36rem] text-left text-sm tabular-nums">
        <caption className="sr-only">Invoices</caption>
        <thead>
          <tr>
            <th scope="col" className={HEAD}>
              Number
            </th>
            <th scope="col" className={HEAD}>
              Period
            </th>
            <th scope="col" className={HEAD}>
              Status
            </th>
            <th scope="col" className={`${HEAD} text-right`}>
              Total
            </th>
            <th scope="col" className={HEAD}>
              <span className="sr-only">PDF</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {invoices.map((invoice) => (
            <tr key={invoice.id}>
              <td className="py-2 pr-3 font-mono text-xs">{invoice.number}</td>
              <td className="py-2 pr-3">{formatPeriod(invoice.periodStart, invoice.periodEnd)}</td>
              <td className="py-2 pr-3">
                <StatusBadge tone={STATUS[invoice.status].tone}>{STATUS[invoice.status].label}</StatusBadge>
                {invoice.status === 'open' && (
                  <span className="ml-2 text-xs text-ink-subtle">by {formatDay(invoice.dueAt)}</span>
                )}
              </td>
              <td className="py-2 pr-3 text-right font-medium">{formatMinor(invoice.totalMinor, invoice.currency)}</td>
              <td className="py-2 text-right">
                <a
                  href={invoicePdfHref(invoice.id)}
                  className="font-medium text-brand-700 hover:underline"
                  aria-label={`PDF of invoice ${invoice.number}`}
                >
                  PDF
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
