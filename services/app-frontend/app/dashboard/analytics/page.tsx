import type { Metadata } from 'next';
import type {
  AnalyticsAgentDto,
  AnalyticsCampaignDto,
  AnalyticsNumberDto,
  AnalyticsTemplateDto,
} from '@aerostic/shared';
import { AnalyticsCharts } from '@/components/analytics/analytics-charts';
import { RangePicker } from '@/components/analytics/range-picker';
import { type Column, ReportTable } from '@/components/analytics/report-table';
import { PageHeader } from '@/components/page-header';
import { getAnalytics } from '@/lib/analytics/analytics-api';
import { formatDuration, formatMicros, rangeOf } from '@/lib/analytics/analytics-range';
import { formatCount as count, formatRate } from '@/lib/campaigns/campaign-format';
import { formatInTimeZone } from '@/lib/campaigns/campaign-time';
import { workspaceTimeZone } from '@/lib/campaigns/campaigns-api';
import { getSession } from '@/lib/session/session';
import { formatPhoneNumber } from '@/lib/whatsapp/whatsapp-format';

export const metadata: Metadata = { title: 'Analytics' };

type SearchParams = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);

export default async function AnalyticsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const me = await getSession();
  const timeZone = workspaceTimeZone(me);
  const params = await searchParams;
  const range = rangeOf({ range: one(params.range), from: one(params.from), to: one(params.to) }, timeZone);
  const { summary, daily, agents, numbers, templates, campaigns } = await getAnalytics(range.from, range.to);
  const csv = (report: string) => `/api/analytics/${report}?from=${range.from}&to=${range.to}`;

  const agentColumns: Column<AnalyticsAgentDto>[] = [
    { header: 'Agent', cell: (a) => a.name },
    { header: 'Conversations', cell: (a) => count(a.conversations), numeric: true },
    { header: 'Replies', cell: (a) => count(a.replies), numeric: true },
    { header: 'First response (median)', cell: (a) => formatDuration(a.firstResponseSeconds.median), numeric: true },
    { header: 'First response (p90)', cell: (a) => formatDuration(a.firstResponseSeconds.p90), numeric: true },
    { header: 'Resolved', cell: (a) => count(a.resolved), numeric: true },
  ];
  const numberColumns: Column<AnalyticsNumberDto>[] = [
    {
      header: 'Number',
      cell: (n) => (n.displayPhoneNumber ? formatPhoneNumber(n.displayPhoneNumber) : 'Removed number'),
    },
    { header: 'Received', cell: (n) => count(n.messagesIn), numeric: true },
    { header: 'Sent', cell: (n) => count(n.messagesOut), numeric: true },
    { header: 'Delivered', cell: (n) => formatRate(n.delivered, n.messagesOut), numeric: true },
    { header: 'Read', cell: (n) => formatRate(n.read, n.messagesOut), numeric: true },
    { header: 'Failed', cell: (n) => count(n.failed), numeric: true },
    { header: 'Meta cost', cell: (n) => formatMicros(n.metaCostMicros), numeric: true },
  ];
  const templateColumns: Column<AnalyticsTemplateDto>[] = [
    { header: 'Template', cell: (t) => `${t.name} (${t.language})` },
    { header: 'Category', cell: (t) => t.category ?? '—' },
    { header: 'Sent', cell: (t) => count(t.sent), numeric: true },
    { header: 'Read rate', cell: (t) => formatRate(t.read, t.sent), numeric: true },
    { header: 'Reply rate', cell: (t) => formatRate(t.replied, t.sent), numeric: true },
  ];
  const campaignColumns: Column<AnalyticsCampaignDto>[] = [
    { header: 'Campaign', cell: (c) => c.name },
    { header: 'Started', cell: (c) => formatInTimeZone(c.startedAt, timeZone) },
    { header: 'Recipients', cell: (c) => count(c.recipients), numeric: true },
    { header: 'Sent', cell: (c) => count(c.sent), numeric: true },
    { header: 'Delivered', cell: (c) => count(c.delivered), numeric: true },
    { header: 'Read', cell: (c) => count(c.read), numeric: true },
    { header: 'Replied', cell: (c) => count(c.replied), numeric: true },
    { header: 'Failed', cell: (c) => count(c.failed), numeric: true },
  ];

  return (
    <>
      <PageHeader
        title="Analytics"
        description="How your conversations, messages, team, templates and campaigns did over a range of days."
      />
      <RangePicker range={range} timeZone={timeZone} />
      <section aria-labelledby="summary-heading" className="mt-6">
        <div className="flex items-baseline justify-between gap-4">
          <h2 id="summary-heading" className="text-sm font-semibold text-ink-muted">
            {range.from === range.to ? range.from : `${range.from} to ${range.to}`}
          </h2>
          <a href={csv('summary')} download className="text-sm font-medium text-brand-700 hover:underline">
            Download CSV<span className="sr-only"> of the summary</span>
          </a>
        </div>
        <dl className="mt-3 grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
          <Figure label="Conversations opened" value={count(summary.conversationsOpened)} />
          <Figure label="Conversations resolved" value={count(summary.conversationsResolved)} />
          <Figure label="Messages received" value={count(summary.messagesIn)} />
          <Figure label="Messages sent" value={count(summary.messagesOut)} />
          <Figure label="Delivered" value={formatRate(summary.delivered, summary.messagesOut)} />
          <Figure label="Read" value={formatRate(summary.read, summary.messagesOut)} />
          <Figure label="Failed" value={formatRate(summary.failed, summary.messagesOut)} />
          <Figure
            label="First response"
            value={formatDuration(summary.firstResponseSeconds.median)}
            hint={`median; 90 % within ${formatDuration(summary.firstResponseSeconds.p90)}`}
          />
          <Figure
            label="Resolution"
            value={formatDuration(summary.resolutionSeconds.median)}
            hint={`median; 90 % within ${formatDuration(summary.resolutionSeconds.p90)}`}
          />
        </dl>
      </section>
      <section aria-label="Charts" className="mt-6 rounded-(--radius-card) border border-line bg-surface p-5 shadow-xs">
        <div className="mb-3 flex justify-end">
          <a href={csv('daily')} download className="text-sm font-medium text-brand-700 hover:underline">
            Download CSV<span className="sr-only"> of the days</span>
          </a>
        </div>
        <AnalyticsCharts daily={daily} />
      </section>
      <div className="mt-6 grid gap-6">
        <ReportTable
          title="Agents"
          description="Conversations each agent replied in, their replies, first response and resolutions."
          rows={agents}
          columns={agentColumns}
          rowKey={(a) => a.userId}
          csvHref={csv('agents')}
          empty="No agent replied in this range."
        />
        <ReportTable
          title="Numbers"
          rows={numbers}
          columns={numberColumns}
          rowKey={(n) => n.whatsappAccountId}
          csvHref={csv('numbers')}
          empty="No messages on your numbers in this range."
        />
        <ReportTable
          title="Top templates"
          description="The most sent first; a reply is a customer's answer within 24 hours."
          rows={templates}
          columns={templateColumns}
          rowKey={(t) => `${t.name} ${t.language}`}
          csvHref={csv('templates')}
          empty="No templates were sent in this range."
        />
        <ReportTable
          title="Campaigns"
          description="Campaigns started in this range."
          rows={campaigns}
          columns={campaignColumns}
          rowKey={(c) => c.campaignId}
          csvHref={csv('campaigns')}
          empty="No campaign started in this range."
        />
      </div>
    </>
  );
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-(--radius-card) border border-line bg-surface p-4 shadow-xs">
      <dt className="text-sm text-ink-muted">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
      {hint && <dd className="mt-1 text-xs text-ink-muted">{hint}</dd>}
    </div>
  );
}
