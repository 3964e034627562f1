import { CONVERSATION_STATUSES } from '@aerostic/shared';
import { int, oneOf, text, textOrNull, timestamp, timestampOrNull } from '../database/columns';
import { type Conversation } from '../database/entities';
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
    lastMessageAt: timestamp(row, 'last_message_at'),
    lastMessagePreview: textOrNull(row, 'last_message_preview'),
    lastInboundAt: timestampOrNull(row, 'last_inbound_at'),
    unreadCount: int(row, 'unread_count'),
    createdAt: timestamp(row, 'created_at'),
    updatedAt: timestamp(row, 'updated_at'),
    version: int(row, 'version'),
  };
}
