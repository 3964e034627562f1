import type { ConversationDto } from '@aerostic/shared';
import { aConversation, aMessage, aThreadData } from './inbox-builders.test-support';
import { type InboxAction, type InboxState, inboxReducer, initialInboxState } from './inbox-reducer';

const C1 = aConversation({ id: 'c1', lastMessageAt: '2026-11-20T10:00:00.000Z' });
const C2 = aConversation({ id: 'c2', lastMessageAt: '2026-11-20T09:00:00.000Z' });

function inbox(openId: string | null, ...conversations: ConversationDto[]): InboxState {
  const open = conversations.find((c) => c.id === openId);
  return initialInboxState({
    userId: 'u1',
    filters: { status: 'open', view: 'all' },
    initialPage: { data: conversations, nextCursor: null },
    initialError: null,
    initialThread: open ? aThreadData(open) : null,
    threadError: null,
  });
}

const run = (state: InboxState, ...actions: InboxAction[]) => actions.reduce(inboxReducer, state);

describe(inboxReducer.name, () => {
  it('should update the list and the open thread when an event brings a newer copy of the open conversation', () => {
    const newer = { ...C1, unreadCount: 1, lastMessagePreview: 'Still there?', version: 2 };

    const state = run(inbox('c1', C1, C2), { type: 'conversation/received', conversation: newer });

    expect(state.list.conversations[0]).toBe(newer);
    expect(state.thread.open?.conversation).toBe(newer);
  });

  it('should keep a conversation in the list when the agent moved it out of the filters, even with the thread closed', () => {
    const closed = run(inbox('c1', C1, C2), { type: 'thread/closed' });
    const pending = { ...C1, status: 'pending' as const, version: 2 };

    const updated = run(closed, { type: 'update/requested' }, { type: 'update/done', conversation: pending });
    const evented = run(closed, { type: 'conversation/received', conversation: pending });

    expect(updated.list.conversations.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(updated.thread).toMatchObject({ updating: false, open: { conversation: pending } });
    expect(evented.list.conversations.map((c) => c.id)).toEqual(['c2']);
  });

  it('should clear the reply and close the drawer when another conversation opens, and keep both on a catch-up', () => {
    const reply = aMessage({ conversationId: 'c1' });
    const busy = run(
      inbox('c1', C1, C2),
      { type: 'reply/chosen', message: reply },
      { type: 'contact/shown', show: true },
    );

    const caughtUp = run(busy, { type: 'thread/requested', request: 1, id: 'c1', quiet: true });
    const opened = run(busy, { type: 'thread/requested', request: 1, id: 'c2', quiet: false });

    expect(caughtUp).toMatchObject({ replyTo: reply, showContact: true, thread: { loading: false } });
    expect(opened).toMatchObject({ replyTo: null, showContact: false, thread: { loading: true, selectedId: 'c2' } });
  });

  it('should keep what events brought when they arrive during the catch-up reads of the list and the thread', () => {
    const message = aMessage({ id: 'm9', conversationId: 'c1', createdAt: '2026-11-20T10:05:00.000Z' });
    const newer = { ...C1, lastMessageAt: message.createdAt, lastMessagePreview: 'Hello', version: 2 };

    const state = run(
      inbox('c1', C1, C2),
      { type: 'list/requested', request: 1 },
      { type: 'thread/requested', request: 1, id: 'c1', quiet: true },
      { type: 'message/received', message },
      { type: 'conversation/received', conversation: newer },
      { type: 'list/loaded', request: 1, page: { data: [C1, C2], nextCursor: null }, append: false },
      { type: 'thread/loaded', request: 1, data: aThreadData(C1), quiet: true },
    );

    expect(state.list.conversations).toEqual([newer, C2]);
    expect(state.thread.open?.conversation).toBe(newer);
    expect(state.thread.open?.messages).toEqual([message]);
  });

  it('should hold each number’s templates, ready or unavailable, when the server has answered', () => {
    const template = {
      id: 't1',
      name: 'follow_up',
      language: 'en',
      category: 'UTILITY' as const,
      status: 'APPROVED' as const,
      body: 'Hi',
      buttons: [],
    };

    const state = run(
      inbox(null),
      { type: 'templates/requested', accountId: 'a1' },
      { type: 'templates/requested', accountId: 'a2' },
      { type: 'templates/loaded', accountId: 'a1', result: { available: true, templates: [template] } },
    );
    const failed = run(state, {
      type: 'templates/loaded',
      accountId: 'a2',
      result: { available: false, message: 'Templates are not available.' },
    });

    expect(state.templates).toEqual({ a1: { state: 'ready', templates: [template] }, a2: { state: 'loading' } });
    expect(failed.templates.a2).toEqual({ state: 'unavailable', message: 'Templates are not available.' });
  });

  it('should count the requests when a failed message asks for the template picker', () => {
    const state = run(inbox(null), { type: 'template/asked' }, { type: 'template/asked' });

    expect(state.templateRequest).toBe(2);
  });
});
