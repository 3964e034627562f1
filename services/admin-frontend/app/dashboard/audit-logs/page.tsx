import type { Metadata } from 'next';
import Link from 'next/link';
import type { AdminAuditLogDto } from '@aerostic/shared';
import { formatDateTime } from '@aerostic/shared/web';
import { FilterBar } from '@/components/filter-bar';
import { type EmptyListText, ListPanel } from '@/components/list-panel';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { FormFields } from '@/components/ui/form-fields';
import { Notice } from '@/components/ui/notice';
import { PageTitle } from '@/components/ui/page-title';
import { Cell, DataTable } from '@/components/ui/table';
import { listAuditLogs } from '@/lib/audit-api';
import { AUDIT_FILTER_NAMES, auditFilterProblems } from '@/lib/list-queries';
import { pick, queryString, type SearchParams } from '@/lib/search-params';

export const metadata: Metadata = { title: 'Audit logs' };

const NO_MATCH: EmptyListText = { title: 'No entry matches these filters', hint: 'Widen the dates or clear a filter.' };
const NOTHING_YET: EmptyListText = { title: 'Nothing recorded yet' };
const PATH = '/dashboard/audit-logs';

export default async function AuditLogsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const filters = pick(await searchParams, AUDIT_FILTER_NAMES);
  const { cursor, ...kept } = filters;
  const filtered = Object.values(kept).some(Boolean);
  // Filters the API would refuse are pointed out on their fields rather than failing the page.
  const problems = auditFilterProblems(kept);
  const page = Object.keys(problems).length === 0 ? await listAuditLogs(filters) : null;
  return (
    <>
      <PageTitle
        title="Audit logs"
        intro="Security-relevant actions across the platform: sign-ins, invitations, role changes, suspensions, limits and checks, by tenants’ people and by platform admins. Dates are UTC days."
        aside={
          // A plain link: the route handler streams the CSV as an attachment.
          page && (
            <a href={`/api/audit-logs/export${queryString(kept)}`} className={buttonClasses('secondary')} download>
              Export CSV
            </a>
          )
        }
      />
      <FilterBar label="Filter the audit log" path={PATH}>
        <FormFields
          idPrefix="audit"
          state={page ? undefined : { status: 'error', fields: problems }}
          specs={[
            { name: 'tenantId', label: 'Tenant id', defaultValue: kept.tenantId, className: 'w-80 max-w-full' },
            { name: 'actor', label: 'Actor (email or id)', defaultValue: kept.actor, className: 'w-64 max-w-full' },
            {
              name: 'action',
              label: 'Action',
              placeholder: 'e.g. tenant.suspended',
              defaultValue: kept.action,
              className: 'w-56 max-w-full',
            },
            { name: 'from', label: 'From', type: 'date', defaultValue: kept.from },
            { name: 'to', label: 'To (included)', type: 'date', defaultValue: kept.to },
          ]}
        />
      </FilterBar>
      {page ? (
        <ListPanel
          id="audit-entries"
          heading={filtered ? 'Matching entries' : 'Latest entries'}
          intro="Newest first."
          empty={filtered ? NO_MATCH : NOTHING_YET}
          page={page}
          paging={{ label: 'Audit log', path: PATH, filters: kept, cursor }}
        >
          <AuditTable entries={page.data} />
        </ListPanel>
      ) : (
        <Notice tone="error">These filters cannot be used: correct the fields marked above, or clear them.</Notice>
      )}
    </>
  );
}

function AuditTable({ entries }: { entries: AdminAuditLogDto[] }) {
  return (
    <DataTable
      caption="Audit log entries"
      minWidth="60rem"
      columns={['When', 'Action', 'Actor', 'Tenant', 'Target and reason', 'Details']}
    >
      <>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <Cell className="whitespace-nowrap text-ink-muted">{formatDateTime(entry.createdAt)}</Cell>
            <Cell className="font-mono text-xs">{entry.action}</Cell>
            <Cell>
              <span className="block break-all">{entry.actorEmail ?? 'System'}</span>
              {entry.actorAdminId && <Badge tone="brand">Platform admin</Badge>}
              {entry.ip && <span className="block font-mono text-xs text-ink-subtle">{entry.ip}</span>}
            </Cell>
            <Cell>
              {entry.tenantId ? (
                <Link href={`/dashboard/tenants/${entry.tenantId}`} className="text-brand-700 hover:underline">
                  {entry.tenantName ?? entry.tenantId}
                </Link>
              ) : (
                <span className="text-ink-subtle">Platform</span>
              )}
            </Cell>
            <Cell>
              {entry.targetType && (
                <span className="block font-mono text-xs text-ink-muted">
                  {entry.targetType} {entry.targetId}
                </span>
              )}
              {entry.reason && <span className="block">“{entry.reason}”</span>}
            </Cell>
            <Cell>
              {Object.keys(entry.metadata).length > 0 ? (
                <details>
                  <summary className="cursor-pointer text-brand-700">Metadata</summary>
                  <pre className="mt-1 max-w-80 overflow-x-auto rounded bg-canvas p-2 text-xs">
                    {JSON.stringify(entry.metadata, null, 2)}
                  </pre>
                </details>
              ) : (
                <span className="text-ink-subtle">None</span>
              )}
            </Cell>
          </tr>
        ))}
      </>
    </DataTable>
  );
}
