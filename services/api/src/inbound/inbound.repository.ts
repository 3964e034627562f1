import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Contact, type Conversation, type Message, type MessageError } from '../database/entities';
import { preparedQuery } from '../database/prepared-query';
import { toContact, toConversation, toMessage } from '../database/raw-rows';

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

export interface StoredInboundBatch {
  /** Per record, in order: the stored message, or null when the wamid was already stored (or repeated). */
  messages: (Message | null)[];
  /** Every conversation that gained a message, as the batch left it. */
  conversations: Map<string, Conversation & { contact: Contact }>;
}

/** One message as `writeMessages` reads it (snake_case: it becomes a row of `jsonb_to_recordset`). */
interface MessageRow {
  /** The record's index in the batch. */
  ord: number;
  tenant_id: string;
  wa_id: string;
  account_id: string;
  /** The contact's profile name once the batch is written. */
  profile_name: string | null;
  type: string;
  content: Record<string, unknown>;
  wamid: string;
  error: MessageError | null;
  reply_to_wamid: string | null;
  sent_at: Date;
  preview: string;
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

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Moves an outbound message forward by one status: $1 tenant, $2 wamid, $3 status, $4 when, $5 error (jsonb).
 * Ticks only go forward (queued < sent < delivered < read); failed is final and only follows queued or sent.
 */
const APPLY_STATUS = `UPDATE messages SET
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
       RETURNING *`;

/**
 * The customer's reaction to the message `wamid` of `tenant` (SQL expressions), as `{ customer: emoji }` or `{}`: the
 * latest of the reactions stored for it, by WhatsApp's time and then arrival, an empty emoji being a removal. Worked
 * out from the stored reactions rather than applied as each arrives, so Meta's reordering and redeliveries, a
 * reaction that comes before its message and a crash between storing a reaction and applying it all end the same.
 */
const customerReaction = (tenant: string, wamid: string) => `jsonb_strip_nulls(jsonb_build_object('customer', NULLIF((
         SELECT r.content->'reaction'->>'emoji' FROM messages r
         WHERE r.tenant_id = ${tenant} AND r.type = 'reaction' AND r.direction = 'inbound'
           AND r.content->'reaction'->>'message_id' = ${wamid}
         ORDER BY r.sent_at DESC, r.created_at DESC LIMIT 1), '')))`;

/**
 * The inbound write path, in SQL: upserts keyed on unique columns make every step safe to repeat, so Meta's
 * redeliveries, duplicates and reordering, and a crash mid-job, all end in the same rows.
 */
@Injectable()
export class InboundRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores inbound messages, in order, without an explicit transaction. The outcome is the one of storing them one
   * by one: a wamid already stored (or repeated in the batch) changes nothing, a conversation's unread count grows
   * by its new messages, its preview becomes the one of its newest message (the later one on a tie) unless it
   * already had a newer one, and a resolved conversation reopens. The message insert is the arbiter of duplicates:
   * a conversation only moves when one of its messages is new.
   *
   * Most messages come from a known contact in an existing thread: one statement finds the threads and writes every
   * message and conversation. Messages of threads it did not find (a new contact, a new thread or a changed profile
   * name) take two more: an upsert of the contacts and conversations, then the same write. Each statement is atomic,
   * so a crash between them leaves only contacts and conversations, which the retry finds again.
   */
  async storeMessages(records: readonly InboundMessageRecord[]): Promise<StoredInboundBatch> {
    const result: StoredInboundBatch = { messages: records.map(() => null), conversations: new Map() };
    if (records.length === 0) return result;

    // The profile name of a contact is the last one given in the batch, as it would be after writing in order.
    const names = new Map<string, string | null>();
    for (const r of records) {
      const key = `${r.tenantId} ${r.waId}`;
      if (r.profileName !== null || !names.has(key)) names.set(key, r.profileName ?? names.get(key) ?? null);
    }
    // A wamid repeated in the batch is written once, by its first record.
    const rows = new Map<string, MessageRow>();
    records.forEach((r, ord) => {
      if (rows.has(r.wamid)) return;
      rows.set(r.wamid, {
        ord,
        tenant_id: r.tenantId,
        wa_id: r.waId,
        account_id: r.whatsappAccountId,
        profile_name: names.get(`${r.tenantId} ${r.waId}`) ?? null,
        type: r.type,
        content: r.content,
        wamid: r.wamid,
        error: r.error,
        reply_to_wamid: r.replyToWamid,
        sent_at: r.sentAt,
        preview: r.preview,
      });
    });

    const first = await this.writeMessages([...rows.values()], true, result);
    if (first.length === 0) return result;
    const missing = first.map((ord) => rows.get(records[ord]!.wamid)!);
    await this.upsertThreads(missing);
    const left = await this.writeMessages(missing, false, result);
    // Only a concurrent delete of the contact or conversation gets here; the retry starts over.
    if (left.length > 0) throw new Error(`No conversation found for ${left.length} inbound message(s)`);
    return result;
  }

  /** Creates the contacts and conversations of these rows, or updates the contacts' profile names. */
  private async upsertThreads(rows: readonly MessageRow[]): Promise<void> {
    const contacts = new Map<string, MessageRow>();
    const threads = new Map<string, MessageRow>();
    for (const row of rows) {
      if (!contacts.has(`${row.tenant_id} ${row.wa_id}`)) contacts.set(`${row.tenant_id} ${row.wa_id}`, row);
      const thread = `${row.tenant_id} ${row.wa_id} ${row.account_id}`;
      if (!threads.has(thread)) threads.set(thread, row);
    }
    // A fixed order, so that two writers never lock the same rows in opposite orders.
    const byKey = (a: MessageRow, b: MessageRow) =>
      compare(a.tenant_id, b.tenant_id) || compare(a.wa_id, b.wa_id) || compare(a.account_id, b.account_id);
    await this.dataSource.query(
      `WITH ct AS (
         INSERT INTO contacts (tenant_id, wa_id, profile_name)
         SELECT tenant_id, wa_id, profile_name FROM jsonb_to_recordset($1::jsonb) AS c(tenant_id uuid, wa_id text, profile_name text)
         ON CONFLICT (tenant_id, wa_id) DO UPDATE
           SET profile_name = COALESCE(EXCLUDED.profile_name, contacts.profile_name), updated_at = now()
         RETURNING id, tenant_id, wa_id
       )
       INSERT INTO conversations (tenant_id, contact_id, whatsapp_account_id, last_message_at)
       SELECT t.tenant_id, ct.id, t.account_id, t.sent_at
       FROM jsonb_to_recordset($2::jsonb) AS t(tenant_id uuid, wa_id text, account_id uuid, sent_at timestamptz)
       JOIN ct ON ct.tenant_id = t.tenant_id AND ct.wa_id = t.wa_id
       ON CONFLICT (contact_id, whatsapp_account_id) DO NOTHING`,
      [JSON.stringify([...contacts.values()].sort(byKey)), JSON.stringify([...threads.values()].sort(byKey))],
    );
  }

  /**
   * One statement: finds each row's conversation (with `matchProfile`, only where the contact's profile name is
   * the row's), inserts the messages and moves each conversation once. Fills `result` and returns the `ord`s of
   * the rows whose conversation it did not find.
   */
  private async writeMessages(
    rows: readonly MessageRow[],
    matchProfile: boolean,
    result: StoredInboundBatch,
  ): Promise<number[]> {
    // Late webhooks must not move the preview backwards; any new message reopens a resolved conversation. The
    // messages of one conversation in one batch are created 1 ms apart, so the thread keeps their arrival order.
    const [written] = await preparedQuery<{
      messages: Record<string, unknown>[] | null;
      conversations: Record<string, unknown>[] | null;
      contacts: Record<string, Record<string, unknown>> | null;
      unmatched: number[] | null;
    }>(
      this.dataSource,
      'inbound-write-messages',
      `WITH i AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(ord int, tenant_id uuid, wa_id text, account_id uuid,
           profile_name text, type text, content jsonb, wamid text, error jsonb, reply_to_wamid text,
           sent_at timestamptz, preview text)
       ), t AS (
         SELECT i.*, cv.id AS conversation_id, row_to_json(ct) AS contact,
           row_number() OVER (PARTITION BY cv.id ORDER BY i.ord) - 1 AS seq
         FROM i
         JOIN contacts ct ON ct.tenant_id = i.tenant_id AND ct.wa_id = i.wa_id
           AND ($2::boolean IS FALSE OR ct.profile_name IS NOT DISTINCT FROM coalesce(i.profile_name, ct.profile_name))
         JOIN conversations cv ON cv.contact_id = ct.id AND cv.whatsapp_account_id = i.account_id
       ), m AS (
         INSERT INTO messages (tenant_id, conversation_id, direction, type, content, status, wamid, error, reply_to_wamid, sent_at, created_at, reactions)
         SELECT tenant_id, conversation_id, 'inbound', type, content, 'received', wamid, NULLIF(error, 'null'::jsonb),
           reply_to_wamid, sent_at, now() + seq * interval '1 millisecond', ${customerReaction('t.tenant_id', 't.wamid')}
         FROM t ORDER BY ord
         ON CONFLICT (wamid) DO NOTHING
         RETURNING *
       ), a AS (
         SELECT m.conversation_id, count(*)::int AS n, max(m.sent_at) AS last_at,
           (array_agg(t.preview ORDER BY m.sent_at DESC, t.ord DESC))[1] AS preview
         FROM m JOIN t ON t.wamid = m.wamid GROUP BY m.conversation_id
       ), u AS (
         UPDATE conversations c SET
           last_message_preview = CASE WHEN a.last_at >= c.last_message_at OR c.last_message_preview IS NULL THEN a.preview ELSE c.last_message_preview END,
           last_message_at = GREATEST(c.last_message_at, a.last_at),
           last_inbound_at = GREATEST(COALESCE(c.last_inbound_at, a.last_at), a.last_at),
           unread_count = c.unread_count + a.n,
           status = CASE WHEN c.status = 'resolved' THEN 'open' ELSE c.status END,
           updated_at = now()
         FROM a WHERE c.id = a.conversation_id
         RETURNING c.*
       )
       SELECT (SELECT json_agg(row_to_json(m)) FROM m) AS messages,
         (SELECT json_agg(row_to_json(u)) FROM u) AS conversations,
         (SELECT json_object_agg(conversation_id, contact) FROM (SELECT DISTINCT ON (conversation_id) conversation_id, contact FROM t) c) AS contacts,
         (SELECT json_agg(ord) FROM i WHERE NOT EXISTS (SELECT 1 FROM t WHERE t.ord = i.ord)) AS unmatched`,
      [JSON.stringify(rows), matchProfile],
    );

    const ordOf = new Map(rows.map((row) => [row.wamid, row.ord]));
    for (const row of written?.messages ?? []) result.messages[ordOf.get(String(row.wamid))!] = toMessage(row, true);
    for (const row of written?.conversations ?? []) {
      const conversation = toConversation(row);
      const contact = written?.contacts?.[conversation.id];
      if (contact)
        result.conversations.set(conversation.id, Object.assign(conversation, { contact: toContact(contact) }));
    }
    return written?.unmatched ?? [];
  }

  /**
   * Works the customer's reaction out again on the messages with these wamids, from the reactions stored for each
   * in its own workspace (see customerReaction), and answers those it changed: it writes nothing otherwise, and
   * nothing for a wamid not stored yet, which then picks its reaction up as it is stored.
   *
   * Called for a reaction's target once the reaction is stored, and by the message's side after its own commit: the
   * write storing a message computes its reaction from what was committed when its statement started, and the
   * reaction's side sees the message only once that statement has committed. The message's side looks again when
   * a reaction to it was announced (`ReactionTargets`), so whichever side commits second sees the other.
   */
  async reapplyReactions(wamids: readonly string[]): Promise<Message[]> {
    if (wamids.length === 0) return [];
    const rows = await preparedQuery<Record<string, unknown>>(
      this.dataSource,
      'inbound-reapply-reactions',
      `UPDATE messages m SET reactions = (m.reactions - 'customer') || x.reaction, updated_at = now()
       FROM (
         SELECT t.id, ${customerReaction('t.tenant_id', 't.wamid')} AS reaction
         FROM messages t WHERE t.wamid = ANY($1::text[])
       ) x
       WHERE m.id = x.id AND (m.reactions->'customer') IS DISTINCT FROM (x.reaction->'customer')
       RETURNING m.*`,
      [wamids],
    );
    return rows.map((row) => toMessage(row));
  }

  /**
   * Gives a sent message the wamid Meta answered with, and the customer's reaction to it if one came first (a
   * backlog of send results); nothing once the message has its wamid.
   */
  async linkSentWamid(tenantId: string, id: string, wamid: string): Promise<void> {
    await preparedQuery(
      this.dataSource,
      'inbound-link-sent-wamid',
      `UPDATE messages SET wamid = $3, reactions = (reactions - 'customer') || ${customerReaction('$1', '$3')},
         updated_at = now()
       WHERE tenant_id = $1 AND id = $2 AND wamid IS NULL`,
      [tenantId, id, wamid],
    );
  }

  /**
   * Of these stored media messages, the ids of those whose download has no outcome yet (no `stored_media`), by
   * wamid: a redelivered message whose download may never have been queued.
   */
  async awaitingMedia(tenantId: string, wamids: readonly string[]): Promise<Map<string, string>> {
    const rows = (await this.dataSource.query(
      `SELECT id, wamid FROM messages
       WHERE tenant_id = $1 AND wamid = ANY($2::text[]) AND direction = 'inbound' AND NOT content ? 'stored_media'`,
      [tenantId, wamids],
    )) as { id: string; wamid: string }[];
    return new Map(rows.map((r) => [r.wamid, r.id]));
  }

  /**
   * Records the status once per (wamid, status), then moves the message forward if it is known. Ticks only go
   * forward (queued < sent < delivered < read); failed is final and only follows queued or sent; `read` also
   * fills `delivered` when Meta skipped it.
   */
  async recordStatus(status: StatusRecord): Promise<Message | null> {
    // One statement (atomic, one round trip and one commit) rather than a transaction of two; prepared, since every
    // message sent comes back as two or three statuses.
    const [row] = await preparedQuery<Record<string, unknown>>(
      this.dataSource,
      'inbound-record-status',
      `WITH recorded AS (
         INSERT INTO message_status_events (wamid, status, occurred_at, error, phone_number_id) VALUES ($2, $3, $4, $5, $6)
         ON CONFLICT (wamid, status) DO NOTHING
       )
       ${APPLY_STATUS}`,
      [status.tenantId, status.wamid, status.status, status.occurredAt, status.error, status.phoneNumberId],
    );
    return row ? toMessage(row) : null;
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
    const [rows] = (await m.query(APPLY_STATUS, [tenantId, wamid, status, at, error])) as [
      Record<string, unknown>[],
      number,
    ];
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
