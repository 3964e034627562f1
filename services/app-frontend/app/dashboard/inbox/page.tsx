import type { Metadata } from 'next';
import { InboxShell } from '@/components/inbox/inbox-shell';
import { type SearchParamsRecord, parseInboxParams } from '@/lib/inbox/inbox-query';
import { getSession } from '@/lib/session/session';
import { listAccounts, listConversations, listTeam, listTeams, loadThread } from '@/lib/inbox/inbox-api';

export const metadata: Metadata = { title: 'Inbox' };

/**
 * The shared inbox. The first page of conversations and the conversation in the URL (`?c=`) render on the
 * server; the browser then keeps them live over Socket.IO and loads the rest through the server actions.
 */
export default async function InboxPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const me = await getSession();
  const { filters, conversationId } = parseInboxParams(await searchParams);
  const [page, accounts, team, teams, thread] = await Promise.all([
    listConversations(filters),
    listAccounts(),
    listTeam(),
    listTeams(),
    conversationId ? loadThread(conversationId) : Promise.resolve(null),
  ]);
  return (
    <InboxShell
      userId={me.user.id}
      accounts={accounts}
      team={team}
      teams={teams}
      filters={filters}
      initialPage={page.ok ? page.data : null}
      initialError={page.ok ? null : page.message}
      initialThread={thread?.ok ? thread.data : null}
      threadError={
        thread && !thread.ok ? (thread.status === 404 ? 'This conversation no longer exists.' : thread.message) : null
      }
    />
  );
}
