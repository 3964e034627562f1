import type { Metadata } from 'next';
import Link from 'next/link';
import type { CampaignDto } from '@aerostic/shared';
import { CampaignProgress } from '@/components/campaigns/campaign-progress';
import { CampaignStatusBadge } from '@/components/campaigns/campaign-status-badge';
import { NewCampaignLink } from '@/components/campaigns/new-campaign-link';
import { Card } from '@/components/card';
import { LiveRefresh } from '@/components/live-refresh';
import { PageHeader } from '@/components/page-header';
import { campaignRates, campaignWhen } from '@/lib/campaigns/campaign-format';
import { listCampaigns, workspaceTimeZone } from '@/lib/campaigns/campaigns-api';
import { getSession, isAdmin } from '@/lib/session/session';
import { listWhatsAppAccounts } from '@/lib/whatsapp/whatsapp-api';
import { formatPhoneNumber } from '@/lib/whatsapp/whatsapp-format';

export const metadata: Metadata = { title: 'Campaigns' };

const LINK = 'font-medium text-brand-700 hover:underline';

type SearchParams = Record<string, string | string[] | undefined>;

export default async function CampaignsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const me = await getSession();
  const { cursor: rawCursor } = await searchParams;
  const cursor = typeof rawCursor === 'string' && rawCursor !== '' ? rawCursor : undefined;
  const [page, accounts] = await Promise.all([listCampaigns(cursor), listWhatsAppAccounts()]);
  const numbers = new Map(accounts.map((a) => [a.id, formatPhoneNumber(a.displayPhoneNumber)]));
  const timeZone = workspaceTimeZone(me);
  const admin = isAdmin(me);

  return (
    <>
      {/* Progress and status arrive over Socket.IO while campaigns send; the list renders again with them. */}
      <LiveRefresh events={['campaign.updated']} />
      <PageHeader
        title="Campaigns"
        description="Send an approved template to many contacts at once, and follow every delivery, read and reply."
        actions={page.data.length > 0 || cursor ? <NewCampaignLink /> : undefined}
      />
      <Card title="All campaigns" description={`Times are in your workspace's time zone, ${timeZone}.`}>
        {page.data.length === 0 ? (
          cursor ? (
            <p className="text-sm text-ink-muted">
              No more campaigns.{' '}
              <Link href="/dashboard/campaigns" className={LINK}>
                Back to the first page
              </Link>
            </p>
          ) : (
            <EmptyCampaigns admin={admin} />
          )
        ) : (
          <CampaignsTable campaigns={page.data} numbers={numbers} timeZone={timeZone} />
        )}
        {(cursor || page.nextCursor) && (
          <nav aria-label="Campaign pages" className="mt-4 flex gap-4 text-sm">
            {cursor && (
              <Link href="/dashboard/campaigns" className={LINK}>
                First page
              </Link>
            )}
            {page.nextCursor && (
              <Link href={`/dashboard/campaigns?cursor=${encodeURIComponent(page.nextCursor)}`} className={LINK}>
                Next page
              </Link>
            )}
          </nav>
        )}
      </Card>
    </>
  );
}

function EmptyCampaigns({ admin }: { admin: boolean }) {
  return (
    <div className="flex flex-col items-start gap-3 text-sm text-ink-muted">
      <p className="font-medium text-ink">No campaigns yet.</p>
      <p className="max-w-xl">
        A campaign sends one approved template to the contacts you choose by tag, attribute or CSV file. Contacts
        without marketing consent are skipped, and you see the cost before anything is sent.
      </p>
      {admin ? (
        <NewCampaignLink>Create your first campaign</NewCampaignLink>
      ) : (
        <p>Admins of your workspace create campaigns; you can follow their reports here.</p>
      )}
    </div>
  );
}

function CampaignsTable({
  campaigns,
  numbers,
  timeZone,
}: {
  campaigns: CampaignDto[];
  numbers: Map<string, string>;
  timeZone: string;
}) {
  return (
    <div className="-mx-5 overflow-x-auto">
      <table className="w-full min-w-[52rem] text-left text-sm">
        <caption className="sr-only">Campaigns, newest first</caption>
        <thead className="border-b border-line text-xs tracking-wide text-ink-subtle uppercase">
          <tr>
            <th scope="col" className="px-5 py-2 font-medium">
              Campaign
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Number
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Status
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Progress
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Delivered
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Read
            </th>
            <th scope="col" className="px-5 py-2 text-right font-medium">
              Replied
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {campaigns.map((campaign) => {
            const rates = campaignRates(campaign.totals);
            return (
              <tr key={campaign.id} className="align-top" data-testid="campaign-row">
                <td className="px-5 py-3">
                  <Link href={`/dashboard/campaigns/${campaign.id}`} className={LINK}>
                    {campaign.name}
                  </Link>
                  <p className="text-ink-muted">
                    {campaign.template.name} ({campaign.template.language})
                  </p>
                  <p className="text-xs text-ink-subtle">{campaignWhen(campaign, timeZone)}</p>
                </td>
                <td className="px-3 py-3 whitespace-nowrap text-ink-muted tabular-nums">
                  {numbers.get(campaign.whatsappAccountId) ?? 'Number no longer connected'}
                </td>
                <td className="px-3 py-3">
                  <CampaignStatusBadge status={campaign.status} />
                </td>
                <td className="px-3 py-3">
                  <CampaignProgress totals={campaign.totals} />
                </td>
                <td className="px-3 py-3 text-right tabular-nums">{rates.delivered}</td>
                <td className="px-3 py-3 text-right tabular-nums">{rates.read}</td>
                <td className="px-5 py-3 text-right tabular-nums">{rates.replied}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
