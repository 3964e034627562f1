import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { type ConversationDto, type OverviewDto, PAGE_SIZE_MAX } from '@aerostic/shared';
import { Card } from '@/components/card';
import { StatusBadge } from '@/components/status-badge';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/format';
import { getOverview } from '@/lib/overview/overview-api';
import { getSession, isAdmin } from '@/lib/session/session';
import { listUsers } from '@/lib/team/users-api';

export const metadata: Metadata = { title: 'Overview' };

const STATUS_TONES = { open: 'success', pending: 'warning', resolved: 'neutral' } as const;

export default async function OverviewPage() {
  const me = await getSession();
  const { tenant, user } = me;
  const firstName = user.name.split(/\s+/)[0] || user.name;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Welcome, {firstName}</h1>
      <p className="mt-1 text-sm text-ink-muted">Today at {tenant.name}, and where the inbox stands right now.</p>

      <Suspense fallback={<OverviewSkeleton />}>
        <OverviewFigures admin={isAdmin(me)} />
      </Suspense>
    </>
  );
}

async function OverviewFigures({ admin }: { admin: boolean }) {
  const overview = await getOverview();
  const { messages, conversations } = overview;
  return (
    <>
      <section aria-labelledby="today-heading" className="mt-6">
        <h2 id="today-heading" className="text-sm font-semibold text-ink-muted">
          Today, {formatDay(overview.day)}
        </h2>
        <dl className="mt-3 grid gap-4 sm:grid-cols-2 xl:grid-cols-5">
          <Figure label="Messages received" value={messages.inbound} />
          <Figure label="Messages sent" value={messages.outbound} />
          <Figure
            label="Failed sends"
            value={messages.failed}
            tone={messages.failed > 0 ? 'danger' : undefined}
            hint={messages.failed > 0 ? 'Open the conversation to see why Meta refused them.' : undefined}
          />
          <Figure label="Open conversations" value={conversations.open} hint="Right now, any day." />
          <Figure
            label="Unassigned"
            value={conversations.unassigned}
            tone={conversations.unassigned > 0 ? 'warning' : undefined}
            hint="Open conversations nobody has taken yet."
          />
        </dl>
      </section>

      <div className="mt-6 grid gap-4 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card title="Recent conversations">
          <RecentConversations conversations={overview.recentConversations} admin={admin} />
        </Card>
        <Card title="Team" className="self-start">
          <Suspense fallback={<p className="h-7 w-24 animate-pulse rounded bg-line" aria-label="Loading team size" />}>
            <TeamSize />
          </Suspense>
          <Link href="/dashboard/team" className="mt-2 inline-block text-sm font-medium text-brand-700 hover:underline">
            {admin ? 'Manage team' : 'See team'}
          </Link>
        </Card>
      </div>
    </>
  );
}

function Figure({
  label,
  value,
  hint,
  tone,
}: {
  label: string;
  value: number;
  hint?: string;
  tone?: 'danger' | 'warning';
}) {
  return (
    <div className="rounded-(--radius-card) border border-line bg-surface p-4 shadow-xs">
      <dt className="text-sm font-medium text-ink-muted">{label}</dt>
      <dd
        className={cn(
          'mt-1 text-3xl font-semibold tabular-nums',
          tone === 'danger' && 'text-danger-700',
          tone === 'warning' && 'text-warning-700',
        )}
        data-testid={`figure-${label.toLowerCase().replace(/\s+/g, '-')}`}
      >
        {value.toLocaleString('en-GB')}
      </dd>
      {hint && <dd className="mt-1 text-xs text-ink-subtle">{hint}</dd>}
    </div>
  );
}

function RecentConversations({ conversations, admin }: { conversations: ConversationDto[]; admin: boolean }) {
  if (conversations.length === 0) {
    return (
      <div className="text-sm text-ink-muted">
        <p className="font-medium text-ink">No conversations yet.</p>
        <p className="mt-1">
          {admin ? (
            <>
              Connect a number on the{' '}
              <Link href="/dashboard/whatsapp" className="font-medium text-brand-700 hover:underline">
                WhatsApp
              </Link>{' '}
              page; conversations appear here as soon as customers write to it.
            </>
          ) : (
            'Conversations appear here as soon as customers write to one of your WhatsApp numbers.'
          )}{' '}
          You can also write first from{' '}
          <Link href="/dashboard/contacts" className="font-medium text-brand-700 hover:underline">
            Contacts
          </Link>
          .
        </p>
      </div>
    );
  }
  return (
    <>
      <ul className="-mx-5 divide-y divide-line">
        {conversations.map((conversation) => (
          <li key={conversation.id}>
            <Link
              href={`/dashboard/inbox?c=${conversation.id}`}
              className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 px-5 py-3 hover:bg-canvas"
            >
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium">{conversation.contact.displayName}</span>
                <span className="block truncate text-sm text-ink-muted">
                  {conversation.lastMessagePreview ?? 'No messages yet'}
                </span>
              </span>
              <span className="flex items-center gap-3 text-xs text-ink-subtle">
                {conversation.unreadCount > 0 && (
                  <StatusBadge tone="brand">{conversation.unreadCount} unread</StatusBadge>
                )}
                <StatusBadge tone={STATUS_TONES[conversation.status]}>{capitalize(conversation.status)}</StatusBadge>
                <span>{formatDateTime(conversation.lastMessageAt)}</span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <p className="mt-4 text-sm">
        <Link href="/dashboard/inbox" className="font-medium text-brand-700 hover:underline">
          Open the inbox
        </Link>
      </p>
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

function OverviewSkeleton() {
  return (
    <div role="status" aria-live="polite" className="mt-6 animate-pulse">
      <span className="sr-only">Loading today’s figures…</span>
      <div className="h-4 w-40 rounded bg-line" />
      <div className="mt-3 grid gap-4 sm:grid-cols-2 xl:grid-cols-5">
        {[0, 1, 2, 3, 4].map((i) => (
          <div key={i} className="h-24 rounded-(--radius-card) bg-line/70" />
        ))}
      </div>
      <div className="mt-6 h-64 rounded-(--radius-card) bg-line/70" />
    </div>
  );
}

function formatDay(day: OverviewDto['day']): string {
  const date = new Date(`${day.date}T00:00:00Z`);
  const label = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(date);
  return day.timeZone === 'UTC' ? `${label} (UTC)` : label;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
