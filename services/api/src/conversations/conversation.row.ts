import { CONVERSATION_STATUSES, type ConversationSourceDto } from '@aerostic/shared';
import { int, jsonObjectOrNull, oneOf, text, textOrNull, timestamp, timestampOrNull } from '../database/columns';
import { type Contact, type Conversation } from '../database/entities';
import { type Row } from '../database/sql';

/** The row decoder of `conversations`: a raw SQL row (`RETURNING *`) as the entity. */
export function decodeConversation(row: Row): Conversation {
  return {
    id: text(row, 'id'),
    tenantId: text(row, 'tenant_id'),
    contactId: text(row, 'contact_id'),
    whatsappAccountId: text(row, 'whatsapp_account_id'),
    status: oneOf(row, 'status', CONVERSATION_STATUSES),
    assigneeId: textOrNull(row, 'assignee_id'),
    teamId: textOrNull(row, 'team_id'),
    lastMessageAt: timestamp(row, 'last_message_at'),
    lastMessagePreview: textOrNull(row, 'last_message_preview'),
    lastInboundAt: timestampOrNull(row, 'last_inbound_at'),
    unreadCount: int(row, 'unread_count'),
    source: jsonObjectOrNull<ConversationSourceDto>(row, 'source'),
    createdAt: timestamp(row, 'created_at'),
    updatedAt: timestamp(row, 'updated_at'),
    version: int(row, 'version'),
  };
}

/** What the inbox shows of a conversation's contact. */
export type ContactSummary = Pick<Contact, 'id' | 'waId' | 'userId' | 'username' | 'name' | 'profileName'>;

/** A conversation with its times already in ISO 8601, as the inbox's list statement answers it. */
export interface ConversationView extends Pick<
  Conversation,
  | 'id'
  | 'status'
  | 'assigneeId'
  | 'teamId'
  | 'whatsappAccountId'
  | 'lastMessagePreview'
  | 'unreadCount'
  | 'source'
  | 'version'
> {
  contact: ContactSummary;
  lastMessageAt: string;
  lastInboundAt: string | null;
  createdAt: string;
}

/** ISO 8601 in UTC with milliseconds, as `Date.prototype.toISOString` writes it, for the column expression. */
export const iso = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** An inbox list row: the conversation's columns with times as `iso` formats them, and its contact's summary. */
export function decodeConversationView(row: Row): ConversationView {
  return {
    id: text(row, 'id'),
    status: oneOf(row, 'status', CONVERSATION_STATUSES),
    assigneeId: textOrNull(row, 'assignee_id'),
    teamId: textOrNull(row, 'team_id'),
    whatsappAccountId: text(row, 'whatsapp_account_id'),
    lastMessageAt: text(row, 'last_message_at'),
    lastMessagePreview: textOrNull(row, 'last_message_preview'),
    lastInboundAt: textOrNull(row, 'last_inbound_at'),
    unreadCount: int(row, 'unread_count'),
    source: jsonObjectOrNull<ConversationSourceDto>(row, 'source'),
    createdAt: text(row, 'created_at'),
    version: int(row, 'version'),
    contact: {
      id: text(row, 'contact_id'),
      waId: textOrNull(row, 'contact_wa_id'),
      userId: textOrNull(row, 'contact_user_id'),
      username: textOrNull(row, 'contact_username'),
      name: textOrNull(row, 'contact_name'),
      profileName: textOrNull(row, 'contact_profile_name'),
    },
  };
}
