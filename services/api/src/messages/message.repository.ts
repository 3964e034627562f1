import { Injectable } from '@nestjs/common';
import { type AutomatedBy, MESSAGE_TICKS } from '@aerostic/shared';
import { int, jsonObject, jsonObjectOrNull, oneOf, text, timestamp } from '../database/columns';
import { type KeysetPosition } from '../common/pagination/keyset';
import { Message, type MessageError } from '../database/entities';
import { type Row, Sql, type TenantTable } from '../database/sql';
import { decodeMessage } from './message.row';

/** An inbound message ready to store, in its conversation. */
export interface InboundMessageRow {
  tenantId: string;
  conversationId: string;
  wamid: string;
  type: string;
  content: Record<string, unknown>;
  error: MessageError | null;
  replyToWamid: string | null;
  sentAt: Date;
}

export const DELIVERY_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;
/** What Meta's status webhooks report. */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Meta's `statuses[].pricing`: what the message costs the business (each part null when Meta left it out). */
export interface MessagePricing {
  billable: boolean | null;
  model: string | null;
  category: string | null;
  type: string | null;
  /** The estimated cost of the message when Meta bills it: the rate of its market and category (usage module). */
  costMicros: number | null;
}

export interface StatusRecord {
  tenantId: string;
  phoneNumberId: string;
  wamid: string;
  status: DeliveryStatus;
  occurredAt: Date;
  error: MessageError | null;
  /** Null when the status carried none: the message keeps what an earlier status gave it. */
  pricing: MessagePricing | null;
}

export interface OutboundValues {
  conversationId: string;
  type: string;
  content: Record<string, unknown>;
  /** Null for a message the team did not type (a rule's or the AI's). */
  senderUserId: string | null;
  idempotencyKey: string | null;
  replyToWamid: string | null;
  automatedBy?: AutomatedBy | null;
  automationRuleId?: string | null;
  aiPromptTokens?: number | null;
  aiCompletionTokens?: number | null;
  /** A template's category as the templates module knows it at send time. */
  templateCategory?: string | null;
}

/** One campaign message to store: its conversation and its `{ template: … }` content. */
export interface CampaignMessageValues {
  conversationId: string;
  content: Record<string, unknown>;
}

export interface StoredCampaignMessage {
  id: string;
  content: Record<string, unknown>;
}

export interface MessageCounts {
  inbound: number;
  outbound: number;
  failed: number;
}

/** The platform's messages of one UTC day, `YYYY-MM-DD`. */
export interface DailyMessageCounts extends MessageCounts {
  date: string;
}

/** The ticks as a SQL array literal, from the one definition in shared. */
const TICKS = `ARRAY[${MESSAGE_TICKS.map((tick) => `'${tick}'`).join(',')}]`;

/**
 * Moves an outbound message forward by one status, as `isStatusAdvance` in shared ($1 tenant, $2 wamid, $3 status,
 * $4 when, $5 error jsonb). A status that changes nothing updates no row, so the row's version stays; the conditions
 * read the row as the update locks it, so concurrent statuses never move it backwards.
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
       WHERE tenant_id = $1 AND wamid = $2 AND direction = 'outbound' AND (
         ($3 = 'failed' AND status IN ('queued', 'sent'))
         OR ($3 <> 'failed' AND status NOT IN ('failed', 'received')
             AND array_position(${TICKS}, $3) > array_position(${TICKS}, status))
         OR ($3 = 'sent' AND sent_at IS NULL)
         OR ($3 IN ('delivered', 'read') AND status <> 'failed' AND delivered_at IS NULL)
         OR ($3 = 'read' AND status <> 'failed' AND read_at IS NULL))
       RETURNING *`;

/**
 * Stores a status's pricing on its outbound message ($1 tenant, $2 wamid, $3 pricing jsonb as `MessagePricing`).
 * Any status that carries it may; one without pricing never clears it. Nothing changes when it is the same. The
 * estimated cost is set once, by the first status that says the message is billable (docs/adr/0128).
 */
const APPLY_PRICING = `UPDATE messages m SET
         pricing_billable = (p->>'billable')::boolean, pricing_model = p->>'model',
         pricing_category = p->>'category', pricing_type = p->>'type',
         meta_cost_micros = CASE WHEN (p->>'billable')::boolean
           THEN COALESCE(m.meta_cost_micros, (p->>'costMicros')::bigint) ELSE m.meta_cost_micros END,
         updated_at = now()
       FROM (SELECT $3::jsonb AS p) input
       WHERE m.tenant_id = $1 AND m.wamid = $2 AND m.direction = 'outbound' AND (
         m.pricing_billable IS DISTINCT FROM (p->>'billable')::boolean OR m.pricing_model IS DISTINCT FROM p->>'model'
         OR m.pricing_category IS DISTINCT FROM p->>'category' OR m.pricing_type IS DISTINCT FROM p->>'type'
         OR ((p->>'billable')::boolean AND m.meta_cost_micros IS NULL AND p->>'costMicros' IS NOT NULL))
       RETURNING m.*`;

/**
 * The customer's reaction to message `wamid` of `tenant` (SQL), as `{ customer: emoji }` or `{}`: the latest stored,
 * by WhatsApp's time then arrival, an empty emoji removing it. Worked out, not applied as each arrives, so reordering,
 * redeliveries and crashes all end the same (docs/adr/0023-reactions-worked-out-from-stored-reactions.md).
 */
const customerReaction = (tenant: string, wamid: string) => `jsonb_strip_nulls(jsonb_build_object('customer', NULLIF((
         SELECT r.content->'reaction'->>'emoji' FROM messages r
         WHERE r.tenant_id = ${tenant} AND r.type = 'reaction' AND r.direction = 'inbound'
           AND r.content->'reaction'->>'message_id' = ${wamid}
         ORDER BY r.sent_at DESC, r.created_at DESC LIMIT 1), '')))`;

/**
 * A batch update of messages given as `$1`, a JSON array of `{tenant_id, id, ...columns}` read as `x`, that answers
 * every message of the batch as it is now: those `update` changed as it left them, the others unchanged.
 */
const currentAfter = (columns: string, update: string) => `
  WITH x AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x (tenant_id uuid, id uuid, ${columns})),
  changed AS (${update} RETURNING m.*)
  SELECT * FROM changed
  UNION ALL
  SELECT m.* FROM messages m JOIN x ON m.tenant_id = x.tenant_id AND m.id = x.id
  WHERE NOT EXISTS (SELECT 1 FROM changed WHERE changed.id = m.id)`;

/** The only writer of `messages` and `message_status_events`. Upserts keyed on unique columns make writes repeatable. */
@Injectable()
export class MessageRepository {
  private readonly messages: TenantTable<Message>;

  constructor(private readonly sql: Sql) {
    this.messages = sql.tenantTable(Message);
  }

  findById(tenantId: string, id: string): Promise<Message | null> {
    return this.messages.findOne({ tenantId, id });
  }

  findByIdempotencyKey(tenantId: string, idempotencyKey: string): Promise<Message | null> {
    return this.messages.findOne({ tenantId, idempotencyKey });
  }

  /** Newest first. */
  listPage(tenantId: string, conversationId: string, after: KeysetPosition | null, take: number): Promise<Message[]> {
    return this.messages.select('m', tenantId, (qb) => {
      qb.andWhere('m.conversation_id = :conversationId', { conversationId })
        .orderBy('m.created_at', 'DESC')
        .addOrderBy('m.id', 'DESC')
        .take(take);
      if (after) qb.andWhere('(m.created_at, m.id) < (:createdAt, :id)', after);
      return qb.getMany();
    });
  }

  /** The customer's latest message, by when it was stored. */
  latestInbound(tenantId: string, conversationId: string): Promise<Message | null> {
    return this.messages.select('m', tenantId, (qb) =>
      qb
        .andWhere('m.conversation_id = :conversationId', { conversationId })
        .andWhere(`m.direction = 'inbound'`)
        .orderBy('m.created_at', 'DESC')
        .addOrderBy('m.id', 'DESC')
        .getOne(),
    );
  }

  /** The customer's latest message that reached us through WhatsApp (by the customer's own time). */
  lastInbound(tenantId: string, conversationId: string): Promise<Message | null> {
    return this.messages.select('m', tenantId, (qb) =>
      qb
        .andWhere('m.conversation_id = :conversationId', { conversationId })
        .andWhere(`m.direction = 'inbound' AND m.wamid IS NOT NULL`)
        .orderBy('m.sent_at', 'DESC', 'NULLS LAST')
        .addOrderBy('m.created_at', 'DESC')
        .getOne(),
    );
  }

  /** Messages stored in [start, end); a failed send counts as outbound and as failed. */
  async countBetween(tenantId: string, start: Date, end: Date): Promise<MessageCounts> {
    const [counts] = await this.sql.query(
      `SELECT count(*) FILTER (WHERE direction = 'inbound')::int AS inbound,
              count(*) FILTER (WHERE direction = 'outbound')::int AS outbound,
              count(*) FILTER (WHERE direction = 'outbound' AND status = 'failed')::int AS failed
       FROM messages
       WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3`,
      [tenantId, start, end],
      (row) => ({ inbound: int(row, 'inbound'), outbound: int(row, 'outbound'), failed: int(row, 'failed') }),
    );
    return counts!;
  }

  /**
   * Every workspace's messages created in [start, end), by UTC day (days without any are left out). A range scan of
   * messages_tenant_day_idx per workspace, answered from the index alone: messages has no index on the time alone,
   * and OFFSET 0 keeps the planner from reading the whole table instead.
   */
  countByDayAcrossTenants(start: Date, end: Date): Promise<DailyMessageCounts[]> {
    return this.sql.query(
      `SELECT to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS date,
              count(*) FILTER (WHERE m.direction = 'inbound')::int AS inbound,
              count(*) FILTER (WHERE m.direction = 'outbound')::int AS outbound,
              count(*) FILTER (WHERE m.direction = 'outbound' AND m.status = 'failed')::int AS failed
       FROM tenants t
       CROSS JOIN LATERAL (
         SELECT x.created_at, x.direction, x.status FROM messages x
         WHERE x.tenant_id = t.id AND x.created_at >= $1 AND x.created_at < $2 OFFSET 0
       ) m
       GROUP BY 1`,
      [start, end],
      (row) => ({
        date: text(row, 'date'),
        inbound: int(row, 'inbound'),
        outbound: int(row, 'outbound'),
        failed: int(row, 'failed'),
      }),
    );
  }

  /**
   * Automated messages (rules and AI) the conversation received in the last hour, read from messages_automated_idx;
   * after `lockForAutomation`, so that two runs at once cannot both pass the cap.
   */
  async countAutomatedLastHour(tenantId: string, conversationId: string): Promise<number> {
    const [count] = await this.sql.query(
      `SELECT count(*)::int AS n FROM messages
       WHERE conversation_id = $2 AND automated_by IS NOT NULL AND created_at > now() - interval '1 hour'
         AND tenant_id = $1`,
      [tenantId, conversationId],
      (row) => int(row, 'n'),
    );
    return count ?? 0;
  }

  /** Serialises automated sends to one conversation until the current transaction ends. */
  async lockForAutomation(conversationId: string): Promise<void> {
    await this.sql.execute(`SELECT pg_advisory_xact_lock(hashtextextended($1, 18))`, [`automated:${conversationId}`]);
  }

  /** A queued outbound message. */
  insertOutbound(tenantId: string, values: OutboundValues): Promise<Message> {
    return this.messages.save({
      ...values,
      tenantId,
      direction: 'outbound',
      status: 'queued',
      wamid: null,
      error: null,
      reactions: {},
      sentAt: null,
      templateCategory: values.templateCategory ?? null,
    });
  }

  /**
   * A campaign's template messages, queued, in one statement (one per conversation); answers each one's id by its
   * conversation. `sender` is who created the campaign.
   */
  async insertCampaignMessages(
    tenantId: string,
    campaignId: string,
    sender: string | null,
    templateCategory: string,
    rows: readonly CampaignMessageValues[],
  ): Promise<Map<string, string>> {
    if (rows.length === 0) return new Map();
    const inserted = await this.sql.prepared(
      'messages-insert-campaign',
      `INSERT INTO messages (tenant_id, conversation_id, direction, type, content, status, sender_user_id, campaign_id,
         template_category)
       SELECT $1, r.conversation_id, 'outbound', 'template', r.content, 'queued', $3, $2, $5
       FROM jsonb_to_recordset($4::jsonb) AS r(ord int, conversation_id uuid, content jsonb)
       ORDER BY r.ord
       RETURNING id, conversation_id`,
      [
        tenantId,
        campaignId,
        sender,
        JSON.stringify(rows.map((r, ord) => ({ ord, conversation_id: r.conversationId, content: r.content }))),
        templateCategory,
      ],
      (row) => [text(row, 'conversation_id'), text(row, 'id')] as const,
    );
    return new Map(inserted);
  }

  /**
   * A campaign's messages the worker has not reported on yet (queued, no wamid), created before `before`, oldest
   * first; served by a partial index that holds only such messages.
   */
  campaignMessagesAwaitingSend(tenantId: string, campaignId: string, before: Date, limit: number): Promise<string[]> {
    return this.sql.query(
      `SELECT id FROM messages
       WHERE campaign_id = $2 AND tenant_id = $1 AND status = 'queued' AND wamid IS NULL AND created_at < $3
       ORDER BY created_at LIMIT $4`,
      [tenantId, campaignId, before, limit],
      (row) => text(row, 'id'),
    );
  }

  /** Whether any message of the campaign still waits for the worker's outcome. */
  async anyCampaignMessageAwaitingSend(tenantId: string, campaignId: string): Promise<boolean> {
    const rows = await this.sql.query(
      `SELECT 1 FROM messages
       WHERE campaign_id = $2 AND tenant_id = $1 AND status = 'queued' AND wamid IS NULL LIMIT 1`,
      [tenantId, campaignId],
      () => true,
    );
    return rows.length > 0;
  }

  /** Those of `ids` that still wait for the worker's outcome, with their content. */
  stillAwaitingSend(tenantId: string, ids: readonly string[]): Promise<StoredCampaignMessage[]> {
    return this.sql.query(
      `SELECT id, content FROM messages
       WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND status = 'queued' AND wamid IS NULL`,
      [tenantId, ids],
      (row) => ({ id: text(row, 'id'), content: jsonObject(row, 'content') }),
    );
  }

  /**
   * Stores inbound messages of any tenants in one statement, in order; answers those it stored (the unique wamid is
   * the arbiter of Meta's duplicates). A conversation's messages get `created_at` 1 ms apart to keep arrival order,
   * each with the customer's reaction to it if that reaction came first.
   */
  async insertInboundAcrossTenants(rows: readonly InboundMessageRow[]): Promise<Message[]> {
    if (rows.length === 0) return [];
    return this.sql.prepared(
      'messages-insert-inbound',
      `WITH i AS (
         SELECT *, row_number() OVER (PARTITION BY conversation_id ORDER BY ord) - 1 AS seq
         FROM jsonb_to_recordset($1::jsonb) AS i(ord int, tenant_id uuid, conversation_id uuid, type text,
           content jsonb, wamid text, error jsonb, reply_to_wamid text, sent_at timestamptz)
       )
       INSERT INTO messages (tenant_id, conversation_id, direction, type, content, status, wamid, error, reply_to_wamid,
         sent_at, created_at, reactions)
       SELECT tenant_id, conversation_id, 'inbound', type, content, 'received', wamid, NULLIF(error, 'null'::jsonb),
         reply_to_wamid, sent_at, now() + seq * interval '1 millisecond', ${customerReaction('i.tenant_id', 'i.wamid')}
       FROM i ORDER BY ord
       ON CONFLICT (wamid) DO NOTHING
       RETURNING *`,
      [
        JSON.stringify(
          rows.map((r, ord) => ({
            ord,
            tenant_id: r.tenantId,
            conversation_id: r.conversationId,
            type: r.type,
            content: r.content,
            wamid: r.wamid,
            error: r.error,
            reply_to_wamid: r.replyToWamid,
            sent_at: r.sentAt,
          })),
        ),
      ],
      decodeMessage,
    );
  }

  /**
   * Works the customer's reaction out again on the messages with these wamids (see customerReaction) and answers
   * those it changed. Wamids are unique on the platform, and each message's reaction is looked up in its own tenant.
   */
  reapplyReactionsAcrossTenants(wamids: readonly string[]): Promise<Message[]> {
    if (wamids.length === 0) return Promise.resolve([]);
    return this.sql.prepared(
      'messages-reapply-reactions',
      `UPDATE messages m SET reactions = (m.reactions - 'customer') || x.reaction, updated_at = now()
       FROM (
         SELECT t.id, ${customerReaction('t.tenant_id', 't.wamid')} AS reaction
         FROM messages t WHERE t.wamid = ANY($1::text[])
       ) x
       WHERE m.id = x.id AND (m.reactions->'customer') IS DISTINCT FROM (x.reaction->'customer')
       RETURNING m.*`,
      [wamids],
      decodeMessage,
    );
  }

  /**
   * Gives sent messages the wamids Meta answered with, each with the customer's reaction to it if one came first (a
   * backlog of send results), in one statement; a message keeps the wamid it has. Answers every message as it is now.
   */
  linkSentWamids(links: readonly { tenantId: string; id: string; wamid: string }[]): Promise<Message[]> {
    if (links.length === 0) return Promise.resolve([]);
    return this.sql.prepared(
      'messages-link-sent',
      currentAfter(
        'wamid text',
        `UPDATE messages m SET wamid = x.wamid,
           reactions = (m.reactions - 'customer') || ${customerReaction('x.tenant_id', 'x.wamid')}, updated_at = now()
         FROM x WHERE m.tenant_id = x.tenant_id AND m.id = x.id AND m.wamid IS NULL`,
      ),
      [JSON.stringify(links.map((l) => ({ tenant_id: l.tenantId, id: l.id, wamid: l.wamid })))],
      decodeMessage,
    );
  }

  /** Of these wamids, those with statuses recorded before their message was linked to them. */
  async withRecordedStatuses(wamids: readonly string[]): Promise<string[]> {
    if (wamids.length === 0) return [];
    return this.sql.prepared(
      'messages-with-recorded-statuses',
      `SELECT DISTINCT wamid FROM message_status_events WHERE wamid = ANY($1::text[])`,
      [wamids],
      (row) => text(row, 'wamid'),
    );
  }

  /** A merge of contacts (docs/adr/0113): every message of one conversation moves to the other. */
  async moveToConversation(tenantId: string, fromId: string, intoId: string): Promise<void> {
    await this.sql.execute(
      `UPDATE messages SET conversation_id = $3, updated_at = now() WHERE tenant_id = $1 AND conversation_id = $2`,
      [tenantId, fromId, intoId],
    );
  }

  /** Fails a message that has not left WhatsApp yet; answers the message as it is now. */
  async markFailed(tenantId: string, id: string, error: MessageError): Promise<Message | null> {
    const [failed] = await this.sql.query(
      `UPDATE messages SET status = 'failed', error = $3::jsonb, failed_at = now(), updated_at = now()
       WHERE tenant_id = $1 AND id = $2 AND status IN ('queued', 'sent')
       RETURNING *`,
      [tenantId, id, JSON.stringify(error)],
      decodeMessage,
    );
    return failed ?? this.findById(tenantId, id);
  }

  /**
   * Fails messages that have not left WhatsApp yet, each with its error, in one statement; answers every message as
   * it is now.
   */
  markFailedMany(failures: readonly { tenantId: string; id: string; error: MessageError }[]): Promise<Message[]> {
    if (failures.length === 0) return Promise.resolve([]);
    return this.sql.prepared(
      'messages-mark-failed',
      currentAfter(
        'error jsonb',
        `UPDATE messages m SET status = 'failed', error = x.error, failed_at = now(), updated_at = now()
         FROM x WHERE m.tenant_id = x.tenant_id AND m.id = x.id AND m.status IN ('queued', 'sent')`,
      ),
      [JSON.stringify(failures.map((f) => ({ tenant_id: f.tenantId, id: f.id, error: f.error })))],
      decodeMessage,
    );
  }

  /** Marks inbound messages as answers to campaigns; answers those it changed (a message is marked once). */
  setReplyCampaignsAcrossTenants(
    replies: readonly { tenantId: string; messageId: string; campaignId: string }[],
  ): Promise<Message[]> {
    if (replies.length === 0) return Promise.resolve([]);
    return this.sql.query(
      `UPDATE messages m SET campaign_id = x.campaign_id, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS x (tenant_id uuid, message_id uuid, campaign_id uuid)
       WHERE m.id = x.message_id AND m.tenant_id = x.tenant_id AND m.direction = 'inbound' AND m.campaign_id IS NULL
       RETURNING m.*`,
      [
        JSON.stringify(
          replies.map((r) => ({ tenant_id: r.tenantId, message_id: r.messageId, campaign_id: r.campaignId })),
        ),
      ],
      decodeMessage,
    );
  }

  /** Records the outcome of a media download inside the message's content; answers the message as it is now. */
  async setStoredMedia(tenantId: string, id: string, storedMedia: object): Promise<Message | null> {
    const [message] = await this.sql.query(
      `UPDATE messages SET content = content || jsonb_build_object('stored_media', $3::jsonb), updated_at = now()
       WHERE tenant_id = $1 AND id = $2
       RETURNING *`,
      [tenantId, id, JSON.stringify(storedMedia)],
      decodeMessage,
    );
    return message ?? null;
  }

  /**
   * Of these stored inbound media messages, the ids of those whose download has no outcome yet (no `stored_media`),
   * by wamid: a redelivered message whose download may never have been queued.
   */
  async awaitingMedia(tenantId: string, wamids: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.sql.query(
      `SELECT id, wamid FROM messages
       WHERE tenant_id = $1 AND wamid = ANY($2::text[]) AND direction = 'inbound' AND NOT content ? 'stored_media'`,
      [tenantId, wamids],
      (row) => [text(row, 'wamid'), text(row, 'id')] as const,
    );
    return new Map(rows);
  }

  async idsByWamid(tenantId: string, wamids: readonly string[]): Promise<Map<string, string>> {
    if (wamids.length === 0) return new Map();
    const rows = await this.sql.query(
      `SELECT id, wamid FROM messages WHERE tenant_id = $1 AND wamid = ANY($2::text[]) AND direction = 'inbound'`,
      [tenantId, wamids],
      (row) => [text(row, 'wamid'), text(row, 'id')] as const,
    );
    return new Map(rows);
  }

  /**
   * Records the status once per (wamid, status), then moves the message forward if it is known, in one statement.
   * `read` also fills `delivered` when Meta skipped it.
   */
  async recordStatus(status: StatusRecord): Promise<Message | null> {
    const pricing = status.pricing && JSON.stringify(status.pricing);
    const [message] = await this.sql.prepared(
      'messages-record-status',
      `WITH recorded AS (
         INSERT INTO message_status_events (wamid, status, occurred_at, error, phone_number_id, pricing)
         VALUES ($2, $3, $4, $5, $6, $7::jsonb)
         ON CONFLICT (wamid, status) DO NOTHING
       )
       ${APPLY_STATUS}`,
      [status.tenantId, status.wamid, status.status, status.occurredAt, status.error, status.phoneNumberId, pricing],
      decodeMessage,
    );
    const priced = pricing ? await this.applyPricing(status.tenantId, status.wamid, pricing) : null;
    return priced ?? message ?? null;
  }

  private async applyPricing(tenantId: string, wamid: string, pricing: string): Promise<Message | null> {
    const [message] = await this.sql.prepared(
      'messages-apply-pricing',
      APPLY_PRICING,
      [tenantId, wamid, pricing],
      decodeMessage,
    );
    return message ?? null;
  }

  /** Applies every status already recorded for a wamid (a status may arrive before the send result links it). */
  async applyRecordedStatuses(tenantId: string, wamid: string): Promise<Message | null> {
    const events = await this.sql.query(
      `SELECT status, occurred_at, error, pricing FROM message_status_events WHERE wamid = $1
       ORDER BY occurred_at, created_at`,
      [wamid],
      decodeStatusEvent,
    );
    let message: Message | null = null;
    for (const e of events) {
      const [moved] = await this.sql.prepared(
        'messages-apply-status',
        APPLY_STATUS,
        [tenantId, wamid, e.status, e.occurredAt, e.error],
        decodeMessage,
      );
      const priced = e.pricing ? await this.applyPricing(tenantId, wamid, JSON.stringify(e.pricing)) : null;
      message = priced ?? moved ?? message;
    }
    return message;
  }
}

/** The row decoder of `message_status_events`, as far as applying one needs it. */
function decodeStatusEvent(row: Row): {
  status: DeliveryStatus;
  occurredAt: Date;
  error: MessageError | null;
  pricing: MessagePricing | null;
} {
  return {
    status: oneOf(row, 'status', DELIVERY_STATUSES),
    occurredAt: timestamp(row, 'occurred_at'),
    error: jsonObjectOrNull<MessageError>(row, 'error'),
    pricing: jsonObjectOrNull<MessagePricing>(row, 'pricing'),
  };
}
