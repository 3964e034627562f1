import { useReducer, useRef } from 'react';
import type { Socket } from 'socket.io-client';
import { type InboxInit, inboxReducer, initialInboxState } from '../inbox-reducer';
import { unreadConversations } from '../inbox-thread';
import type { InboxServer } from './inbox-server';
import { useInboxList } from './use-inbox-list';
import { useInboxLive } from './use-inbox-live';
import { useInboxLocation } from './use-inbox-location';
import { useInboxShortcuts } from './use-inbox-shortcuts';
import { useInboxTemplates } from './use-inbox-templates';
import { useInboxThread } from './use-inbox-thread';
import { useMarkRead } from './use-mark-read';
import { useWindowClock } from './use-window-clock';

/**
 * The inbox page's state (one reducer) with what keeps it current: reads through `server`, live events over the
 * socket `connect` opens, the clock of the service window, keys, the tab title and the URL.
 */
export function useInbox(init: InboxInit, server: InboxServer, connect?: () => Socket) {
  const [state, dispatch] = useReducer(inboxReducer, init, initialInboxState);
  const { list, thread } = state;
  const { selectedId, open } = thread;
  const composerRef = useRef<HTMLTextAreaElement>(null);

  const listActions = useInboxList(list, dispatch, server);
  const selected = list.conversations.find((c) => c.id === selectedId);
  const markRead = useMarkRead(dispatch, server, selected, init.initialThread?.conversation);
  const threadActions = useInboxThread(thread, dispatch, server, markRead);
  const { openConversation } = threadActions;
  const status = useInboxLive(
    dispatch,
    { selectedId, markRead, reloadList: listActions.reload, openConversation },
    connect,
  );
  useInboxShortcuts({
    conversations: list.conversations,
    selectedId,
    onOpen: (id) => void openConversation(id),
    composerRef,
  });
  useInboxLocation(list.filters, selectedId, unreadConversations(list.conversations));
  const { now, window } = useWindowClock(open?.conversation.window);
  const needTemplates = useInboxTemplates(
    open?.conversation.whatsappAccountId ?? null,
    open?.messages.some((m) => m.type === 'template') ?? false,
    dispatch,
    server,
  );

  return { state, dispatch, status, now, window, composerRef, listActions, threadActions, needTemplates };
}
