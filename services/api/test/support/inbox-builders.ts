import { randomBytes } from 'node:crypto';
import { type ConversationStatus, type MessageDirection, type MessageStatus } from '@aerostic/shared';
import { type Member } from './builders';
import { type TestApp } from './test-app';

/**
 * Conversations and messages in given states and at given times, written as the inbound and outbound paths
 * store them. For tests of read models (counts, lists) that need yesterday's or failed messages, which no
 * request can create on demand.
 */
export interface SeededConversation {
  id: string;
  contactId: string;
  waId: string;
}

export async function seedConversation(
  t: TestApp,
  member: Member,
  whatsappAccountId: string,
  options: { name?: string; status?: ConversationStatus; assigneeId?: string | null; lastMessageAt?: Date } = {},
): Promise<SeededConversation> {
  const waId = `3519${randomBytes(4).readUInt32BE(0) % 100_000_000}`.padEnd(12, '0');
  const [contact] = await t.sql(`INSERT INTO contacts (tenant_id, wa_id, name) VALUES ($1, $2, $3) RETURNING id`, [
    member.tenantId,
    waId,
    options.name ?? null,
  ]);
  const [conversation] = await t.sql(
    `INSERT INTO conversations (tenant_id, contact_id, whatsapp_account_id, status, assignee_id, last_message_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      member.tenantId,
      contact?.id,
      whatsappAccountId,
      options.status ?? 'open',
      options.assigneeId ?? null,
      options.lastMessageAt ?? new Date(),
    ],
  );
  return { id: String(conversation?.id), contactId: String(contact?.id), waId };
}

export async function seedMessage(
  t: TestApp,
  member: Member,
  conversationId: string,
  options: { direction: MessageDirection; status?: MessageStatus; createdAt?: Date },
): Promise<void> {
  const status = options.status ?? (options.direction === 'inbound' ? 'received' : 'sent');
  await t.sql(
    `INSERT INTO messages (tenant_id, conversation_id, direction, type, content, status, created_at)
     VALUES ($1, $2, $3, 'text', $4, $5, $6)`,
    [
      member.tenantId,
      conversationId,
      options.direction,
      JSON.stringify({ text: { body: 'Hello' } }),
      status,
      options.createdAt ?? new Date(),
    ],
  );
}
