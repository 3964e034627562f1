import type { MessageDto } from '@aerostic/shared';
import { aConversation, aMessage, aThreadData } from './inbox-builders.test-support';
import {
  type ThreadState,
  initialThreadState,
  messageReceived,
  noteReceived,
  olderLoaded,
  threadFailed,
  threadLoaded,
  threadRequested,
} from './thread-state';

const C1 = aConversation({ id: 'c1' });
const C2 = aConversation({ id: 'c2', contact: { ...C1.contact, displayName: 'Ada' } });

const message = (id: string, second: number, overrides: Partial<MessageDto> = {}) =>
  aMessage({
    id,
    conversationId: 'c1',
    createdAt: `2026-11-20T10:00:${String(second).padStart(2, '0')}.000Z`,
    ...overrides,
  });

const photo = (status: string, version: number) =>
  message('photo', 5, { type: 'image', content: { image: { id: 'm1' }, stored_media: { status } }, version });

const ids = (state: ThreadState) => state.open?.messages.map((m) => m.id);

describe('the thread during a read', () => {
  it('should keep a photo stored during the read when the read still says it is downloading', () => {
    const reading = threadRequested(initialThreadState(null, null), 1, 'c1', false);
    const stored = messageReceived(reading, photo('stored', 3));

    const loaded = threadLoaded(stored, 1, aThreadData(C1, [photo('pending', 2)]), false, undefined);

    expect(loaded.open?.messages).toEqual([photo('stored', 3)]);
  });

  it('should add a message that arrived during the read when the read predates it', () => {
    const reading = threadRequested(initialThreadState(null, null), 1, 'c1', false);
    const arrived = messageReceived(reading, message('m2', 2));

    const loaded = threadLoaded(arrived, 1, aThreadData(C1, [message('m1', 1)]), false, undefined);

    expect(ids(loaded)).toEqual(['m1', 'm2']);
  });

  it('should leave out what arrived for the conversation opened before when another one is read', () => {
    const first = threadRequested(initialThreadState(null, null), 1, 'c1', false);
    const arrived = messageReceived(first, message('m1', 1));
    const second = messageReceived(threadRequested(arrived, 2, 'c2', false), message('m2', 2));

    const loaded = threadLoaded(second, 2, aThreadData(C2), false, undefined);

    expect(loaded.open?.conversation.id).toBe('c2');
    expect(loaded.open?.messages).toEqual([]);
  });

  it('should keep the older pages already loaded when a catch-up reads the open conversation again', () => {
    const open = initialThreadState(aThreadData(C1, [message('m1', 1), message('m2', 2)]), null);
    const paged = { ...open, open: { ...open.open!, olderCursor: 'older' } };
    const catchingUp = threadRequested(paged, 1, 'c1', true);

    const loaded = threadLoaded(catchingUp, 1, aThreadData(C1, [message('m2', 2), message('m3', 3)]), true, undefined);

    expect(ids(loaded)).toEqual(['m1', 'm2', 'm3']);
    expect(loaded.open?.olderCursor).toBe('older');
    expect(catchingUp.loading).toBe(false);
  });

  it('should keep the newer copy of the conversation when the list holds one newer than the read', () => {
    const reading = threadRequested(initialThreadState(null, null), 1, 'c1', false);
    const listed = { ...C1, unreadCount: 0, version: 5 };

    const loaded = threadLoaded(reading, 1, aThreadData({ ...C1, unreadCount: 2, version: 4 }), false, listed);

    expect(loaded.open?.conversation).toBe(listed);
  });

  it('should drop the answer of a read when another conversation was opened after it', () => {
    const replaced = threadRequested(threadRequested(initialThreadState(null, null), 1, 'c1', false), 2, 'c2', false);

    expect(threadLoaded(replaced, 1, aThreadData(C1), false, undefined)).toBe(replaced);
    expect(threadFailed(replaced, 1, 500, 'Try again.')).toBe(replaced);
  });

  it('should say the conversation no longer exists when the read answers 404', () => {
    const reading = threadRequested(initialThreadState(aThreadData(C1), null), 1, 'c2', false);

    const failed = threadFailed(reading, 1, 404, 'Not Found');

    expect(failed).toMatchObject({ open: null, loading: false, error: 'This conversation no longer exists.' });
  });
});

describe('messageReceived', () => {
  it('should keep the latest ticks in the open thread when events arrive out of order', () => {
    const open = initialThreadState(aThreadData(C1, [message('m1', 1, { status: 'sent', version: 2 })]), null);

    const read = messageReceived(open, message('m1', 1, { status: 'read', version: 4 }));
    const late = messageReceived(read, message('m1', 1, { status: 'delivered', version: 3 }));
    const other = messageReceived(late, message('x', 2, { conversationId: 'c2' }));

    expect(other.open?.messages.map((m) => m.status)).toEqual(['read']);
  });
});

describe('noteReceived', () => {
  it('should add a note once when both the answer and the event bring it', () => {
    const open = initialThreadState(aThreadData(C1), null);
    const note = { id: 'n1', conversationId: 'c1', authorUserId: null, body: 'Call back', createdAt: C1.createdAt };

    const added = noteReceived(noteReceived(open, note), note);

    expect(added.open?.notes).toEqual([note]);
  });
});

describe('olderLoaded', () => {
  it('should put an older page before the messages loaded when it arrives', () => {
    const open = initialThreadState(aThreadData(C1, [message('m2', 2)]), null);

    const loaded = olderLoaded({ ...open, loadingOlder: true }, 'c1', { data: [message('m1', 1)], nextCursor: null });

    expect(ids(loaded)).toEqual(['m1', 'm2']);
    expect(loaded).toMatchObject({ loadingOlder: false, open: { olderCursor: null } });
  });

  it('should leave the thread alone when the page belongs to a conversation no longer open', () => {
    const open = initialThreadState(aThreadData(C2), null);

    const loaded = olderLoaded(open, 'c1', { data: [message('m1', 1)], nextCursor: null });

    expect(loaded.open).toBe(open.open);
  });
});
