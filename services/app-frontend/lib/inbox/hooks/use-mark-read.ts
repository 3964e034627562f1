import { type Dispatch, useCallback, useEffect, useEffectEvent } from 'react';
import type { ConversationDto } from '@aerostic/shared';
import type { InboxAction } from '../inbox-reducer';
import type { InboxServer } from './inbox-server';

/**
 * Reading a conversation marks it read: when it opens (the page's first one after the first paint, since reading
 * is a write and not what the page waits for), and when the tab comes back after being hidden.
 */
export function useMarkRead(
  dispatch: Dispatch<InboxAction>,
  server: InboxServer,
  selected: ConversationDto | undefined,
  initial: ConversationDto | undefined,
) {
  const markRead = useCallback(
    async (conversation: ConversationDto) => {
      if (conversation.unreadCount === 0) return;
      const result = await server.markRead(conversation.id);
      if (result.ok) dispatch({ type: 'conversation/received', conversation: result.data });
    },
    [dispatch, server],
  );

  const onVisible = useEffectEvent(() => {
    if (!document.hidden && selected) void markRead(selected);
  });
  useEffect(() => {
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);

  useEffect(() => {
    if (!initial) return;
    const timer = setTimeout(() => void markRead(initial), 0);
    return () => clearTimeout(timer);
  }, [initial, markRead]);

  return markRead;
}
