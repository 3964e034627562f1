import { type Contact, type Conversation, type Message } from './entities';

/**
 * Rows of raw SQL (`RETURNING *`, `row_to_json`) in the entities' shapes, for statements TypeORM's query builder
 * does not express: the inbound write path's, and updates that answer the row they changed.
 */

/** row_to_json gives timestamps as strings; RETURNING * gives Dates. */
const date = (v: unknown): Date | null =>
  v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v));

/** Turns snake_case rows of RETURNING * (or row_to_json) into the entity's shape. */
export function toMessage(row: Record<string, unknown>, fromJson = false): Message {
  const d = (v: unknown) => (fromJson ? date(v) : v);
  return {
    id: row.id,
    tenantId: row.tenant_id,
    conversationId: row.conversation_id,
    direction: row.direction,
    type: row.type,
    content: row.content,
    status: row.status,
    wamid: row.wamid,
    error: row.error,
    replyToWamid: row.reply_to_wamid,
    reactions: row.reactions,
    senderUserId: row.sender_user_id,
    sentAt: d(row.sent_at),
    deliveredAt: d(row.delivered_at),
    readAt: d(row.read_at),
    failedAt: d(row.failed_at),
    createdAt: d(row.created_at),
    updatedAt: d(row.updated_at),
    version: row.version,
  } as Message;
}

export function toConversation(row: Record<string, unknown>): Conversation {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    contactId: row.contact_id,
    whatsappAccountId: row.whatsapp_account_id,
    status: row.status,
    assigneeId: row.assignee_id,
    lastMessageAt: date(row.last_message_at),
    lastMessagePreview: row.last_message_preview,
    lastInboundAt: date(row.last_inbound_at),
    unreadCount: row.unread_count,
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
    version: row.version,
  } as Conversation;
}

export function toContact(row: Record<string, unknown>): Contact {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    waId: row.wa_id,
    profileName: row.profile_name,
    name: row.name,
    tags: row.tags,
    attributes: row.attributes,
    optedOut: row.opted_out,
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
  } as Contact;
}
