import { type Dispatch, useCallback, useRef } from 'react';
import type { ConversationDto, ConversationStatus } from '@aerostic/shared';
import type { InboxAction } from '../inbox-reducer';
import type { OutgoingMessage, SendOutcome, SuggestOutcome } from '../inbox-thread';
import type { ThreadState } from '../thread-state';
import type { InboxServer } from './inbox-server';

export type ConversationPatch = { status?: ConversationStatus; assigneeId?: string | null };

/** Reads and writes of the open conversation: opening it, older pages, sending, updating and notes. */
export function useInboxThread(
  thread: ThreadState,
  dispatch: Dispatch<InboxAction>,
  server: InboxServer,
  markRead: (conversation: ConversationDto) => Promise<void>,
) {
  const requests = useRef(0);

  /** `quiet`: a catch-up of what is on screen, without the skeleton and without resetting the composer. */
  const openConversation = useCallback(
    async (id: string, quiet = false) => {
      const request = ++requests.current;
      dispatch({ type: 'thread/requested', request, id, quiet });
      const result = await server.loadThread(id);
      if (!result.ok) {
        dispatch({ type: 'thread/failed', request, status: result.status, message: result.message });
        return;
      }
      dispatch({ type: 'thread/loaded', request, data: result.data, quiet });
      if (request === requests.current && !document.hidden) void markRead(result.data.conversation);
    },
    [dispatch, server, markRead],
  );

  const { open, loadingOlder } = thread;
  const conversationId = open?.conversation.id;
  const olderCursor = open?.olderCursor;

  const loadOlder = useCallback(async () => {
    if (!conversationId || !olderCursor || loadingOlder) return;
    dispatch({ type: 'older/requested' });
    const result = await server.loadOlderMessages(conversationId, olderCursor);
    dispatch(
      result.ok
        ? { type: 'older/loaded', conversationId, page: result.data }
        : { type: 'older/failed', message: result.message },
    );
  }, [dispatch, server, conversationId, olderCursor, loadingOlder]);

  const send = useCallback(
    async (message: OutgoingMessage): Promise<SendOutcome> => {
      if (!conversationId) return { ok: false, message: 'Open a conversation first.' };
      const result = await server.sendMessage(conversationId, message, crypto.randomUUID());
      if (!result.ok) return { ok: false, message: result.message, wayOut: result.wayOut };
      dispatch({ type: 'message/received', message: result.data });
      return { ok: true };
    },
    [dispatch, server, conversationId],
  );

  const update = useCallback(
    async (patch: ConversationPatch) => {
      if (!conversationId) return;
      dispatch({ type: 'update/requested' });
      const result = await server.updateConversation(conversationId, patch);
      dispatch(
        result.ok
          ? { type: 'update/done', conversation: result.data }
          : { type: 'update/failed', message: result.message },
      );
    },
    [dispatch, server, conversationId],
  );

  const addNote = useCallback(
    async (body: string): Promise<SendOutcome> => {
      if (!conversationId) return { ok: false, message: 'Open a conversation first.' };
      const result = await server.addNote(conversationId, body);
      if (!result.ok) return { ok: false, message: result.message };
      dispatch({ type: 'note/received', note: result.data });
      return { ok: true };
    },
    [dispatch, server, conversationId],
  );

  /** A draft from the AI for the composer; nothing is sent. */
  const suggest = useCallback(async (): Promise<SuggestOutcome> => {
    if (!conversationId) return { ok: false, message: 'Open a conversation first.' };
    const result = await server.suggestReply(conversationId);
    return result.ok ? { ok: true, text: result.data.text } : { ok: false, message: result.message };
  }, [server, conversationId]);

  return { openConversation, loadOlder, send, update, addNote, suggest };
}
