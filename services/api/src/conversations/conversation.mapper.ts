import {
  contactDisplayName,
  type ContactSummaryDto,
  type ConversationDto,
  type NoteDto,
  serviceWindow,
} from '@aerostic/shared';
import { type ConversationNote } from '../database/entities';
import { type InboxConversation } from './conversation.repository';
import { type ContactSummary, type ConversationView } from './conversation.row';

export function toContactSummary(contact: ContactSummary): ContactSummaryDto {
  return {
    id: contact.id,
    waId: contact.waId,
    userId: contact.userId,
    username: contact.username,
    name: contact.name,
    profileName: contact.profileName,
    displayName: contactDisplayName(contact),
  };
}

export function toConversationDto(conversation: InboxConversation, now = Date.now()): ConversationDto {
  return viewToConversationDto(
    {
      ...conversation,
      lastMessageAt: conversation.lastMessageAt.toISOString(),
      lastInboundAt: conversation.lastInboundAt?.toISOString() ?? null,
      createdAt: conversation.createdAt.toISOString(),
    },
    now,
  );
}

export function viewToConversationDto(conversation: ConversationView, now = Date.now()): ConversationDto {
  const lastInboundAt = conversation.lastInboundAt === null ? null : new Date(conversation.lastInboundAt);
  const window = serviceWindow(lastInboundAt, now);
  return {
    id: conversation.id,
    status: conversation.status,
    assigneeId: conversation.assigneeId,
    teamId: conversation.teamId,
    contact: toContactSummary(conversation.contact),
    whatsappAccountId: conversation.whatsappAccountId,
    lastMessageAt: conversation.lastMessageAt,
    lastMessagePreview: conversation.lastMessagePreview,
    lastInboundAt: conversation.lastInboundAt,
    unreadCount: conversation.unreadCount,
    window: { open: window.open, expiresAt: window.expiresAt?.toISOString() ?? null },
    createdAt: conversation.createdAt,
    source: conversation.source,
    version: conversation.version,
  };
}

export function toNoteDto(note: ConversationNote): NoteDto {
  return {
    id: note.id,
    conversationId: note.conversationId,
    authorUserId: note.authorUserId,
    body: note.body,
    createdAt: note.createdAt.toISOString(),
  };
}
