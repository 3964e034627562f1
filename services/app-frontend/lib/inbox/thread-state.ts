import type { ContactDto, ConversationDto, MessageDto, NoteDto, Page } from '@aerostic/shared';
import type { ThreadData } from './inbox-api';
import { mergeMessages, newer } from './inbox-thread';

/** The open conversation as the thread and the contact panel show it. */
export interface OpenThread {
  conversation: ConversationDto;
  messages: MessageDto[];
  olderCursor: string | null;
  notes: NoteDto[];
  contact: ContactDto | null;
  otherConversations: ConversationDto[];
}

export interface ThreadState {
  selectedId: string | null;
  open: OpenThread | null;
  /** The skeleton shows: another conversation is being read (a catch-up reads quietly). */
  loading: boolean;
  error: string | null;
  /** The read whose answer is awaited, and whether one is in flight at all. */
  request: number;
  reading: boolean;
  /**
   * Messages of the selected conversation that events brought while it was being read, newest copy of each: the
   * read may predate them (a photo's "stored" must not fall back to "downloading"), so they go over its answer.
   */
  late: Record<string, MessageDto>;
  loadingOlder: boolean;
  olderError: string | null;
  updating: boolean;
  updateError: string | null;
}

export function toOpenThread(data: ThreadData): OpenThread {
  return {
    conversation: data.conversation,
    messages: mergeMessages([], data.messages.data),
    olderCursor: data.messages.nextCursor,
    notes: data.notes,
    contact: data.contact,
    otherConversations: data.otherConversations,
  };
}

export function initialThreadState(data: ThreadData | null, error: string | null): ThreadState {
  return {
    selectedId: data?.conversation.id ?? null,
    open: data ? toOpenThread(data) : null,
    loading: false,
    error,
    request: 0,
    reading: false,
    late: {},
    loadingOlder: false,
    olderError: null,
    updating: false,
    updateError: null,
  };
}

/** Changes the open thread only when it is the given conversation's. */
function withOpen(state: ThreadState, conversationId: string, change: (open: OpenThread) => OpenThread): ThreadState {
  return state.open?.conversation.id === conversationId ? { ...state, open: change(state.open) } : state;
}

export function threadRequested(state: ThreadState, request: number, id: string, quiet: boolean): ThreadState {
  const visible = quiet ? {} : { loading: true, error: null, olderError: null, updateError: null };
  return { ...state, ...visible, selectedId: id, request, reading: true, late: {} };
}

/**
 * The read's answer, with what events brought meanwhile put over it. A catch-up of the conversation already open
 * keeps the older pages loaded; `listed` is the list's copy of the conversation, which may be newer than the read.
 */
export function threadLoaded(
  state: ThreadState,
  request: number,
  data: ThreadData,
  quiet: boolean,
  listed: ConversationDto | undefined,
): ThreadState {
  if (request !== state.request) return state;
  const fresh = toOpenThread(data);
  const current = quiet && state.open?.conversation.id === fresh.conversation.id ? state.open : null;
  const base = current
    ? { ...fresh, messages: mergeMessages(current.messages, fresh.messages), olderCursor: current.olderCursor }
    : fresh;
  const conversation = newer(listed, newer(current?.conversation, base.conversation));
  const messages = mergeMessages(base.messages, Object.values(state.late));
  const open = { ...base, conversation, messages };
  return { ...state, open, loading: false, reading: false, error: null, late: {} };
}

export function threadFailed(state: ThreadState, request: number, status: number, message: string): ThreadState {
  if (request !== state.request) return state;
  const error = status === 404 ? 'This conversation no longer exists.' : message;
  return { ...state, open: null, loading: false, reading: false, error, late: {} };
}

export function messageReceived(state: ThreadState, message: MessageDto): ThreadState {
  const next = withOpen(state, message.conversationId, (open) => ({
    ...open,
    messages: mergeMessages(open.messages, [message]),
  }));
  if (!state.reading || message.conversationId !== state.selectedId) return next;
  return { ...next, late: { ...next.late, [message.id]: newer(next.late[message.id], message) } };
}

export function threadConversationReceived(state: ThreadState, conversation: ConversationDto): ThreadState {
  return withOpen(state, conversation.id, (open) => ({
    ...open,
    conversation: newer(open.conversation, conversation),
  }));
}

export function noteReceived(state: ThreadState, note: NoteDto): ThreadState {
  return withOpen(state, note.conversationId, (open) =>
    open.notes.some((n) => n.id === note.id) ? open : { ...open, notes: [...open.notes, note] },
  );
}

export function olderLoaded(state: ThreadState, conversationId: string, page: Page<MessageDto>): ThreadState {
  const next = withOpen(state, conversationId, (open) => ({
    ...open,
    messages: mergeMessages(open.messages, page.data),
    olderCursor: page.nextCursor,
  }));
  return { ...next, loadingOlder: false };
}
