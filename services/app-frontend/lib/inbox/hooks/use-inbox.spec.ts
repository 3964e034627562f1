/** @jest-environment jsdom */
import { act, fireEvent, renderHook, waitFor } from '@testing-library/react';
import type { ConversationDto, MessageDto, Page } from '@aerostic/shared';
import { FakeSocket } from '@/lib/fake-socket.test-support';
import { aConversation, aMessage, aThreadData } from '../inbox-builders.test-support';
import type { InboxResult, ThreadData } from '../inbox-api';
import type { InboxInit } from '../inbox-reducer';
import type { InboxServer } from './inbox-server';
import { useInbox } from './use-inbox';

const C1 = aConversation({ id: 'c1', lastMessageAt: '2026-11-20T10:00:00.000Z' });
const C2 = aConversation({ id: 'c2', lastMessageAt: '2026-11-20T09:00:00.000Z' });

/** An answer the test gives when it chooses, to put events between a read's start and its answer. */
function later<T>() {
  let give: (value: T) => void = () => undefined;
  const promise = new Promise<T>((resolve) => {
    give = resolve;
  });
  return { promise, give: (value: T) => act(async () => give(value)) };
}

const ok = <T>(data: T): InboxResult<T> => ({ ok: true, data });
const page = (...data: ConversationDto[]): Page<ConversationDto> => ({ data, nextCursor: null });

/** Answers every read at once unless a test overrides it; each method is watched for the assertions. */
function fakeServer(overrides: Partial<InboxServer> = {}): InboxServer {
  const server: InboxServer = {
    loadConversations: async () => ok(page()),
    loadThread: async (id) => ok(aThreadData(id === 'c2' ? C2 : C1)),
    loadOlderMessages: async () => ok({ data: [], nextCursor: null }),
    markRead: async (id) => ok({ ...(id === 'c2' ? C2 : C1), unreadCount: 0 }),
    sendMessage: async () => ok(aMessage()),
    updateConversation: async () => ok(C1),
    addNote: async () => ok({ id: 'n1', conversationId: 'c1', authorUserId: null, body: '', createdAt: '' }),
    listTemplates: async () => ({ available: true, templates: [] }),
    suggestReply: async () => ok({ text: 'A draft' }),
    ...overrides,
  };
  for (const name of Object.keys(server) as Array<keyof InboxServer>) jest.spyOn(server, name);
  return server;
}

function setup(server: InboxServer, overrides: Partial<InboxInit> = {}) {
  const socket = new FakeSocket();
  const init: InboxInit = {
    userId: 'u1',
    filters: { status: 'open', view: 'all' },
    initialPage: page(C1, C2),
    initialError: null,
    initialThread: null,
    threadError: null,
    ...overrides,
  };
  const hook = renderHook(() => useInbox(init, server, () => socket.asSocket()));
  return { socket, hook, state: () => hook.result.current.state };
}

describe(useInbox.name, () => {
  it('should keep a conversation an event brought during the catch-up read when the read lacks it', async () => {
    const read = later<InboxResult<Page<ConversationDto>>>();
    const server = fakeServer({ loadConversations: () => read.promise });
    const { socket, state } = setup(server, { initialPage: page(C2) });
    const arrived = aConversation({ id: 'new', lastMessageAt: '2026-11-20T11:00:00.000Z', unreadCount: 1 });

    socket.serverSends('ready');
    socket.serverSends('conversation.updated', { conversation: arrived });
    await read.give(ok(page(C2)));

    expect(server.loadConversations).toHaveBeenCalledWith({ status: 'open', view: 'all' }, null);
    expect(state().list.conversations).toEqual([arrived, C2]);
  });

  it('should keep a message that came during the quiet catch-up read when the socket connects', async () => {
    const read = later<InboxResult<ThreadData>>();
    const server = fakeServer({ loadThread: () => read.promise });
    const m1 = aMessage({ id: 'm1', conversationId: 'c1' });
    const m2 = aMessage({ id: 'm2', conversationId: 'c1', createdAt: '2026-11-20T10:01:00.000Z' });
    const { socket, state } = setup(server, { initialThread: aThreadData(C1, [m1]) });

    socket.serverSends('ready');
    expect(server.loadThread).toHaveBeenCalledWith('c1');
    expect(state().thread.loading).toBe(false);
    socket.serverSends('message.created', { conversationId: 'c1', message: m2 });
    await read.give(ok(aThreadData(C1, [m1])));

    expect(state().thread.open?.messages).toEqual([m1, m2]);
  });

  it('should show the answer to the latest filters when an earlier read answers last', async () => {
    const pending = later<InboxResult<Page<ConversationDto>>>();
    const resolved = later<InboxResult<Page<ConversationDto>>>();
    const server = fakeServer({
      loadConversations: (filters) => (filters.status === 'pending' ? pending.promise : resolved.promise),
    });
    const { hook, state } = setup(server);

    act(() => hook.result.current.listActions.changeFilters({ status: 'pending', view: 'all' }));
    act(() => hook.result.current.listActions.changeFilters({ status: 'resolved', view: 'all' }));
    await resolved.give(ok(page({ ...C2, status: 'resolved' })));
    await pending.give(ok(page({ ...C1, status: 'pending' })));

    expect(state().list.filters.status).toBe('resolved');
    expect(state().list.conversations.map((c) => c.id)).toEqual(['c2']);
  });

  it('should open the next or the previous conversation when j or k is pressed', async () => {
    const server = fakeServer();
    const { state } = setup(server);

    fireEvent.keyDown(window, { key: 'j' });
    await waitFor(() => expect(state().thread.open?.conversation.id).toBe('c1'));
    fireEvent.keyDown(window, { key: 'j' });
    await waitFor(() => expect(state().thread.open?.conversation.id).toBe('c2'));
    fireEvent.keyDown(window, { key: 'k' });
    await waitFor(() => expect(state().thread.open?.conversation.id).toBe('c1'));

    expect(jest.mocked(server.loadThread).mock.calls.map(([id]) => id)).toEqual(['c1', 'c2', 'c1']);
  });

  it('should mark the page’s conversation read after the first paint when it has unread messages', async () => {
    const unread = { ...C1, unreadCount: 2 };
    const server = fakeServer();
    const { state } = setup(server, { initialPage: page(unread, C2), initialThread: aThreadData(unread) });

    await waitFor(() => expect(server.markRead).toHaveBeenCalledWith('c1'));
    await waitFor(() => expect(state().list.conversations[0]?.unreadCount).toBe(0));
  });

  it('should keep the ticks an event moved on when the send’s answer arrives after it', async () => {
    const queued: MessageDto = aMessage({
      id: 'm9',
      conversationId: 'c1',
      direction: 'outbound',
      status: 'queued',
      version: 1,
    });
    const sent = later<InboxResult<MessageDto>>();
    const server = fakeServer({ sendMessage: () => sent.promise });
    const { hook, socket, state } = setup(server, { initialThread: aThreadData(C1) });

    let sending: Promise<unknown> = Promise.resolve();
    act(() => {
      sending = hook.result.current.threadActions.send({ type: 'text', text: { body: 'Hello' } });
    });
    socket.serverSends('message.updated', { conversationId: 'c1', message: { ...queued, status: 'sent', version: 2 } });
    await sent.give(ok(queued));
    await act(() => sending);

    expect(state().thread.open?.messages.map((m) => m.status)).toEqual(['sent']);
  });
});
