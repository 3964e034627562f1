import type { InvoiceDto } from '@aerostic/shared';
import { formatDateTime } from '@aerostic/shared/web';
import { ActionDialogButton, type FormAction } from '@/components/ui/action-dialog-button';
import { Badge } from '@/components/ui/badge';
import { Cell, DataTable, EmptyState } from '@/components/ui/table';
import { INVOICE_STATUS_LABELS, formatMoney, invoiceStatusTone } from '@/lib/labels';

export interface InvoiceActions {
  markPaid: FormAction;
  void: FormAction;
}

const REASON = { label: 'Reason', required: false, hint: 'Optional. Kept in the audit log.' } as const;

/**
 * A tenant's invoices, newest first, each with its PDF; with `actions` (super admins), an open invoice can be marked
 * paid by bank transfer or voided. Paid and void invoices are final, so they offer neither.
 */
export function InvoicesTable({ invoices, actions }: { invoices: InvoiceDto[]; actions?: InvoiceActions }) {
  if (invoices.length === 0) {
    return <EmptyState title="No invoices yet">An invoice is issued when a paid period ends.</EmptyState>;
  }
  return (
    <DataTable
      caption="Invoices of this workspace"
      minWidth="44rem"
      columns={[
        'Number',
        'Period',
        'Issued',
        { label: 'Total', numeric: true },
        'Status',
        { label: 'Actions', hidden: true },
      ]}
    >
      <>
        {invoices.map((invoice) => (
          <tr key={invoice.id}>
            <Cell className="font-mono text-xs">{invoice.number}</Cell>
            <Cell className="text-ink-muted">
              {invoice.periodStart.slice(0, 10)} to {invoice.periodEnd.slice(0, 10)}
            </Cell>
            <Cell className="text-ink-muted">{formatDateTime(invoice.issuedAt)}</Cell>
            <Cell className="text-right">{formatMoney(invoice.totalMinor, invoice.currency)}</Cell>
            <Cell>
              <Badge tone={invoiceStatusTone(invoice.status)}>{INVOICE_STATUS_LABELS[invoice.status]}</Badge>
            </Cell>
            <Cell>
              <div className="flex flex-wrap items-start gap-2">
                <a
                  href={`/api/invoices/${invoice.id}/pdf`}
                  download
                  aria-label={`PDF of ${invoice.number}`}
                  className="text-sm font-medium text-brand-700 hover:underline"
                >
                  PDF
                </a>
                {actions && invoice.status === 'open' && (
                  <>
                    <ActionDialogButton
                      id={`mark-paid-${invoice.id}`}
                      action={actions.markPaid}
                      fields={{ invoiceId: invoice.id }}
                      trigger="Mark paid"
                      triggerName={`Mark ${invoice.number} paid`}
                      title={`Mark ${invoice.number} paid?`}
                      description={`Record that ${formatMoney(invoice.totalMinor, invoice.currency)} arrived by bank transfer. A paid invoice cannot be voided.`}
                      reason={REASON}
                      confirm="Mark paid"
                      busyText="Saving…"
                      confirmLook="primary"
                    />
                    <ActionDialogButton
                      id={`void-${invoice.id}`}
                      action={actions.void}
                      fields={{ invoiceId: invoice.id }}
                      trigger="Void"
                      triggerName={`Void ${invoice.number}`}
                      triggerLook="danger"
                      title={`Void ${invoice.number}?`}
                      description="The invoice stays in the list with its number, marked void; it can no longer be paid."
                      reason={REASON}
                      confirm="Void invoice"
                      busyText="Voiding…"
                    />
                  </>
                )}
              </div>
            </Cell>
          </tr>
        ))}
      </>
    </DataTable>
  );
}
