import type { ConversationDto, MessageDto } from '@aerostic/shared';
import type { ThreadData } from './inbox-api';

/** Small builders for inbox tests: a message or conversation with just the fields a test cares about. */
export function aMessage(overrides: Partial<MessageDto> = {}): MessageDto {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    conversationId: '00000000-0000-4000-8000-0000000000c1',
    direction: 'inbound',
    type: 'text',
    content: { text: { body: 'Hello' } },
    status: 'received',
    wamid: 'wamid.1',
    error: null,
    replyToWamid: null,
    reactions: {},
    senderUserId: null,
    sentAt: '2026-11-20T10:00:00.000Z',
    deliveredAt: null,
    readAt: null,
    failedAt: null,
    campaignId: null,
    automatedBy: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

export function aConversation(overrides: Partial<ConversationDto> = {}): ConversationDto {
  return {
    id: '00000000-0000-4000-8000-0000000000c1',
    status: 'open',
    assigneeId: null,
    teamId: null,
    contact: {
      id: '00000000-0000-4000-8000-0000000000a1',
      waId: '447700900123',
      userId: null,
      username: null,
      name: null,
      profileName: 'Grace',
      displayName: 'Grace',
    },
    whatsappAccountId: '00000000-0000-4000-8000-0000000000b1',
    lastMessageAt: '2026-11-20T10:00:00.000Z',
    lastMessagePreview: 'Hello',
    lastInboundAt: '2026-11-20T10:00:00.000Z',
    unreadCount: 0,
    window: { open: true, expiresAt: '2026-11-21T10:00:00.000Z' },
    source: null,
    createdAt: '2026-11-20T09:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

/** A thread as the server action reads it: the conversation, its newest messages (newest first) and nothing else. */
export function aThreadData(conversation: ConversationDto, messages: MessageDto[] = []): ThreadData {
  return {
    conversation,
    messages: { data: [...messages].reverse(), nextCursor: null },
    notes: [],
    contact: null,
    otherConversations: [],
  };
}
