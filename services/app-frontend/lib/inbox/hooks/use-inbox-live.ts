import type { Dispatch } from 'react';
import type { Socket } from 'socket.io-client';
import type { ConversationDto } from '@aerostic/shared';
import { type RealtimeStatus, useRealtime } from '@/lib/realtime';
import type { InboxAction } from '../inbox-reducer';

interface LiveOptions {
  selectedId: string | null;
  markRead: (conversation: ConversationDto) => Promise<void>;
  reloadList: () => void;
  openConversation: (id: string, quiet: boolean) => Promise<void>;
}

/** The tenant's live events, handed to the reducer, which keeps the newest copy of each row it already holds. */
export function useInboxLive(
  dispatch: Dispatch<InboxAction>,
  { selectedId, markRead, reloadList, openConversation }: LiveOptions,
  connect?: () => Socket,
): RealtimeStatus {
  return useRealtime(
    {
      'message.created': ({ message }) => dispatch({ type: 'message/received', message }),
      'message.updated': ({ message }) => dispatch({ type: 'message/received', message }),
      'conversation.updated': ({ conversation }) => {
        dispatch({ type: 'conversation/received', conversation });
        // The agent is looking at it: what just came in is read.
        if (conversation.id === selectedId && conversation.unreadCount > 0 && !document.hidden)
          void markRead(conversation);
      },
      'note.created': ({ note }) => dispatch({ type: 'note/received', note }),
      onCatchUp: () => {
        // Events sent before the socket was live (after the page rendered, or while it was down) never arrive.
        reloadList();
        if (selectedId) void openConversation(selectedId, true);
      },
    },
    connect,
  );
}
