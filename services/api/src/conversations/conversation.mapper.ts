import { type ContactSummaryDto, type ConversationDto, type NoteDto, serviceWindow } from '@aerostic/shared';
import { type ConversationNote } from '../database/entities';
import { type ContactSummary, type InboxConversation } from './conversation.repository';

export function toContactSummary(contact: ContactSummary): ContactSummaryDto {
  return {
    id: contact.id,
    waId: contact.waId,
    name: contact.name,
    profileName: contact.profileName,
    displayName: contact.name ?? contact.profileName ?? `+${contact.waId}`,
  };
}

export function toConversationDto(conversation: InboxConversation, now = Date.now()): ConversationDto {
  const window = serviceWindow(conversation.lastInboundAt, now);
  return {
    id: conversation.id,
    status: conversation.status,
    assigneeId: conversation.assigneeId,
    contact: toContactSummary(conversation.contact),
    whatsappAccountId: conversation.whatsappAccountId,
    lastMessageAt: conversation.lastMessageAt.toISOString(),
    lastMessagePreview: conversation.lastMessagePreview,
    lastInboundAt: conversation.lastInboundAt?.toISOString() ?? null,
    unreadCount: conversation.unreadCount,
    window: { open: window.open, expiresAt: window.expiresAt?.toISOString() ?? null },
    createdAt: conversation.createdAt.toISOString(),
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
