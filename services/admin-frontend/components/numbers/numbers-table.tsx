import Link from 'next/link';
import type { AdminWhatsAppAccountDto } from '@aerostic/shared';
import { formatDateTime } from '@aerostic/shared/web';
import { Cell, DataTable } from '@/components/ui/table';
import type { NumberFilters, NumberSort } from '@/lib/list-queries';
import { RecheckButton } from './recheck-button';
import { SortHeader } from './sort-header';
import { QualityCell, TokenStatusCell } from './token-cells';

interface NumbersTableProps {
  caption: string;
  numbers: AdminWhatsAppAccountDto[];
  /** Across tenants: a tenant column, and headers that sort the list on the server. */
  sorting?: { path: string; filters: NumberFilters };
}

/** Numbers with their token, quality and last check, each with a button to ask Meta again. */
export function NumbersTable({ caption, numbers, sorting }: NumbersTableProps) {
  const header = (column: NumberSort, label: string) =>
    sorting ? <SortHeader path={sorting.path} filters={sorting.filters} column={column} label={label} /> : label;
  return (
    <DataTable
      caption={caption}
      minWidth={sorting ? '56rem' : '48rem'}
      columns={[
        ...(sorting ? [header('tenant', 'Tenant')] : []),
        'Number',
        header('tokenExpiresAt', 'Token'),
        header('quality', 'Quality and tier'),
        header('lastCheckedAt', 'Last checked'),
        { label: 'Actions', hidden: true },
      ]}
    >
      <>
        {numbers.map((number) => (
          <tr key={number.id}>
            {sorting && (
              <Cell>
                <Link
                  href={`/dashboard/tenants/${number.tenantId}`}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {number.tenantName}
                </Link>
              </Cell>
            )}
            <Cell>
              <span className="block font-medium">{number.displayPhoneNumber}</span>
              <span className="block text-xs text-ink-muted">{number.verifiedName ?? 'No verified name'}</span>
              <span className="block font-mono text-xs text-ink-subtle">WABA {number.wabaId}</span>
            </Cell>
            <Cell>
              <TokenStatusCell account={number} />
            </Cell>
            <Cell>
              <QualityCell account={number} />
            </Cell>
            <Cell className="whitespace-nowrap text-ink-muted">{formatDateTime(number.lastCheckedAt)}</Cell>
            <Cell>
              <RecheckButton accountId={number.id} number={number.displayPhoneNumber} />
            </Cell>
          </tr>
        ))}
      </>
    </DataTable>
  );
}
