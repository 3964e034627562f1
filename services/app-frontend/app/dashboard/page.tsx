import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { PAGE_SIZE_MAX } from '@aerostic/shared';
import { Card } from '@/components/card';
import { StatusBadge } from '@/components/status-badge';
import { formatDateTime } from '@/lib/format';
import { getSession, isAdmin } from '@/lib/session';
import { listUsers } from '@/lib/users';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage() {
  const me = await getSession();
  const { tenant, user } = me;
  const firstName = user.name.split(/\s+/)[0] || user.name;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Welcome, {firstName}</h1>
      <p className="mt-1 text-sm text-ink-muted">Here is how {tenant.name} is set up on Aerostic.</p>

      <div className="mt-6 grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        <Card title="Workspace">
          <p className="truncate text-lg font-semibold">{tenant.name}</p>
          <p className="mt-2 flex items-center gap-2 text-sm text-ink-muted">
            Status:{' '}
            <StatusBadge tone={tenant.status === 'active' ? 'success' : 'danger'}>
              {tenant.status === 'active' ? 'Active' : 'Suspended'}
            </StatusBadge>
          </p>
          <p className="mt-2 text-xs text-ink-subtle">Created {formatDateTime(tenant.createdAt)}</p>
        </Card>
        <Card title="Team">
          <Suspense fallback={<p className="h-7 w-24 animate-pulse rounded bg-line" aria-label="Loading team size" />}>
            <TeamSize />
          </Suspense>
          <Link href="/dashboard/team" className="mt-2 inline-block text-sm font-medium text-brand-700 hover:underline">
            {isAdmin(me) ? 'Manage team' : 'See team'}
          </Link>
        </Card>
        <Card title="Messages">
          <NoDataYet>Message counts appear once a WhatsApp number is connected and messages flow.</NoDataYet>
        </Card>
        <Card title="Conversations">
          <NoDataYet>Open and resolved conversations appear here once the inbox is available.</NoDataYet>
        </Card>
      </div>

      <Card title="Getting started" className="mt-6 max-w-3xl">
        <ol className="list-decimal space-y-2 pl-5 text-sm text-ink-muted">
          <li>
            {isAdmin(me) ? (
              <>
                <Link href="/dashboard/team" className="font-medium text-brand-700 hover:underline">
                  Invite your team
                </Link>{' '}
                so that agents can log in with their own accounts.
              </>
            ) : (
              'Your admin invites the rest of the team from the Team page.'
            )}
          </li>
          <li>
            Connect a WhatsApp Business number on the{' '}
            <Link href="/dashboard/whatsapp" className="font-medium text-brand-700 hover:underline">
              WhatsApp
            </Link>{' '}
            page.
          </li>
          <li>Answer customers from the shared inbox (coming in a later release).</li>
        </ol>
      </Card>
    </>
  );
}

async function TeamSize() {
  const page = await listUsers(PAGE_SIZE_MAX);
  const active = page.data.filter((member) => member.status === 'active').length;
  const more = page.nextCursor ? '+' : '';
  return (
    <p className="text-lg font-semibold">
      {active}
      {more} active {active === 1 && !more ? 'member' : 'members'}
    </p>
  );
}

function NoDataYet({ children }: { children: string }) {
  return (
    <>
      <p className="text-lg font-semibold text-ink-subtle">No data yet</p>
      <p className="mt-2 text-sm text-ink-muted">{children}</p>
    </>
  );
}
