import type { Metadata } from 'next';
import Link from 'next/link';
import type { AdminTenantSummaryDto } from '@aerostic/shared';
import { formatDateTime } from '@aerostic/shared/web';
import { FilterBar, choiceFilter } from '@/components/filter-bar';
import { type EmptyListText, ListPanel } from '@/components/list-panel';
import { TenantSearchField } from '@/components/tenant-search-field';
import { Badge } from '@/components/ui/badge';
import { FormFields } from '@/components/ui/form-fields';
import { PageTitle } from '@/components/ui/page-title';
import { Cell, DataTable } from '@/components/ui/table';
import { TENANT_STATUS_LABELS, formatCount, tenantStatusTone } from '@/lib/labels';
import { TENANT_FILTER_NAMES } from '@/lib/list-queries';
import { pick, type SearchParams } from '@/lib/search-params';
import { listTenants } from '@/lib/tenants-api';

export const metadata: Metadata = { title: 'Tenants' };

const NO_MATCH: EmptyListText = {
  title: 'No tenant matches these filters',
  hint: 'Try part of the name, or clear the filters.',
};
const NOTHING_YET: EmptyListText = { title: 'No tenants yet', hint: 'Workspaces appear here as businesses sign up.' };
const PATH = '/dashboard/tenants';
const STATUS_OPTIONS = [
  { value: '', label: 'Any status' },
  { value: 'active', label: 'Active' },
  { value: 'suspended', label: 'Suspended' },
];

export default async function TenantsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const filters = pick(await searchParams, TENANT_FILTER_NAMES);
  const page = await listTenants(filters);
  const { cursor, ...kept } = filters;
  const filtered = Boolean(kept.search || kept.status);
  return (
    <>
      <PageTitle
        title="Tenants"
        intro="Every business workspace on Aerostic. Open one to see its people, numbers and limits, or to suspend it."
      />
      <FilterBar label="Find tenants" path={PATH}>
        <TenantSearchField id="tenants-search" name="search" value={kept.search} />
        <FormFields idPrefix="tenants" specs={[choiceFilter('status', 'Status', STATUS_OPTIONS, kept)]} />
      </FilterBar>
      <ListPanel
        id="tenants-list"
        heading={filtered ? 'Matching tenants' : 'All tenants'}
        empty={filtered ? NO_MATCH : NOTHING_YET}
        page={page}
        paging={{ label: 'Tenants', path: PATH, filters: kept, cursor }}
      >
        <TenantsTable tenants={page.data} />
      </ListPanel>
    </>
  );
}

function TenantsTable({ tenants }: { tenants: AdminTenantSummaryDto[] }) {
  return (
    <DataTable
      caption="Tenants"
      minWidth="52rem"
      columns={[
        'Workspace',
        'Status',
        'Plan',
        { label: 'Users', numeric: true },
        { label: 'Numbers', numeric: true },
        { label: 'Messages this month', numeric: true },
        'Created',
      ]}
    >
      <>
        {tenants.map((tenant) => (
          <tr key={tenant.id}>
            <Cell>
              <Link href={`${PATH}/${tenant.id}`} className="font-medium text-brand-700 hover:underline">
                {tenant.name}
              </Link>
              <span className="block font-mono text-xs text-ink-subtle">{tenant.slug}</span>
            </Cell>
            <Cell>
              <Badge tone={tenantStatusTone(tenant.status)}>{TENANT_STATUS_LABELS[tenant.status]}</Badge>
            </Cell>
            <Cell className="capitalize">{tenant.plan}</Cell>
            {[tenant.userCount, tenant.numberCount, tenant.messagesThisMonth].map((count, index) => (
              <Cell key={index} className="text-right tabular-nums">
                {formatCount(count)}
              </Cell>
            ))}
            <Cell className="whitespace-nowrap text-ink-muted">{formatDateTime(tenant.createdAt)}</Cell>
          </tr>
        ))}
      </>
    </DataTable>
  );
}
