import type { ConversationDto, Page } from '@aerostic/shared';
import { aConversation } from './inbox-builders.test-support';
import type { InboxFilters } from './inbox-query';
import {
  type ListState,
  type Viewer,
  conversationReceived,
  initialListState,
  listFailed,
  listLoaded,
  listRequested,
  placeConversation,
} from './list-state';

const OPEN_ONLY: InboxFilters = { status: 'open', view: 'all' };
const VIEWER: Viewer = { userId: 'u1', openId: null };

const conversation = (id: string, minute: number, overrides: Partial<ConversationDto> = {}) =>
  aConversation({ id, lastMessageAt: `2026-12-02T10:${String(minute).padStart(2, '0')}:00.000Z`, ...overrides });

const page = (...data: ConversationDto[]): Page<ConversationDto> => ({ data, nextCursor: null });

function listOf(...conversations: ConversationDto[]): ListState {
  return initialListState(OPEN_ONLY, page(...conversations), null);
}

const ids = (state: ListState) => state.conversations.map((c) => c.id);

describe('the list during a catch-up read', () => {
  it('should keep a conversation an event brought while the read was in flight when the read lacks it', () => {
    const reading = listRequested(listOf(conversation('old', 0)), 1);
    const first = conversation('new', 1, { unreadCount: 1, version: 1 });
    const second = conversation('new', 2, { unreadCount: 2, version: 2 });
    const withEvents = conversationReceived(conversationReceived(reading, first, VIEWER), second, VIEWER);

    const loaded = listLoaded(withEvents, 1, page(conversation('old', 0)), false, VIEWER);

    expect(loaded.conversations).toEqual([second, conversation('old', 0)]);
  });

  it('should drop a conversation the read no longer lists when no event touched it since the read began', () => {
    const before = conversationReceived(listOf(conversation('a', 1)), conversation('b', 2), VIEWER);
    expect(ids(before)).toEqual(['b', 'a']);

    const loaded = listLoaded(listRequested(before, 1), 1, page(conversation('a', 1)), false, VIEWER);

    expect(ids(loaded)).toEqual(['a']);
  });

  it('should take out a conversation an event resolved during the read when the read still lists it open', () => {
    const reading = listRequested(listOf(conversation('a', 1)), 1);
    const resolved = conversationReceived(reading, conversation('a', 1, { status: 'resolved', version: 2 }), VIEWER);

    const loaded = listLoaded(resolved, 1, page(conversation('a', 1, { version: 1 })), false, VIEWER);

    expect(loaded.conversations).toEqual([]);
  });

  it('should keep the event’s copy when the read returns an older one, and the read’s when it is newer', () => {
    const reading = listRequested(listOf(), 1);
    const eventA = conversation('a', 2, { unreadCount: 3, version: 3 });
    const eventB = conversation('b', 1, { unreadCount: 1, version: 2 });
    const withEvents = conversationReceived(conversationReceived(reading, eventA, VIEWER), eventB, VIEWER);
    const readA = conversation('a', 1, { version: 2 });
    const readB = conversation('b', 1, { unreadCount: 0, version: 4 });

    const loaded = listLoaded(withEvents, 1, page(readA, readB), false, VIEWER);

    expect(loaded.conversations).toEqual([eventA, readB]);
  });

  it('should let the next read decide alone when the previous one has answered', () => {
    const reading = conversationReceived(listRequested(listOf(), 1), conversation('a', 1), VIEWER);
    const first = listLoaded(reading, 1, page(), false, VIEWER);
    expect(ids(first)).toEqual(['a']);

    const second = listLoaded(listRequested(first, 2), 2, page(), false, VIEWER);

    expect(second.conversations).toEqual([]);
  });

  it('should drop the answer of a read when a newer read started after it', () => {
    const replaced = listRequested(listRequested(listOf(conversation('a', 1)), 1), 2);

    const stale = listLoaded(replaced, 1, page(conversation('b', 2)), false, VIEWER);
    const failed = listFailed(replaced, 1, 'The server is unreachable.');

    expect(stale).toBe(replaced);
    expect(failed).toBe(replaced);
    expect(replaced.loading).toBe(true);
  });
});

describe('listRequested', () => {
  it('should empty the list at once when the filters change, and keep it on screen for a reload', () => {
    const listed = { ...listOf(conversation('a', 1)), cursor: 'next' };
    const pending: InboxFilters = { status: 'pending', view: 'all' };

    const changed = listRequested(listed, 1, pending);
    const reloading = listRequested(listed, 2);

    expect(changed).toMatchObject({ filters: pending, conversations: [], cursor: null, loading: true });
    expect(reloading).toMatchObject({ filters: OPEN_ONLY, cursor: 'next', loading: true });
    expect(ids(reloading)).toEqual(['a']);
  });
});

describe('listLoaded', () => {
  it('should add a further page after the conversations already listed when it was asked with a cursor', () => {
    const reading = listRequested(listOf(conversation('a', 5)), 1);

    const loaded = listLoaded(reading, 1, { data: [conversation('b', 1)], nextCursor: 'more' }, true, VIEWER);

    expect(ids(loaded)).toEqual(['a', 'b']);
    expect(loaded).toMatchObject({ cursor: 'more', loading: false, error: null });
  });
});

describe('listFailed', () => {
  it('should show the error and keep the list when the read fails', () => {
    const failed = listFailed(listRequested(listOf(conversation('a', 1)), 1), 1, 'The server is unreachable.');

    expect(failed).toMatchObject({ loading: false, error: 'The server is unreachable.' });
    expect(ids(failed)).toEqual(['a']);
  });
});

describe('conversationReceived', () => {
  it('should remember nothing for a later read when no read is in flight', () => {
    const received = conversationReceived(listOf(), conversation('a', 1), VIEWER);

    expect(ids(received)).toEqual(['a']);
    expect(received.late).toEqual({});
  });
});

describe('placeConversation', () => {
  it('should change nothing when the copy is older than the one listed', () => {
    const list = [conversation('a', 3, { unreadCount: 2, version: 4 })];

    expect(placeConversation(list, conversation('a', 1, { version: 3 }), OPEN_ONLY, VIEWER)).toBe(list);
  });

  it('should keep the open conversation in place when it stops matching the filters', () => {
    const list = [conversation('a', 1)];
    const resolved = conversation('a', 1, { status: 'resolved', version: 2 });

    expect(placeConversation(list, resolved, OPEN_ONLY, { userId: 'u1', openId: 'a' })).toEqual([resolved]);
    expect(placeConversation(list, resolved, OPEN_ONLY, VIEWER)).toEqual([]);
  });
});
