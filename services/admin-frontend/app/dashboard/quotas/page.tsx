import type { Metadata } from 'next';
import Link from 'next/link';
import { type AdminTenantSummaryDto, LIMIT_NAMES, type LimitValues, type Page } from '@aerostic/shared';
import { FilterBar } from '@/components/filter-bar';
import { LimitsForm } from '@/components/limits/limits-form';
import { TenantSearchField } from '@/components/tenant-search-field';
import { Badge } from '@/components/ui/badge';
import { PageTitle } from '@/components/ui/page-title';
import { Panel } from '@/components/ui/panel';
import { EmptyState } from '@/components/ui/table';
import { TENANT_STATUS_LABELS, formatLimit, tenantStatusTone } from '@/lib/labels';
import { getLimitDefaults } from '@/lib/limits-api';
import { LIMIT_LABELS } from '@/lib/limits-form';
import { param, type SearchParams } from '@/lib/search-params';
import { getSession, isSuperAdmin } from '@/lib/session/session';
import { listTenants } from '@/lib/tenants-api';
import { saveDefaultsAction } from './actions';

export const metadata: Metadata = { title: 'Quotas' };

const PATH = '/dashboard/quotas';
const LOOKUP_RESULTS = 10;

export default async function QuotasPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const lookup = param(await searchParams, 'tenant')?.trim();
  const [defaults, me, matches] = await Promise.all([
    getLimitDefaults(),
    getSession(),
    lookup ? listTenants({ search: lookup }, LOOKUP_RESULTS) : Promise.resolve(null),
  ]);
  const editable = isSuperAdmin(me);
  return (
    <>
      <PageTitle
        title="Quotas"
        intro="The limits each tenant runs under: agents, WhatsApp numbers, contacts, and outbound messages, campaign recipients and AI replies a month. A tenant follows its own limit where it has one, else its plan's quota (see Plans), else the platform default. Over a limit, the API refuses the action with a message naming it and the plan that would lift it."
      />
      <div className="flex flex-col gap-6">
        <DefaultsPanel defaults={defaults} editable={editable} />
        <TenantLookupPanel lookup={lookup} matches={matches} />
      </div>
    </>
  );
}

function DefaultsPanel({ defaults, editable }: { defaults: LimitValues; editable: boolean }) {
  return (
    <Panel
      id="defaults"
      heading="Platform defaults"
      intro={editable ? undefined : 'Only a super admin can change the platform defaults.'}
    >
      {editable ? (
        <LimitsForm
          id="defaults-form"
          kind="defaults"
          action={saveDefaultsAction}
          current={defaults}
          defaults={defaults}
          label="Platform defaults"
          submitLabel="Save defaults"
        />
      ) : (
        <DefaultsList defaults={defaults} />
      )}
    </Panel>
  );
}

/** Finds a tenant by name and links to its page, where its own limits are edited beside its usage. */
function TenantLookupPanel({ lookup, matches }: { lookup?: string; matches: Page<AdminTenantSummaryDto> | null }) {
  return (
    <Panel
      id="tenant-limits"
      heading="A tenant’s own limits"
      intro="Find the tenant, then change its limits on its page."
    >
      <FilterBar label="Find a tenant's limits" path={PATH}>
        <TenantSearchField id="quotas-tenant" name="tenant" value={lookup} />
      </FilterBar>
      {matches &&
        (matches.data.length === 0 ? (
          <EmptyState title="No tenant matches">Try part of the name.</EmptyState>
        ) : (
          <ul className="divide-y divide-line text-sm">
            {matches.data.map((tenant) => (
              <li key={tenant.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
                <span>
                  <span className="font-medium">{tenant.name}</span>{' '}
                  <span className="font-mono text-xs text-ink-subtle">{tenant.slug}</span>{' '}
                  <Badge tone={tenantStatusTone(tenant.status)}>{TENANT_STATUS_LABELS[tenant.status]}</Badge>
                </span>
                <Link
                  href={`/dashboard/tenants/${tenant.id}#limits`}
                  className="font-medium text-brand-700 hover:underline"
                >
                  Limits of {tenant.name}
                </Link>
              </li>
            ))}
          </ul>
        ))}
    </Panel>
  );
}

function DefaultsList({ defaults }: { defaults: LimitValues }) {
  return (
    <dl className="grid gap-3 sm:grid-cols-2">
      {LIMIT_NAMES.map((name) => (
        <div key={name} className="rounded-md border border-line px-3 py-2">
          <dt className="text-xs text-ink-subtle">{LIMIT_LABELS[name]}</dt>
          <dd className="text-lg font-semibold tabular-nums">{formatLimit(defaults[name])}</dd>
        </div>
      ))}
    </dl>
  );
}
