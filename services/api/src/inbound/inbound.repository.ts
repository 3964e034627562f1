import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Contact, type Conversation, type Message, type MessageError } from '../database/entities';

export interface InboundMessageRecord {
  tenantId: string;
  whatsappAccountId: string;
  waId: string;
  profileName: string | null;
  wamid: string;
  type: string;
  content: Record<string, unknown>;
  error: MessageError | null;
  replyToWamid: string | null;
  sentAt: Date;
  preview: string;
}

export interface StoredInbound {
  conversationId: string;
  /** Null when Meta delivered a message we already had. */
  message: Message | null;
  /** The conversation as this message left it (null for a duplicate). */
  conversation: (Conversation & { contact: Contact }) | null;
}

export interface StatusRecord {
  tenantId: string;
  phoneNumberId: string;
  wamid: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  occurredAt: Date;
  error: MessageError | null;
}

const TICKS = `ARRAY['queued','sent','delivered','read']`;

/** row_to_json gives timestamps as strings; RETURNING * gives Dates. */
const date = (v: unknown): Date | null =>
  v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v));

/** Turns snake_case rows of RETURNING * (or row_to_json) into the entity's shape. */
function toMessage(row: Record<string, unknown>, fromJson = false): Message {
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
  } as Message;
}

function toConversation(row: Record<string, unknown>): Conversation {
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
  } as Conversation;
}

function toContact(row: Record<string, unknown>): Contact {
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

/**
 * The inbound write path, in SQL: upserts keyed on unique columns make every step safe to repeat, so Meta's
 * redeliveries, duplicates and reordering, and a crash mid-job, all end in the same rows.
 */
@Injectable()
export class InboundRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * At most two writes, no explicit transaction: each statement is atomic, and a crash between them leaves only a
   * contact and a conversation, which the retried job finds again. The message insert is the arbiter of duplicates: the
   * conversation only moves (preview, unread count, window, reopening) when the message row is new.
   */
  async storeMessage(record: InboundMessageRecord): Promise<StoredInbound> {
    // Most messages come from a known contact in an existing thread: a read finds both without a write (and its
    // commit); only a new contact, a new thread or a changed profile name takes the upsert.
    const [known] = (await this.dataSource.query(
      `SELECT cv.id AS conversation_id, row_to_json(ct) AS contact
       FROM contacts ct JOIN conversations cv ON cv.contact_id = ct.id AND cv.whatsapp_account_id = $3
       WHERE ct.tenant_id = $1 AND ct.wa_id = $2 AND ct.profile_name IS NOT DISTINCT FROM coalesce($4, ct.profile_name)`,
      [record.tenantId, record.waId, record.whatsappAccountId, record.profileName],
    )) as { conversation_id: string; contact: Record<string, unknown> }[];
    const [thread] =
      known !== undefined
        ? [known]
        : ((await this.dataSource.query(
            `WITH ct AS (
               INSERT INTO contacts (tenant_id, wa_id, profile_name) VALUES ($1, $2, $3)
               ON CONFLICT (tenant_id, wa_id) DO UPDATE
                 SET profile_name = COALESCE(EXCLUDED.profile_name, contacts.profile_name), updated_at = now()
               RETURNING *
             ), cv AS (
               INSERT INTO conversations (tenant_id, contact_id, whatsapp_account_id, last_message_at)
               SELECT $1, ct.id, $4, $5 FROM ct
               ON CONFLICT (contact_id, whatsapp_account_id) DO UPDATE SET updated_at = conversations.updated_at
               RETURNING id
             )
             SELECT cv.id AS conversation_id, row_to_json(ct) AS contact FROM cv, ct`,
            [record.tenantId, record.waId, record.profileName, record.whatsappAccountId, record.sentAt],
          )) as { conversation_id: string; contact: Record<string, unknown> }[]);
    const conversationId = thread!.conversation_id;

    // Late webhooks must not move the preview backwards; any new message reopens a resolved conversation.
    const [written] = (await this.dataSource.query(
      `WITH m AS (
         INSERT INTO messages (tenant_id, conversation_id, direction, type, content, status, wamid, error, reply_to_wamid, sent_at)
         VALUES ($1, $2, 'inbound', $3, $4, 'received', $5, $6, $7, $8)
         ON CONFLICT (wamid) DO NOTHING
         RETURNING *
       ), u AS (
         UPDATE conversations c SET
           last_message_preview = CASE WHEN $8 >= c.last_message_at OR c.last_message_preview IS NULL THEN $9 ELSE c.last_message_preview END,
           last_message_at = GREATEST(c.last_message_at, $8),
           last_inbound_at = GREATEST(COALESCE(c.last_inbound_at, $8), $8),
           unread_count = c.unread_count + 1,
           status = CASE WHEN c.status = 'resolved' THEN 'open' ELSE c.status END,
           updated_at = now()
         FROM m WHERE c.id = m.conversation_id
         RETURNING c.*
       )
       SELECT (SELECT row_to_json(m) FROM m) AS message, (SELECT row_to_json(u) FROM u) AS conversation`,
      [
        record.tenantId,
        conversationId,
        record.type,
        record.content,
        record.wamid,
        record.error,
        record.replyToWamid,
        record.sentAt,
        record.preview,
      ],
    )) as { message: Record<string, unknown> | null; conversation: Record<string, unknown> | null }[];
    if (!written?.message || !written.conversation) return { conversationId, message: null, conversation: null };
    return {
      conversationId,
      message: toMessage(written.message, true),
      conversation: Object.assign(toConversation(written.conversation), { contact: toContact(thread!.contact) }),
    };
  }

  /** Sets or (with an empty emoji) removes the customer's reaction on the message it reacts to. */
  async applyReaction(tenantId: string, targetWamid: string, emoji: string | undefined): Promise<Message | null> {
    const rows = (await this.dataSource.query(
      `UPDATE messages SET
         reactions = CASE WHEN coalesce($3, '') = '' THEN reactions - 'customer' ELSE reactions || jsonb_build_object('customer', $3::text) END,
         updated_at = now()
       WHERE tenant_id = $1 AND wamid = $2
       RETURNING *`,
      [tenantId, targetWamid, emoji ?? null],
    )) as [Record<string, unknown>[], number];
    const updated = rows[0];
    return updated.length > 0 ? toMessage(updated[0]!) : null;
  }

  /**
   * Records the status once per (wamid, status), then moves the message forward if it is known. Ticks only go
   * forward (queued < sent < delivered < read); failed is final and only follows queued or sent; `read` also
   * fills `delivered` when Meta skipped it.
   */
  recordStatus(status: StatusRecord): Promise<Message | null> {
    return this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO message_status_events (wamid, status, occurred_at, error, phone_number_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (wamid, status) DO NOTHING`,
        [status.wamid, status.status, status.occurredAt, status.error, status.phoneNumberId],
      );
      return this.applyStatus(m, status.tenantId, status.wamid, status.status, status.occurredAt, status.error);
    });
  }

  /** Applies every status already recorded for a wamid: used when a send result links a wamid to a message. */
  async applyRecordedStatuses(tenantId: string, wamid: string): Promise<Message | null> {
    return this.dataSource.transaction(async (m) => {
      const events = (await m.query(`SELECT status, occurred_at, error FROM message_status_events WHERE wamid = $1`, [
        wamid,
      ])) as {
        status: StatusRecord['status'];
        occurred_at: Date;
        error: MessageError | null;
      }[];
      let message: Message | null = null;
      for (const e of events)
        message = (await this.applyStatus(m, tenantId, wamid, e.status, e.occurred_at, e.error)) ?? message;
      return message;
    });
  }

  private async applyStatus(
    m: EntityManager,
    tenantId: string,
    wamid: string,
    status: StatusRecord['status'],
    at: Date,
    error: MessageError | null,
  ): Promise<Message | null> {
    const [rows] = (await m.query(
      `UPDATE messages SET
         status = CASE
           WHEN status IN ('failed', 'received') THEN status
           WHEN $3 = 'failed' THEN CASE WHEN status IN ('queued', 'sent') THEN 'failed' ELSE status END
           WHEN array_position(${TICKS}, $3) > array_position(${TICKS}, status) THEN $3
           ELSE status END,
         sent_at = CASE WHEN $3 = 'sent' THEN COALESCE(sent_at, $4) ELSE sent_at END,
         delivered_at = CASE WHEN $3 IN ('delivered', 'read') AND status <> 'failed' THEN COALESCE(delivered_at, $4) ELSE delivered_at END,
         read_at = CASE WHEN $3 = 'read' AND status <> 'failed' THEN COALESCE(read_at, $4) ELSE read_at END,
         failed_at = CASE WHEN $3 = 'failed' AND status IN ('queued', 'sent') THEN $4 ELSE failed_at END,
         error = CASE WHEN $3 = 'failed' AND status IN ('queued', 'sent') THEN $5::jsonb ELSE error END,
         updated_at = now()
       WHERE tenant_id = $1 AND wamid = $2 AND direction = 'outbound'
       RETURNING *`,
      [tenantId, wamid, status, at, error],
    )) as [Record<string, unknown>[], number];
    return rows.length > 0 ? toMessage(rows[0]!) : null;
  }

  /** The WhatsApp account id of a conversation. */
  async conversationAccount(tenantId: string, conversationId: string): Promise<string | null> {
    const rows = (await this.dataSource.query(
      `SELECT whatsapp_account_id FROM conversations WHERE tenant_id = $1 AND id = $2`,
      [tenantId, conversationId],
    )) as { whatsapp_account_id: string }[];
    return rows[0]?.whatsapp_account_id ?? null;
  }

  /** Stores a template's new status from Meta's webhook, creating the row if the template was never synced. */
  async upsertTemplateStatus(values: {
    tenantId: string;
    wabaId: string;
    metaTemplateId: string;
    name: string | null;
    language: string | null;
    category: string | null;
    status: string;
    reason: string | null;
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO templates (tenant_id, waba_id, meta_template_id, name, language, category, status, rejected_reason)
       VALUES ($1, $2, $3, coalesce($4, ''), coalesce($5, ''), $6, $7, $8)
       ON CONFLICT (tenant_id, meta_template_id) DO UPDATE SET
         status = EXCLUDED.status,
         rejected_reason = CASE WHEN EXCLUDED.rejected_reason IN ('NONE', '') THEN NULL ELSE EXCLUDED.rejected_reason END,
         category = coalesce(EXCLUDED.category, templates.category),
         updated_at = now()`,
      [
        values.tenantId,
        values.wabaId,
        values.metaTemplateId,
        values.name,
        values.language,
        values.category,
        values.status,
        values.reason === 'NONE' ? null : values.reason,
      ],
    );
  }
}
