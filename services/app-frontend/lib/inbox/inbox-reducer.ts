import type { ConversationDto, MessageDto, NoteDto, Page } from '@aerostic/shared';
import type { TemplatesResult, ThreadData } from './inbox-api';
import type { InboxFilters } from './inbox-query';
import type { TemplatesState } from './inbox-templates';
import {
  type ListState,
  type Viewer,
  conversationReceived,
  initialListState,
  listFailed,
  listLoaded,
  listRequested,
} from './list-state';
import {
  type ThreadState,
  initialThreadState,
  messageReceived,
  noteReceived,
  olderLoaded,
  threadConversationReceived,
  threadFailed,
  threadLoaded,
  threadRequested,
} from './thread-state';

/** Everything the inbox page holds: the list, the open conversation, and what the composer around it needs. */
export interface InboxState {
  userId: string;
  list: ListState;
  thread: ThreadState;
  /** Approved templates by WhatsApp account id. */
  templates: Record<string, TemplatesState>;
  replyTo: MessageDto | null;
  /** The contact and notes drawer on narrow screens. */
  showContact: boolean;
  /** Bumped to open the composer's template picker from elsewhere (a failed message's "Send a template"). */
  templateRequest: number;
}

export interface InboxInit {
  userId: string;
  filters: InboxFilters;
  initialPage: Page<ConversationDto> | null;
  initialError: string | null;
  initialThread: ThreadData | null;
  threadError: string | null;
}

export type InboxAction =
  | { type: 'list/requested'; request: number; filters?: InboxFilters }
  | { type: 'list/loaded'; request: number; page: Page<ConversationDto>; append: boolean }
  | { type: 'list/failed'; request: number; message: string }
  | { type: 'conversation/received'; conversation: ConversationDto }
  | { type: 'thread/requested'; request: number; id: string; quiet: boolean }
  | { type: 'thread/loaded'; request: number; data: ThreadData; quiet: boolean }
  | { type: 'thread/failed'; request: number; status: number; message: string }
  | { type: 'thread/closed' }
  | { type: 'message/received'; message: MessageDto }
  | { type: 'note/received'; note: NoteDto }
  | { type: 'older/requested' }
  | { type: 'older/loaded'; conversationId: string; page: Page<MessageDto> }
  | { type: 'older/failed'; message: string }
  | { type: 'update/requested' }
  | { type: 'update/failed'; message: string }
  | { type: 'update/done'; conversation: ConversationDto }
  | { type: 'reply/chosen'; message: MessageDto | null }
  | { type: 'contact/shown'; show: boolean }
  | { type: 'template/asked' }
  | { type: 'templates/requested'; accountId: string }
  | { type: 'templates/loaded'; accountId: string; result: TemplatesResult };

export function initialInboxState(init: InboxInit): InboxState {
  return {
    userId: init.userId,
    list: initialListState(init.filters, init.initialPage, init.initialError),
    thread: initialThreadState(init.initialThread, init.threadError),
    templates: {},
    replyTo: null,
    showContact: false,
    templateRequest: 0,
  };
}

function viewer(state: InboxState, openId = state.thread.selectedId): Viewer {
  return { userId: state.userId, openId };
}

/** A conversation reaches the list and the open thread alike; of two copies, the newer stays in each. */
function withConversation(state: InboxState, conversation: ConversationDto, openId?: string): InboxState {
  return {
    ...state,
    list: conversationReceived(state.list, conversation, viewer(state, openId)),
    thread: threadConversationReceived(state.thread, conversation),
  };
}

function openConversation(state: InboxState, action: Extract<InboxAction, { type: 'thread/requested' }>) {
  const thread = threadRequested(state.thread, action.request, action.id, action.quiet);
  return action.quiet ? { ...state, thread } : { ...state, thread, replyTo: null, showContact: false };
}

export function inboxReducer(state: InboxState, action: InboxAction): InboxState {
  switch (action.type) {
    case 'list/requested':
      return { ...state, list: listRequested(state.list, action.request, action.filters) };
    case 'list/loaded':
      return { ...state, list: listLoaded(state.list, action.request, action.page, action.append, viewer(state)) };
    case 'list/failed':
      return { ...state, list: listFailed(state.list, action.request, action.message) };
    case 'conversation/received':
      return withConversation(state, action.conversation);
    case 'thread/requested':
      return openConversation(state, action);
    case 'thread/loaded': {
      const listed = state.list.conversations.find((c) => c.id === action.data.conversation.id);
      return { ...state, thread: threadLoaded(state.thread, action.request, action.data, action.quiet, listed) };
    }
    case 'thread/failed':
      return { ...state, thread: threadFailed(state.thread, action.request, action.status, action.message) };
    case 'thread/closed':
      return { ...state, thread: { ...state.thread, selectedId: null } };
    case 'message/received':
      return { ...state, thread: messageReceived(state.thread, action.message) };
    case 'note/received':
      return { ...state, thread: noteReceived(state.thread, action.note) };
    case 'older/requested':
      return { ...state, thread: { ...state.thread, loadingOlder: true, olderError: null } };
    case 'older/loaded':
      return { ...state, thread: olderLoaded(state.thread, action.conversationId, action.page) };
    case 'older/failed':
      return { ...state, thread: { ...state.thread, loadingOlder: false, olderError: action.message } };
    case 'update/requested':
      return { ...state, thread: { ...state.thread, updating: true, updateError: null } };
    case 'update/failed':
      return { ...state, thread: { ...state.thread, updating: false, updateError: action.message } };
    case 'update/done': {
      // The agent changed what is on their screen: it stays in the list even when it no longer matches the filters.
      const next = withConversation(state, action.conversation, action.conversation.id);
      return { ...next, thread: { ...next.thread, updating: false } };
    }
    case 'reply/chosen':
      return { ...state, replyTo: action.message };
    case 'contact/shown':
      return { ...state, showContact: action.show };
    case 'template/asked':
      return { ...state, templateRequest: state.templateRequest + 1 };
    case 'templates/requested':
      return { ...state, templates: { ...state.templates, [action.accountId]: { state: 'loading' } } };
    case 'templates/loaded': {
      const { result } = action;
      const templates: TemplatesState = result.available
        ? { state: 'ready', templates: result.templates }
        : { state: 'unavailable', message: result.message };
      return { ...state, templates: { ...state.templates, [action.accountId]: templates } };
    }
  }
}
