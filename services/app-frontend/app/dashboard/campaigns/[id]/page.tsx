import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import {
  CAMPAIGN_RECIPIENT_STATES,
  type CampaignDto,
  type CampaignRecipientDto,
  type CampaignRecipientState,
} from '@aerostic/shared';
import { Card } from '@/components/card';
import { PageHeader } from '@/components/page-header';
import { StatusBadge } from '@/components/status-badge';
import { RECIPIENT_STATE_VIEW, formatCount, reasonLabel } from '@/lib/campaigns/campaign-format';
import { formatInTimeZone } from '@/lib/campaigns/campaign-time';
import { findCampaign, listRecipients, workspaceTimeZone } from '@/lib/campaigns/campaigns-api';
import { getSession, isAdmin } from '@/lib/session/session';
import { listWhatsAppAccounts } from '@/lib/whatsapp/whatsapp-api';
import { formatPhoneNumber } from '@/lib/whatsapp/whatsapp-format';
import { CampaignReport } from './campaign-report';

export const metadata: Metadata = { title: 'Campaign report' };

const LINK = 'font-medium text-brand-700 hover:underline';

type SearchParams = Record<string, string | string[] | undefined>;
type Params = { id: string };

export default async function CampaignReportPage({
  params,
  searchParams,
}: {
  params: Promise<Params>;
  searchParams: Promise<SearchParams>;
}) {
  const me = await getSession();
  const { id } = await params;
  const query = await searchParams;
  const state = CAMPAIGN_RECIPIENT_STATES.find((s) => s === query.state);
  const cursor = typeof query.cursor === 'string' && query.cursor !== '' ? query.cursor : undefined;

  const campaign = await findCampaign(id);
  if (!campaign) notFound();
  const [recipients, accounts] = await Promise.all([
    listRecipients(campaign.id, { state, cursor }),
    listWhatsAppAccounts(),
  ]);
  const account = accounts.find((a) => a.id === campaign.whatsappAccountId);
  const timeZone = workspaceTimeZone(me);
  const admin = isAdmin(me);

  return (
    <>
      <PageHeader
        title={campaign.name}
        description={`Live report. Times are in your workspace's time zone, ${timeZone}.`}
        actions={
          <div className="flex flex-wrap items-center gap-4 text-sm">
            <Link href="/dashboard/campaigns" className={LINK}>
              ← All campaigns
            </Link>
            {admin && (
              <a
                href={`/api/campaigns/${campaign.id}/recipients.csv`}
                download
                className="inline-flex items-center rounded-lg border border-line bg-surface px-3.5 py-2 font-medium hover:bg-canvas"
              >
                Export recipients (CSV)
              </a>
            )}
          </div>
        }
      />
      <div className="flex flex-col gap-6">
        <CampaignReport
          campaign={campaign}
          numberLabel={account ? formatPhoneNumber(account.displayPhoneNumber) : 'Number no longer connected'}
          timeZone={timeZone}
          admin={admin}
        />
        <Card title="Recipients">
          <StateFilter campaign={campaign} active={state} />
          <div className="mt-4">
            {recipients.data.length === 0 ? (
              <p className="text-sm text-ink-muted">
                {state
                  ? `No recipient is ${RECIPIENT_STATE_VIEW[state].label.toLowerCase()} right now.`
                  : 'This campaign has no recipients.'}
              </p>
            ) : (
              <RecipientsTable recipients={recipients.data} timeZone={timeZone} />
            )}
          </div>
          {(cursor || recipients.nextCursor) && (
            <nav aria-label="Recipient pages" className="mt-4 flex gap-4 text-sm">
              {cursor && (
                <Link href={reportHref(campaign.id, state)} className={LINK}>
                  First page
                </Link>
              )}
              {recipients.nextCursor && (
                <Link href={reportHref(campaign.id, state, recipients.nextCursor)} className={LINK}>
                  Next page
                </Link>
              )}
            </nav>
          )}
        </Card>
      </div>
    </>
  );
}

function reportHref(id: string, state?: CampaignRecipientState, cursor?: string): string {
  const query = new URLSearchParams();
  if (state) query.set('state', state);
  if (cursor) query.set('cursor', cursor);
  return `/dashboard/campaigns/${id}${query.size > 0 ? `?${query}` : ''}`;
}

function StateFilter({ campaign, active }: { campaign: CampaignDto; active?: CampaignRecipientState }) {
  const filters: Array<{ state?: CampaignRecipientState; label: string; count: number }> = [
    { label: 'All', count: campaign.totals.recipients },
    ...CAMPAIGN_RECIPIENT_STATES.map((state) => ({
      state,
      label: RECIPIENT_STATE_VIEW[state].label,
      count: campaign.totals[state],
    })),
  ];
  return (
    <nav aria-label="Filter recipients by state" className="flex flex-wrap gap-2 text-sm">
      {filters.map((filter) => {
        const current = filter.state === active;
        return (
          <Link
            key={filter.label}
            href={reportHref(campaign.id, filter.state)}
            aria-current={current ? 'page' : undefined}
            className={
              current
                ? 'rounded-full bg-brand-50 px-3 py-1 font-medium text-brand-800 ring-1 ring-brand-600/20 ring-inset'
                : 'rounded-full border border-line px-3 py-1 text-ink-muted hover:bg-canvas'
            }
          >
            {filter.label} <span className="tabular-nums">({formatCount(filter.count)})</span>
          </Link>
        );
      })}
    </nav>
  );
}

/** The latest thing that happened to the recipient, with its time. */
function lastEvent(recipient: CampaignRecipientDto): string | null {
  return (
    recipient.repliedAt ??
    recipient.failedAt ??
    recipient.readAt ??
    recipient.deliveredAt ??
    recipient.sentAt ??
    recipient.queuedAt
  );
}

function RecipientsTable({ recipients, timeZone }: { recipients: CampaignRecipientDto[]; timeZone: string }) {
  return (
    <div className="-mx-5 overflow-x-auto">
      <table className="w-full min-w-[40rem] text-left text-sm">
        <caption className="sr-only">Recipients with their state, and why a send was skipped or failed</caption>
        <thead className="border-b border-line text-xs tracking-wide text-ink-subtle uppercase">
          <tr>
            <th scope="col" className="px-5 py-2 font-medium">
              Recipient
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              State
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Reason
            </th>
            <th scope="col" className="px-5 py-2 font-medium">
              Last update
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {recipients.map((recipient) => {
            const view = RECIPIENT_STATE_VIEW[recipient.state];
            const reason = reasonLabel(recipient.reason);
            return (
              <tr key={recipient.id} className="align-top" data-testid="recipient-row">
                <td className="px-5 py-3">
                  <p className="font-medium">{recipient.displayName}</p>
                  <p className="text-ink-muted tabular-nums">
                    {recipient.waId ? formatPhoneNumber(recipient.waId) : 'WhatsApp user'}
                  </p>
                </td>
                <td className="px-3 py-3">
                  <StatusBadge tone={view.tone}>{view.label}</StatusBadge>
                </td>
                <td className="px-3 py-3 text-ink-muted">
                  {reason ?? <span className="text-ink-subtle">—</span>}
                  {recipient.errorCode !== null && (
                    <span className="block text-xs text-ink-subtle">Meta error {recipient.errorCode}</span>
                  )}
                </td>
                <td className="px-5 py-3 whitespace-nowrap text-ink-muted">
                  {formatInTimeZone(lastEvent(recipient), timeZone)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
