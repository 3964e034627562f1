import type { Metadata } from 'next';
import Link from 'next/link';
import type { AdminOverviewDto, QueueHealthDto } from '@aerostic/shared';
import { formatDateTime } from '@aerostic/shared/web';
import { ChartPanel } from '@/components/control-tower/chart-panel';
import { PlatformAnalyticsPanel } from '@/components/control-tower/platform-analytics-panel';
import { StatTile } from '@/components/control-tower/stat-tile';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { PageTitle } from '@/components/ui/page-title';
import { Panel } from '@/components/ui/panel';
import { Cell, DataTable, EmptyState } from '@/components/ui/table';
import { formatAge, formatCount } from '@/lib/labels';
import { getOverview } from '@/lib/overview-api';
import { getPlatformAnalytics } from '@/lib/platform-analytics-api';
import { param, type SearchParams } from '@/lib/search-params';
import { getSession, isSuperAdmin } from '@/lib/session/session';

export const metadata: Metadata = { title: 'Control Tower' };

/** A queue whose oldest waiting job is older than this is shown as backed up. */
const BACKED_UP_AFTER_SECONDS = 5 * 60;

export default async function ControlTowerPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const [overview, analytics, me, query] = await Promise.all([
    getOverview(),
    getPlatformAnalytics(),
    getSession(),
    searchParams,
  ]);
  const { tenants, messages } = overview;
  return (
    <>
      <PageTitle
        title="Control Tower"
        intro={`The whole platform at a glance, as of ${formatDateTime(overview.generatedAt)}. Days run in UTC.`}
      />
      {param(query, 'enrolled') && (
        <Notice tone="success" className="mb-6">
          Two-step sign-in is on: from now on, signing in asks for a code from your authenticator app.
        </Notice>
      )}

      <section aria-labelledby="figures-heading" className="mb-6">
        <h2 id="figures-heading" className="sr-only">
          Figures
        </h2>
        <dl className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
          <StatTile
            label="Tenants"
            value={formatCount(tenants.total)}
            detail={`${formatCount(tenants.byStatus.active ?? 0)} active · ${formatCount(tenants.byStatus.suspended ?? 0)} suspended`}
            href="/dashboard/tenants"
            hrefLabel="All tenants"
          />
          <StatTile label="Connected numbers" value={formatCount(overview.connectedNumbers)} />
          <StatTile
            label="Numbers with token or quality problems"
            value={formatCount(overview.numbersWithProblems)}
            alarm={overview.numbersWithProblems > 0}
            href="/dashboard/meta-tokens?sort=quality&order=desc"
            hrefLabel="See them in Meta tokens"
          />
          <StatTile
            label="Messages today"
            value={formatCount(messages.today.inbound + messages.today.outbound)}
            detail={`${formatCount(messages.today.inbound)} in · ${formatCount(messages.today.outbound)} out`}
          />
          <StatTile
            label="Messages in the last 7 days"
            value={formatCount(messages.last7Days.inbound + messages.last7Days.outbound)}
            detail={`${formatCount(messages.last7Days.inbound)} in · ${formatCount(messages.last7Days.outbound)} out`}
          />
          <StatTile
            label="Failed sends today"
            value={formatCount(messages.failedToday)}
            alarm={messages.failedToday > 0}
          />
        </dl>
      </section>

      <div className="mb-6 grid gap-6 xl:grid-cols-2">
        <ChartPanel
          id="messages-chart"
          heading="Messages per day"
          intro="Received from and sent to customers, across every workspace."
          points={overview.daily}
          series={[
            { key: 'inbound', label: 'Inbound', colour: 'var(--color-series-in)' },
            { key: 'outbound', label: 'Outbound', colour: 'var(--color-series-out)', dashed: true },
          ]}
        />
        <ChartPanel
          id="tenants-chart"
          heading="New tenants per day"
          intro="Workspaces registered each day."
          points={overview.daily}
          series={[{ key: 'newTenants', label: 'New tenants', colour: 'var(--color-series-tenants)' }]}
        />
      </div>

      <PlatformAnalyticsPanel analytics={analytics} />

      <div className="mt-6 grid gap-6 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <QueuesPanel queues={overview.queues} superAdmin={isSuperAdmin(me)} />
        <PlansPanel byPlan={tenants.byPlan} />
      </div>
    </>
  );
}

function QueuesPanel({ queues, superAdmin }: { queues: QueueHealthDto[]; superAdmin: boolean }) {
  return (
    <Panel
      id="queues"
      heading="Queues"
      intro="Jobs waiting, running, delayed and failed in each queue."
      actions={
        superAdmin ? (
          // A full page load: the queue dashboard is the API's own app, reached through this host.
          <a href="/admin/queues" className={buttonClasses('secondary')}>
            Open the queue dashboard
          </a>
        ) : (
          <p className="max-w-48 text-xs text-ink-muted">The queue dashboard needs a super admin.</p>
        )
      }
    >
      {queues.length === 0 ? (
        <EmptyState title="No queues reported">The API could not read its queues; check that Redis is up.</EmptyState>
      ) : (
        <DataTable
          caption="Queues and their jobs"
          minWidth="36rem"
          columns={[
            'Queue',
            { label: 'Waiting', numeric: true },
            { label: 'Active', numeric: true },
            { label: 'Delayed', numeric: true },
            { label: 'Failed', numeric: true },
            'Oldest waiting',
          ]}
        >
          <>
            {queues.map((queue) => {
              const backedUp = (queue.oldestWaitingAgeSeconds ?? 0) > BACKED_UP_AFTER_SECONDS;
              return (
                <tr key={queue.name}>
                  <Cell className="font-mono text-xs">{queue.name}</Cell>
                  <Cell className="text-right">{formatCount(queue.waiting)}</Cell>
                  <Cell className="text-right">{formatCount(queue.active)}</Cell>
                  <Cell className="text-right">{formatCount(queue.delayed)}</Cell>
                  <Cell className="text-right">
                    {queue.failed > 0 ? <Badge tone="danger">{formatCount(queue.failed)}</Badge> : '0'}
                  </Cell>
                  <Cell>
                    {formatAge(queue.oldestWaitingAgeSeconds)}
                    {backedUp && (
                      <>
                        {' '}
                        <Badge tone="warning">Backed up</Badge>
                      </>
                    )}
                  </Cell>
                </tr>
              );
            })}
          </>
        </DataTable>
      )}
    </Panel>
  );
}

function PlansPanel({ byPlan }: { byPlan: AdminOverviewDto['tenants']['byPlan'] }) {
  const plans = Object.entries(byPlan).sort(([, a], [, b]) => b - a);
  return (
    <Panel
      id="plans"
      heading="Tenants by plan"
      actions={
        <Link href="/dashboard/tenants" className="text-sm font-medium text-brand-700 hover:underline">
          Find a tenant
        </Link>
      }
    >
      {plans.length === 0 ? (
        <p className="text-sm text-ink-muted">No tenants yet.</p>
      ) : (
        <dl className="divide-y divide-line text-sm">
          {plans.map(([plan, count]) => (
            <div key={plan} className="flex justify-between py-1.5">
              <dt className="capitalize">{plan}</dt>
              <dd className="tabular-nums">{formatCount(count)}</dd>
            </div>
          ))}
        </dl>
      )}
    </Panel>
  );
}
