import type { ConversationDto, Page } from '@aerostic/shared';
import { type InboxFilters, belongsInList } from './inbox-query';
import { mergeConversations, newer, upsertConversation } from './inbox-thread';

/** The conversation list: what is loaded for the current filters, and the read in flight. */
export interface ListState {
  filters: InboxFilters;
  conversations: ConversationDto[];
  cursor: string | null;
  loading: boolean;
  error: string | null;
  /** The read whose answer is awaited; an answer to an older read is dropped. */
  request: number;
  /**
   * What events and writes brought while that read was in flight, newest copy of each: the read may predate them,
   * so they are placed again over its answer (kept when the answer lacks them, taken out when they left the filters).
   */
  late: Record<string, ConversationDto>;
}

/** Who is looking and at what: membership of the list depends on both (see belongsInList). */
export interface Viewer {
  userId: string;
  openId: string | null;
}

export function initialListState(filters: InboxFilters, page: Page<ConversationDto> | null, error: string | null) {
  return {
    filters,
    conversations: page?.data ?? [],
    cursor: page?.nextCursor ?? null,
    loading: false,
    error,
    request: 0,
    late: {},
  } satisfies ListState;
}

/**
 * Puts a pushed or just-written conversation in the list, or takes it out. A copy older than the one listed
 * changes nothing: it was overtaken on the way.
 */
export function placeConversation(
  list: ConversationDto[],
  conversation: ConversationDto,
  filters: InboxFilters,
  viewer: Viewer,
): ConversationDto[] {
  const listed = list.find((c) => c.id === conversation.id);
  if (newer(listed, conversation) !== conversation) return list;
  const belongs = belongsInList(conversation, filters, viewer.userId, {
    inList: listed !== undefined,
    isOpen: conversation.id === viewer.openId,
  });
  return upsertConversation(list, conversation, belongs);
}

/** A read starts: a new filter empties the list at once, a reload keeps it on screen until the answer. */
export function listRequested(state: ListState, request: number, filters?: InboxFilters): ListState {
  const reset = filters ? { filters, conversations: [], cursor: null } : {};
  return { ...state, ...reset, request, loading: true, error: null, late: {} };
}

/** A first page replaces the list, a further page joins it; then what came in meanwhile is placed over it. */
export function listLoaded(
  state: ListState,
  request: number,
  page: Page<ConversationDto>,
  append: boolean,
  viewer: Viewer,
): ListState {
  if (request !== state.request) return state;
  let conversations = append ? mergeConversations(state.conversations, page.data) : page.data;
  for (const conversation of Object.values(state.late)) {
    const read = conversations.find((c) => c.id === conversation.id);
    conversations = placeConversation(conversations, newer(read, conversation), state.filters, viewer);
  }
  return { ...state, conversations, cursor: page.nextCursor, loading: false, error: null, late: {} };
}

export function listFailed(state: ListState, request: number, message: string): ListState {
  if (request !== state.request) return state;
  return { ...state, loading: false, error: message, late: {} };
}

/** A conversation from an event or a write's answer; remembered while a read is in flight (see `late`). */
export function conversationReceived(state: ListState, conversation: ConversationDto, viewer: Viewer): ListState {
  const conversations = placeConversation(state.conversations, conversation, state.filters, viewer);
  if (!state.loading) return { ...state, conversations };
  const late = { ...state.late, [conversation.id]: newer(state.late[conversation.id], conversation) };
  return { ...state, conversations, late };
}
