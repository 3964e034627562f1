import type { Metadata } from 'next';
import Link from 'next/link';
import { QUALITY_FILTERS, TOKEN_STATUSES } from '@aerostic/shared';
import { FilterBar, choiceFilter } from '@/components/filter-bar';
import { type EmptyListText, ListPanel } from '@/components/list-panel';
import { NumbersTable } from '@/components/numbers/numbers-table';
import { FormFields } from '@/components/ui/form-fields';
import { PageTitle } from '@/components/ui/page-title';
import { TOKEN_STATUS_LABELS, qualityLabel } from '@/lib/labels';
import { NUMBER_FILTER_NAMES } from '@/lib/list-queries';
import { listNumbers } from '@/lib/numbers-api';
import { pick, type SearchParams } from '@/lib/search-params';

export const metadata: Metadata = { title: 'Meta tokens' };

const NO_MATCH: EmptyListText = {
  title: 'No number matches these filters',
  hint: 'Clear the filters to see every number.',
};
const NOTHING_YET: EmptyListText = {
  title: 'No numbers connected yet',
  hint: 'Numbers appear here once tenants connect them.',
};
const PATH = '/dashboard/meta-tokens';
const TOKEN_OPTIONS = [
  { value: '', label: 'Any token status' },
  ...TOKEN_STATUSES.map((status) => ({ value: status, label: TOKEN_STATUS_LABELS[status] })),
];
const QUALITY_OPTIONS = [
  { value: '', label: 'Any quality' },
  ...QUALITY_FILTERS.map((quality) => ({ value: quality, label: qualityLabel(quality) })),
];

export default async function MetaTokensPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const filters = pick(await searchParams, NUMBER_FILTER_NAMES);
  const page = await listNumbers(filters);
  const { cursor, ...kept } = filters;
  const filtered = Boolean(kept.tokenStatus || kept.quality || kept.tenantId);
  return (
    <>
      <PageTitle
        title="Meta tokens"
        intro="Every connected WhatsApp number, across tenants: its access token and its standing with Meta. Tokens are checked daily; re-check one to ask Meta now."
      />
      <FilterBar label="Filter numbers" path={PATH}>
        {/* The tenant and the sort stay as they are while the filters change. */}
        {(['tenantId', 'sort', 'order'] as const).map((name) =>
          kept[name] ? <input key={name} type="hidden" name={name} value={kept[name]} /> : null,
        )}
        <FormFields
          idPrefix="numbers"
          specs={[
            choiceFilter('tokenStatus', 'Token status', TOKEN_OPTIONS, kept),
            choiceFilter('quality', 'Quality', QUALITY_OPTIONS, kept),
          ]}
        />
      </FilterBar>
      <ListPanel
        id="numbers-list"
        heading={filtered ? 'Matching numbers' : 'All numbers'}
        intro={
          kept.tenantId && (
            <>
              One tenant’s numbers.{' '}
              <Link href={PATH} className="font-medium text-brand-700 hover:underline">
                Show every tenant
              </Link>
            </>
          )
        }
        empty={filtered ? NO_MATCH : NOTHING_YET}
        page={page}
        paging={{ label: 'Numbers', path: PATH, filters: kept, cursor }}
      >
        <NumbersTable
          caption="WhatsApp numbers across tenants"
          numbers={page.data}
          sorting={{ path: PATH, filters: kept }}
        />
      </ListPanel>
    </>
  );
}
