'use client';

import type { TeamDto, UserDto, WhatsAppAccountDto } from '@aerostic/shared';
import { cn } from '@/lib/cn';
import { useInbox } from '@/lib/inbox/hooks/use-inbox';
import type { InboxInit } from '@/lib/inbox/inbox-reducer';
import { ConnectionBanner } from './connection-banner';
import { ContactAside } from './contact-aside';
import { ConversationList } from './conversation-list';
import { INBOX_SERVER } from './inbox-server';
import { ThreadPane } from './thread-pane';

export interface InboxShellProps extends InboxInit {
  accounts: WhatsAppAccountDto[];
  team: UserDto[];
  /** The workspace's teams, for the team filter. */
  teams?: TeamDto[];
}

/** The live inbox: the list, the open conversation and its contact, kept current over Socket.IO. */
export function InboxShell(props: InboxShellProps) {
  const { accounts, team, teams = [] } = props;
  const { state, dispatch, status, now, window, composerRef, listActions, threadActions, needTemplates } = useInbox(
    props,
    INBOX_SERVER,
  );
  const { list } = state;
  const { selectedId, open } = state.thread;
  const { openConversation } = threadActions;

  return (
    <div className="-mx-4 -my-6 flex h-[calc(100dvh-3.5rem)] min-h-[30rem] flex-col lg:-mx-8">
      <h1 className="sr-only">Inbox</h1>
      <ConnectionBanner status={status} />
      <div className="grid min-h-0 flex-1 grid-cols-1 lg:grid-cols-[18rem_minmax(0,1fr)] xl:grid-cols-[19rem_minmax(0,1fr)_17rem]">
        <div className={cn('min-h-0 border-r border-line bg-surface', selectedId ? 'hidden lg:block' : 'block')}>
          <ConversationList
            conversations={list.conversations}
            selectedId={selectedId}
            filters={list.filters}
            accounts={accounts}
            team={team}
            teams={teams}
            loading={list.loading}
            error={list.error}
            hasMore={list.cursor !== null}
            now={now}
            onFilters={listActions.changeFilters}
            onSelect={(id) => void openConversation(id)}
            onLoadMore={listActions.loadMore}
            onRetry={listActions.reload}
          />
        </div>
        <div className={cn('min-h-0', selectedId ? 'block' : 'hidden lg:block')}>
          <ThreadPane
            state={state}
            team={team}
            window={window}
            composerRef={composerRef}
            actions={threadActions}
            needTemplates={needTemplates}
            dispatch={dispatch}
          />
        </div>
        {open && (
          <ContactAside
            open={open}
            accounts={accounts}
            team={team}
            now={now}
            shown={state.showContact}
            onClose={() => dispatch({ type: 'contact/shown', show: false })}
            onOpen={(id) => void openConversation(id)}
            onAddNote={threadActions.addNote}
          />
        )}
      </div>
    </div>
  );
}
