import type { ConversationDto, MessageDto } from '@aerostic/shared';
import {
  mergeConversations,
  mergeMessages,
  newer,
  reactionChips,
  retryInput,
  teamReactions,
  unreadConversations,
  upsertConversation,
  visibleMessages,
} from './inbox-thread';

const message = (id: string, overrides: Partial<MessageDto> = {}): MessageDto => ({
  id,
  conversationId: 'c',
  direction: 'outbound',
  type: 'text',
  content: { text: { body: id } },
  status: 'queued',
  wamid: `wamid.${id}`,
  error: null,
  replyToWamid: null,
  reactions: {},
  senderUserId: null,
  sentAt: null,
  deliveredAt: null,
  readAt: null,
  failedAt: null,
  campaignId: null,
  automatedBy: null,
  createdAt: `2026-11-20T10:00:0${id}.000Z`,
  version: 1,
  ...overrides,
});

const conversation = (id: string, lastMessageAt: string, unreadCount = 0) =>
  ({ id, lastMessageAt, createdAt: lastMessageAt, unreadCount, status: 'open', version: 1 }) as ConversationDto;

describe('newer', () => {
  it('should keep the copy with the larger version when the copies arrive in either order', () => {
    const read = conversation('a', '2026-12-02T10:00:00Z', 0);
    const event = { ...conversation('a', '2026-12-02T10:01:00Z', 1), version: 2 };

    expect(newer(read, event)).toBe(event);
    expect(newer(event, read)).toBe(event);
  });

  it('should take the incoming copy when the versions are equal or nothing is held yet', () => {
    const first = conversation('a', '2026-12-02T10:00:00Z');
    const second = conversation('a', '2026-12-02T10:00:00Z');

    expect(newer(first, second)).toBe(second);
    expect(newer(undefined, first)).toBe(first);
  });
});

describe('mergeMessages', () => {
  const photo = (status: string, version: number) =>
    message('1', {
      direction: 'inbound',
      type: 'image',
      content: { image: { id: 'm1' }, stored_media: { status } },
      version,
    });

  it('should order by time and keep one copy per id', () => {
    const merged = mergeMessages(
      [message('2'), message('1')],
      [message('3'), message('2', { status: 'sent', version: 2 })],
    );
    expect(merged.map((m) => [m.id, m.status])).toEqual([
      ['1', 'queued'],
      ['2', 'sent'],
      ['3', 'queued'],
    ]);
  });

  it('should never move ticks backwards when an older copy arrives late', () => {
    const merged = mergeMessages(
      [message('1', { status: 'read', version: 4 })],
      [message('1', { status: 'delivered', version: 3 })],
    );
    expect(merged[0]!.status).toBe('read');
  });

  it('should keep a stored photo when a read from before the download arrives after the event', () => {
    const merged = mergeMessages([photo('stored', 3)], [photo('pending', 2)]);

    expect(merged).toEqual([photo('stored', 3)]);
  });
});

describe('mergeConversations', () => {
  it('should keep the newer copy already listed when a further page brings an older one', () => {
    const listed = { ...conversation('a', '2026-11-20T11:00:00Z', 2), version: 5 };
    const page = [conversation('a', '2026-11-20T10:00:00Z'), conversation('b', '2026-11-20T09:00:00Z')];

    const merged = mergeConversations([listed], page);

    expect(merged).toEqual([listed, page[1]]);
  });
});

describe('upsertConversation', () => {
  it('should put a conversation with new activity at the top', () => {
    const list = [conversation('a', '2026-11-20T10:00:00Z'), conversation('b', '2026-11-20T09:00:00Z')];
    const next = upsertConversation(list, conversation('b', '2026-11-20T11:00:00Z'), true);
    expect(next.map((c) => c.id)).toEqual(['b', 'a']);
  });

  it('should drop a conversation that no longer matches the filters', () => {
    const list = [conversation('a', '2026-11-20T10:00:00Z')];
    expect(upsertConversation(list, conversation('a', '2026-11-20T10:00:00Z'), false)).toEqual([]);
  });
});

describe('reactions', () => {
  it('should show the customer’s and the team’s latest reaction on the target and hide the reaction messages', () => {
    const target = message('1', { reactions: { customer: '❤️' } });
    const first = message('2', { type: 'reaction', content: { reaction: { message_id: 'wamid.1', emoji: '😮' } } });
    const second = message('3', { type: 'reaction', content: { reaction: { message_id: 'wamid.1', emoji: '👍' } } });
    const all = [target, first, second];
    expect(reactionChips(target, teamReactions(all))).toEqual([
      { emoji: '❤️', by: 'customer' },
      { emoji: '👍', by: 'team' },
    ]);
    expect(visibleMessages(all).map((m) => m.id)).toEqual(['1']);
  });

  it('should remove the team’s reaction when it sent an empty emoji', () => {
    const target = message('1');
    const set = message('2', { type: 'reaction', content: { reaction: { message_id: 'wamid.1', emoji: '👍' } } });
    const removed = message('3', { type: 'reaction', content: { reaction: { message_id: 'wamid.1', emoji: '' } } });
    expect(reactionChips(target, teamReactions([target, set, removed]))).toEqual([]);
  });

  it('should keep a reaction whose target is not loaded', () => {
    const orphan = message('2', { type: 'reaction', content: { reaction: { message_id: 'wamid.old', emoji: '👍' } } });
    expect(visibleMessages([orphan])).toEqual([orphan]);
  });
});

describe('retryInput', () => {
  it('should resend the same content of a failed message', () => {
    expect(retryInput(message('1', { status: 'failed' }))).toEqual({ type: 'text', text: { body: '1' } });
  });

  it('should not resend reactions or customer messages', () => {
    expect(retryInput(message('1', { type: 'reaction', content: { reaction: { emoji: '👍' } } }))).toBeUndefined();
    expect(retryInput(message('1', { direction: 'inbound' }))).toBeUndefined();
  });
});

it('should count conversations with unread messages', () => {
  expect(unreadConversations([conversation('a', 'x', 2), conversation('b', 'x'), conversation('c', 'x', 1)])).toBe(2);
});
