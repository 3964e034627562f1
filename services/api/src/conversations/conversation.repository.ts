import { Injectable } from '@nestjs/common';
import {
  CONVERSATION_STATUSES,
  type ConversationSourceDto,
  type ConversationStatus,
  type ListConversationsQuery,
} from '@aerostic/shared';
import { bool, int, oneOf, oneOfOrNull, text, timestamp } from '../database/columns';
import { contactSearch } from '../contacts/contact-search';
import { decodePrefixedContact, prefixedContactColumns } from '../contacts/contact.row';
import { type KeysetPosition } from '../common/pagination/keyset';
import { type Contact, Conversation, ConversationNote } from '../database/entities';
import { compareKeys, SqlParams } from '../database/sql-text';
import { lookup, searchPage } from '../database/search-page';
import { Sql, type TenantTable } from '../database/sql';
import { factOpened, factResolved, factsReplied, NOW } from './conversation-facts.sql';
import {
  type ContactSummary,
  type ConversationView,
  decodeConversation,
  decodeConversationView,
  iso,
} from './conversation.row';

export type ConversationWithContact = Conversation & { contact: Contact };
/** An inbox row: the conversation with what the inbox shows of its contact. */
export type InboxConversation = Omit<Conversation, 'contact'> & { contact: ContactSummary };

export interface ConversationFilters extends Omit<ListConversationsQuery, 'limit' | 'cursor' | 'assigneeId'> {
  assigneeId?: string;
}

/** A thread an inbound message belongs to: its contact on a business number. */
/** Where a conversation came from, for `recordSourcesAcrossTenants`. */
export interface ConversationSource {
  tenantId: string;
  conversationId: string;
  source: ConversationSourceDto;
}

export interface ThreadKey {
  tenantId: string;
  contactId: string;
  whatsappAccountId: string;
  /** When its first message was sent: the new conversation's place in the inbox. */
  firstMessageAt: Date;
}

/** What a batch of new inbound messages does to one conversation. */
export interface InboundActivity {
  tenantId: string;
  conversationId: string;
  /** How many new messages. */
  count: number;
  /** The newest one's WhatsApp time, and its preview. */
  lastAt: Date;
  preview: string;
}

/** What an update did to the status; `version` is the row's after it. */
export interface StatusChange {
  previousStatus: ConversationStatus;
  status: ConversationStatus;
  version: number;
}

/** What an update did: the status change, or the part refused (`missing`: no such conversation). */
export type UpdateOutcome =
  { kind: 'updated'; change: StatusChange } | { kind: 'missing' } | { kind: 'assignee' } | { kind: 'team' };

/** Conversations by key, and those the call created (created exactly once, whoever asks again). */
export interface OpenedThreads {
  byKey: Map<string, string>;
  created: { tenantId: string; id: string }[];
}

export interface ConversationCounts {
  open: number;
  unassigned: number;
}

export const threadKey = (contactId: string, whatsappAccountId: string): string => `${contactId} ${whatsappAccountId}`;

/** The only writer of `conversations` and `conversation_notes`. */
@Injectable()
export class ConversationRepository {
  private readonly conversations: TenantTable<Conversation>;
  private readonly notes: TenantTable<ConversationNote>;

  constructor(private readonly sql: Sql) {
    this.conversations = sql.tenantTable(Conversation);
    this.notes = sql.tenantTable(ConversationNote);
  }

  /** One statement: sends and automation read a conversation several times each, so the ORM's two are too many. */
  async findById(tenantId: string, id: string): Promise<ConversationWithContact | null> {
    const [found] = await this.sql.query(
      `SELECT c.*, ${prefixedContactColumns('ct', 'contact_')}
       FROM conversations c JOIN contacts ct ON ct.tenant_id = c.tenant_id AND ct.id = c.contact_id
       WHERE c.tenant_id = $1 AND c.id = $2`,
      [tenantId, id],
      (row) => ({ ...decodeConversation(row), contact: decodePrefixedContact(row, 'contact_') }),
    );
    return found ?? null;
  }

  /**
   * Newest activity first; the cursor is the last row's (lastMessageAt, id). One statement, served by the inbox
   * index of its filters; a search reads the matching contacts first unless they are so many that reading the inbox
   * in order finds a page sooner (docs/adr/0087).
   */
  async listPage(
    tenantId: string,
    filters: ConversationFilters,
    after: KeysetPosition | null,
    take: number,
  ): Promise<ConversationView[]> {
    const params = new SqlParams();
    const tenant = params.add(tenantId);
    const where = [`c.tenant_id = ${tenant}`];
    if (filters.status) where.push(`c.status = ${params.add(filters.status)}`);
    if (filters.assigneeId) where.push(`c.assignee_id = ${params.add(filters.assigneeId)}`);
    if (filters.unassigned === true) where.push('c.assignee_id IS NULL');
    if (filters.unassigned === false) where.push('c.assignee_id IS NOT NULL');
    if (filters.whatsappAccountId) where.push(`c.whatsapp_account_id = ${params.add(filters.whatsappAccountId)}`);
    if (filters.teamId) where.push(`c.team_id = ${params.add(filters.teamId)}`);
    if (after) where.push(`(c.last_message_at, c.id) < (${params.add(after.createdAt)}, ${params.add(after.id)})`);
    const inOrder = `ORDER BY c.last_message_at DESC, c.id DESC LIMIT ${params.add(take)}`;
    let page = `SELECT c.* FROM conversations c WHERE ${where.join(' AND ')} ${inOrder}`;
    if (filters.search) {
      const search = contactSearch(filters.search, params);
      const filtered = where.join(' AND ');
      // A sub-select rather than EXISTS: it stays a per-row filter, so the inbox index is read in order and stops at
      // a full page, instead of being planned as a join over every matching contact.
      // contacts_search: the trigram index serves ILIKE there, which row-level security would keep from it (ADR 0203).
      const matches = `(SELECT true FROM contacts_search m WHERE m.id = c.contact_id AND ${search.condition('m')})`;
      const dense = (gate: string) =>
        `SELECT c.* FROM conversations c WHERE ${filtered} AND ${gate} AND ${matches} ${inOrder}`;
      page = search.indexed
        ? searchPage({
            matched: `SELECT id FROM contacts_search m WHERE m.tenant_id = ${tenant} AND ${search.condition('m')}`,
            dense,
            sparse: (gate) =>
              `SELECT c.* FROM matched k CROSS JOIN LATERAL (${lookup('conversations', 'contact_id', 'k.id')}) c
               WHERE ${filtered} AND ${gate} ${inOrder}`,
          })
        : dense('true');
    }
    // Times come formatted as the DTO has them: parsing and formatting them in the API cost more than the rest of a
    // row.
    return this.sql.query(
      `SELECT p.id, p.status, p.assignee_id, p.team_id, p.whatsapp_account_id, p.last_message_preview, p.unread_count, p.version, p.source,
         p.contact_id, ${iso('p.last_message_at')} AS last_message_at, ${iso('p.last_inbound_at')} AS last_inbound_at,
         ${iso('p.created_at')} AS created_at, ct.wa_id AS contact_wa_id, ct.user_id AS contact_user_id,
         ct.username AS contact_username, ct.name AS contact_name, ct.profile_name AS contact_profile_name
       FROM (${page}) p CROSS JOIN LATERAL (${lookup('contacts', 'id', 'p.contact_id')}) ct
       ORDER BY p.last_message_at DESC, p.id DESC`,
      params.values,
      decodeConversationView,
    );
  }

  /**
   * Changes status, assignee and team; answers what it did to the status (with the row's new version), or which part
   * was refused: the assignee is not an active member of the tenant, the team not one of its teams (`missing`: no such
   * conversation). Both are checked in the same statement, so a member deactivated or a team deleted meanwhile cannot
   * be set.
   */
  async update(
    tenantId: string,
    id: string,
    changes: Partial<Pick<Conversation, 'status' | 'assigneeId' | 'teamId'>>,
    actorId: string | null = null,
  ): Promise<UpdateOutcome> {
    const assign = changes.assigneeId !== undefined;
    const team = changes.teamId !== undefined;
    const [outcome] = await this.sql.query(
      `WITH ok AS (
         SELECT ($5::uuid IS NULL OR EXISTS (
                  SELECT 1 FROM users u WHERE u.tenant_id = $1 AND u.id = $5::uuid AND u.status = 'active')) AS assignee,
                ($7::uuid IS NULL OR EXISTS (
                  SELECT 1 FROM teams g WHERE g.tenant_id = $1 AND g.id = $7::uuid)) AS team
       ), old AS (
         SELECT id, status FROM conversations WHERE tenant_id = $1 AND id = $2 FOR UPDATE
       ), changed AS (
         UPDATE conversations c SET
           status = COALESCE($3, c.status),
           assignee_id = CASE WHEN $4 THEN $5::uuid ELSE c.assignee_id END,
           team_id = CASE WHEN $6 THEN $7::uuid ELSE c.team_id END,
           -- Leaving resolved opens a new episode (docs/adr/0130).
           opened_at = CASE WHEN old.status = 'resolved' AND COALESCE($3, c.status) <> 'resolved' THEN ${NOW}
             ELSE c.opened_at END,
           episode_inbound_at = CASE WHEN old.status = 'resolved' AND COALESCE($3, c.status) <> 'resolved' THEN NULL
             ELSE c.episode_inbound_at END,
           first_response_at = CASE WHEN old.status = 'resolved' AND COALESCE($3, c.status) <> 'resolved' THEN NULL
             ELSE c.first_response_at END,
           updated_at = now()
         FROM old, ok WHERE c.id = old.id AND ok.assignee AND ok.team
         RETURNING old.status AS previous_status, c.status, c.version, c.id, c.tenant_id, c.whatsapp_account_id,
           c.assignee_id, c.opened_at, COALESCE(c.opened_at, c.created_at) AS episode_at
       ), opened AS (
         ${factOpened('changed')}
       ), resolved AS (
         ${factResolved(`(SELECT * FROM changed WHERE status = 'resolved' AND previous_status <> 'resolved')`, '$8::uuid')}
       )
       SELECT ok.assignee, ok.team, changed.previous_status, changed.status, changed.version
       FROM ok LEFT JOIN changed ON true`,
      [
        tenantId,
        id,
        changes.status ?? null,
        assign,
        assign ? changes.assigneeId : null,
        team,
        team ? changes.teamId : null,
        actorId,
      ],
      (row): UpdateOutcome => {
        const status = oneOfOrNull(row, 'status', CONVERSATION_STATUSES);
        if (status !== null) {
          const previousStatus = oneOf(row, 'previous_status', CONVERSATION_STATUSES);
          return { kind: 'updated', change: { previousStatus, status, version: int(row, 'version') } };
        }
        if (!bool(row, 'assignee')) return { kind: 'assignee' };
        return bool(row, 'team') ? { kind: 'missing' } : { kind: 'team' };
      },
    );
    return outcome ?? { kind: 'missing' };
  }

  /**
   * Routing's one write: gives an unassigned conversation to an active member (and its team when given). Conditional
   * on nobody holding it, so two routers never assign it twice; true only for the call that assigned it.
   */
  async assignIfUnassigned(tenantId: string, id: string, assigneeId: string, teamId: string | null): Promise<boolean> {
    return (
      (await this.sql.execute(
        `UPDATE conversations SET assignee_id = $3, team_id = COALESCE($4::uuid, team_id), updated_at = now()
         WHERE tenant_id = $1 AND id = $2 AND assignee_id IS NULL
           AND EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = $1 AND u.id = $3 AND u.status = 'active')`,
        [tenantId, id, assigneeId, teamId],
      )) > 0
    );
  }

  /** Puts a conversation in a team of the tenant (routing to a team); false when the team is not the tenant's. */
  async setTeam(tenantId: string, id: string, teamId: string): Promise<boolean> {
    return (
      (await this.sql.execute(
        `UPDATE conversations SET team_id = $3, updated_at = now()
         WHERE tenant_id = $1 AND id = $2 AND team_id IS DISTINCT FROM $3
           AND EXISTS (SELECT 1 FROM teams g WHERE g.tenant_id = $1 AND g.id = $3)`,
        [tenantId, id, teamId],
      )) > 0
    );
  }

  /** Sets the unread count to 0; true only for the call that cleared it, so two readers at once act once. */
  async clearUnread(tenantId: string, id: string): Promise<boolean> {
    return (
      (await this.sql.execute(
        `UPDATE conversations SET unread_count = 0, updated_at = now() WHERE tenant_id = $1 AND id = $2 AND unread_count > 0`,
        [tenantId, id],
      )) > 0
    );
  }

  /**
   * The team wrote: the conversation moves up the inbox with the message's preview. A reply by an agent (`agentId`;
   * null for automation) is the episode's first response when the customer wrote in it and nobody answered yet.
   */
  async recordOutbound(tenantId: string, id: string, preview: string, agentId: string | null): Promise<void> {
    await this.sql.execute(
      `WITH moved AS (
         UPDATE conversations SET last_message_at = GREATEST(last_message_at, now()), last_message_preview = $3,
           first_response_at = CASE WHEN $4::uuid IS NOT NULL AND episode_inbound_at IS NOT NULL
             AND first_response_at IS NULL THEN ${NOW} ELSE first_response_at END,
           updated_at = now()
         WHERE tenant_id = $1 AND id = $2
         RETURNING *
       )
       ${factsReplied('moved', '$4::uuid')}`,
      [tenantId, id, preview, agentId],
    );
  }

  /** The conversation of a contact on a number, created (empty, at the top of the inbox) when `create` allows. */
  async findOrCreate(
    tenantId: string,
    contactId: string,
    whatsappAccountId: string,
    create: boolean,
  ): Promise<{ id: string; created: boolean } | null> {
    const existing = await this.conversations.findOne({ tenantId, contactId, whatsappAccountId });
    if (existing || !create) return existing ? { id: existing.id, created: false } : null;
    const [found] = await this.sql.query(
      // Another request (or the customer's first message) may create it meanwhile: answer that one.
      `WITH created AS (
         INSERT INTO conversations (tenant_id, contact_id, whatsapp_account_id, opened_at) VALUES ($1, $2, $3, ${NOW})
         ON CONFLICT (contact_id, whatsapp_account_id) DO UPDATE SET updated_at = conversations.updated_at
         RETURNING *, (xmax = 0) AS inserted
       ), opened AS (
         ${factOpened('created')}
       )
       SELECT id, inserted FROM created`,
      [tenantId, contactId, whatsappAccountId],
      (row) => ({ id: text(row, 'id'), created: bool(row, 'inserted') }),
    );
    return found ?? null;
  }

  /**
   * The conversation of each thread, opened when missing, by `threadKey`. Threads of any tenants at once (an inbound
   * batch); new ones are inserted in key order, so two writers never lock the same rows in opposite orders.
   */
  async openThreadsAcrossTenants(threads: readonly ThreadKey[]): Promise<OpenedThreads> {
    const found = new Map<string, string>();
    const created: OpenedThreads['created'] = [];
    const input = JSON.stringify(
      [...threads]
        .sort((a, b) => compareKeys(a.contactId, b.contactId) || compareKeys(a.whatsappAccountId, b.whatsappAccountId))
        .map((t) => ({
          tenant_id: t.tenantId,
          contact_id: t.contactId,
          account_id: t.whatsappAccountId,
          first_at: t.firstMessageAt,
        })),
    );
    // A thread created by a concurrent writer is visible neither to the insert nor to this statement's snapshot:
    // the second round finds it.
    const wanted = new Set(threads.map(keyOf)).size;
    for (let round = 0; round < 2 && found.size < wanted; round++) {
      const rows = await this.sql.prepared(
        'conversations-open-threads',
        `WITH t AS (
           SELECT * FROM jsonb_to_recordset($1::jsonb)
             AS t(tenant_id uuid, contact_id uuid, account_id uuid, first_at timestamptz)
         ), created AS (
           INSERT INTO conversations (tenant_id, contact_id, whatsapp_account_id, last_message_at, opened_at)
           SELECT DISTINCT ON (contact_id, account_id) tenant_id, contact_id, account_id, first_at, ${NOW} FROM t
           WHERE NOT EXISTS (
             SELECT 1 FROM conversations c WHERE c.contact_id = t.contact_id AND c.whatsapp_account_id = t.account_id
           )
           ORDER BY contact_id, account_id, first_at
           ON CONFLICT (contact_id, whatsapp_account_id) DO NOTHING
           RETURNING id, tenant_id, contact_id, whatsapp_account_id, opened_at
         ), opened AS (
           ${factOpened('created')}
         )
         -- The snapshot does not see this statement's inserts: each row comes from created or from the table.
         SELECT id, tenant_id, contact_id, whatsapp_account_id, true AS inserted FROM created
         UNION ALL
         SELECT c.id, c.tenant_id, c.contact_id, c.whatsapp_account_id, false FROM conversations c
         WHERE (c.tenant_id, c.contact_id, c.whatsapp_account_id) IN (SELECT tenant_id, contact_id, account_id FROM t)`,
        [input],
        (row) => ({
          key: threadKey(text(row, 'contact_id'), text(row, 'whatsapp_account_id')),
          id: text(row, 'id'),
          tenantId: text(row, 'tenant_id'),
          inserted: bool(row, 'inserted'),
        }),
      );
      for (const row of rows) {
        found.set(row.key, row.id);
        if (row.inserted) created.push({ tenantId: row.tenantId, id: row.id });
      }
    }
    return { byKey: found, created };
  }

  /**
   * Records where conversations came from in one statement; a conversation that has a source keeps it, so the
   * first one wins and a redelivery changes nothing (docs/adr/0153). The input lists at most one source each.
   */
  async recordSourcesAcrossTenants(sources: readonly ConversationSource[]): Promise<void> {
    if (sources.length === 0) return;
    await this.sql.execute(
      `UPDATE conversations c SET source = t.source
       FROM jsonb_to_recordset($1::jsonb) AS t(tenant_id uuid, conversation_id uuid, source jsonb)
       WHERE c.tenant_id = t.tenant_id AND c.id = t.conversation_id AND c.source IS NULL`,
      [
        JSON.stringify(
          [...sources]
            .sort((a, b) => compareKeys(a.conversationId, b.conversationId))
            .map((s) => ({ tenant_id: s.tenantId, conversation_id: s.conversationId, source: s.source })),
        ),
      ],
    );
  }

  /**
   * The conversation of each contact on a number, by contact id. Existing ones are left as they are; missing ones are
   * created `resolved` with `preview`, so a broadcast does not fill the open inbox: a reply reopens them. Contacts are
   * inserted in id order, like inbound threads, so two writers never lock rows in opposite orders.
   */
  async openForCampaign(
    tenantId: string,
    whatsappAccountId: string,
    contactIds: readonly string[],
    preview: string,
  ): Promise<OpenedThreads> {
    const found = new Map<string, string>();
    const created: OpenedThreads['created'] = [];
    const wanted = [...new Set(contactIds)].sort(compareKeys);
    // A thread created meanwhile by the customer's message is visible to neither part of the statement: round two.
    for (let round = 0; round < 2 && found.size < wanted.length; round++) {
      const rows = await this.sql.prepared(
        'conversations-open-for-campaign',
        `WITH created AS (
           INSERT INTO conversations (tenant_id, contact_id, whatsapp_account_id, status, last_message_preview)
           SELECT $1, t.contact_id, $2, 'resolved', $4 FROM unnest($3::uuid[]) WITH ORDINALITY AS t(contact_id, ord)
           WHERE NOT EXISTS (
             SELECT 1 FROM conversations c WHERE c.contact_id = t.contact_id AND c.whatsapp_account_id = $2
           )
           ORDER BY t.ord
           ON CONFLICT (contact_id, whatsapp_account_id) DO NOTHING
           RETURNING id, contact_id
         )
         SELECT id, contact_id, true AS inserted FROM created
         UNION ALL
         SELECT c.id, c.contact_id, false FROM conversations c
         WHERE c.tenant_id = $1 AND c.whatsapp_account_id = $2 AND c.contact_id = ANY($3::uuid[])`,
        [tenantId, whatsappAccountId, wanted.filter((id) => !found.has(id)), preview],
        (row) => ({ contactId: text(row, 'contact_id'), id: text(row, 'id'), inserted: bool(row, 'inserted') }),
      );
      for (const row of rows) {
        found.set(row.contactId, row.id);
        if (row.inserted) created.push({ tenantId, id: row.id });
      }
    }
    return { byKey: found, created };
  }

  /** The tenant's conversations with these ids, with their contacts (one query). */
  findManyWithContact(tenantId: string, ids: readonly string[]): Promise<ConversationWithContact[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.conversations.select(
      'c',
      tenantId,
      (qb) =>
        qb
          .innerJoinAndSelect('c.contact', 'contact')
          .andWhere('c.id IN (:...ids)', { ids })
          .orderBy('c.id')
          .getMany() as Promise<ConversationWithContact[]>,
    );
  }

  /**
   * Moves each conversation once for its new inbound messages: unread count grows by their number, the preview
   * becomes the newest one's unless a newer message is stored, the window opens, a resolved conversation reopens.
   * Late webhooks never move the preview backwards. Answers the conversations as they are now, in id order.
   */
  recordInboundAcrossTenants(activity: readonly InboundActivity[]): Promise<Conversation[]> {
    if (activity.length === 0) return Promise.resolve([]);
    return this.sql.prepared(
      'conversations-record-inbound',
      `WITH moved AS (
         UPDATE conversations c SET
           last_message_preview = CASE WHEN a.last_at >= c.last_message_at OR c.last_message_preview IS NULL
             THEN a.preview ELSE c.last_message_preview END,
           last_message_at = GREATEST(c.last_message_at, a.last_at),
           last_inbound_at = GREATEST(COALESCE(c.last_inbound_at, a.last_at), a.last_at),
           unread_count = c.unread_count + a.n,
           status = CASE WHEN c.status = 'resolved' THEN 'open' ELSE c.status END,
           -- A reopening starts an episode; the customer's first message in it starts the first-response clock.
           opened_at = CASE WHEN c.status = 'resolved' OR c.opened_at IS NULL THEN ${NOW} ELSE c.opened_at END,
           episode_inbound_at = CASE WHEN c.status = 'resolved' OR c.opened_at IS NULL THEN ${NOW}
             ELSE COALESCE(c.episode_inbound_at, ${NOW}) END,
           first_response_at = CASE WHEN c.status = 'resolved' OR c.opened_at IS NULL THEN NULL
             ELSE c.first_response_at END,
           updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS a(tenant_id uuid, conversation_id uuid, n int, last_at timestamptz,
           preview text)
         WHERE c.id = a.conversation_id AND c.tenant_id = a.tenant_id
         RETURNING c.*
       ), opened AS (
         ${factOpened('moved')}
       )
       SELECT * FROM moved`,
      [
        JSON.stringify(
          [...activity]
            .sort((a, b) => compareKeys(a.conversationId, b.conversationId))
            .map((a) => ({
              tenant_id: a.tenantId,
              conversation_id: a.conversationId,
              n: a.count,
              last_at: a.lastAt,
              preview: a.preview,
            })),
        ),
      ],
      decodeConversation,
    );
  }

  /**
   * A merge of contacts (docs/adr/0113): the conversations of `fromContactId` on numbers where `intoContactId` has none
   * become its own; answers the pairs left, where both have one, for their messages to be moved.
   */
  async moveContact(
    tenantId: string,
    fromContactId: string,
    intoContactId: string,
  ): Promise<{ fromId: string; intoId: string }[]> {
    await this.sql.execute(
      `UPDATE conversations c SET contact_id = $3, updated_at = now()
       WHERE c.tenant_id = $1 AND c.contact_id = $2 AND NOT EXISTS (
         SELECT 1 FROM conversations s WHERE s.contact_id = $3 AND s.whatsapp_account_id = c.whatsapp_account_id)`,
      [tenantId, fromContactId, intoContactId],
    );
    // Locked until the merge commits: a message being stored into one of them meanwhile is waited for (its foreign
    // key holds the row), so the move that follows sees it; a later one fails on the deleted row and its retry finds
    // the merged contact. Without the lock, deleting the folded conversation would take such a message with it.
    return this.sql.query(
      `SELECT f.id AS from_id, s.id AS into_id FROM conversations f
       JOIN conversations s ON s.contact_id = $3 AND s.whatsapp_account_id = f.whatsapp_account_id
       WHERE f.tenant_id = $1 AND f.contact_id = $2
       ORDER BY f.id
       FOR UPDATE OF f`,
      [tenantId, fromContactId, intoContactId],
      (row) => ({ fromId: text(row, 'from_id'), intoId: text(row, 'into_id') }),
    );
  }

  /**
   * Folds an emptied conversation into the one it merged with: its notes move, the inbox place, window, unread count,
   * status and assignee combine (the newer preview wins, an open conversation stays open), then it is deleted.
   */
  async absorb(tenantId: string, fromId: string, intoId: string): Promise<void> {
    await this.sql.execute(
      `UPDATE conversation_notes SET conversation_id = $3 WHERE tenant_id = $1 AND conversation_id = $2`,
      [tenantId, fromId, intoId],
    );
    await this.sql.execute(
      `UPDATE conversations s SET
         last_message_preview = CASE WHEN f.last_message_at > s.last_message_at OR s.last_message_preview IS NULL
           THEN COALESCE(f.last_message_preview, s.last_message_preview) ELSE s.last_message_preview END,
         last_message_at = GREATEST(s.last_message_at, f.last_message_at),
         last_inbound_at = GREATEST(s.last_inbound_at, f.last_inbound_at),
         unread_count = s.unread_count + f.unread_count,
         status = CASE WHEN f.status = 'open' THEN 'open'
           WHEN f.status = 'pending' AND s.status = 'resolved' THEN 'pending' ELSE s.status END,
         assignee_id = COALESCE(s.assignee_id, f.assignee_id),
         updated_at = now()
       FROM conversations f
       WHERE s.tenant_id = $1 AND s.id = $3 AND f.tenant_id = $1 AND f.id = $2`,
      [tenantId, fromId, intoId],
    );
    await this.sql.execute(`DELETE FROM conversations WHERE tenant_id = $1 AND id = $2`, [tenantId, fromId]);
  }

  /** The ids of a contact's conversations, one per business number. */
  idsOfContact(tenantId: string, contactId: string): Promise<string[]> {
    return this.sql.query(
      `SELECT id FROM conversations WHERE tenant_id = $1 AND contact_id = $2 ORDER BY id`,
      [tenantId, contactId],
      (row) => text(row, 'id'),
    );
  }

  /** Each member's conversations with status `open`, in one grouped query; members with none are left out. */
  async countOpenByAssignee(tenantId: string, userIds: readonly string[]): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.sql.query(
      `SELECT assignee_id, count(*)::int AS n FROM conversations
       WHERE tenant_id = $1 AND status = 'open' AND assignee_id = ANY($2::uuid[])
       GROUP BY assignee_id`,
      [tenantId, userIds],
      (row) => [text(row, 'assignee_id'), int(row, 'n')] as const,
    );
    return new Map(rows);
  }

  async countOpen(tenantId: string): Promise<ConversationCounts> {
    const [counts] = await this.sql.query(
      `SELECT count(*)::int AS open, count(*) FILTER (WHERE assignee_id IS NULL)::int AS unassigned
       FROM conversations
       WHERE tenant_id = $1 AND status = 'open'`,
      [tenantId],
      (row) => ({ open: int(row, 'open'), unassigned: int(row, 'unassigned') }),
    );
    return counts!;
  }

  createNote(
    values: Pick<ConversationNote, 'tenantId' | 'conversationId' | 'authorUserId' | 'body'>,
  ): Promise<ConversationNote> {
    return this.notes.save(values);
  }

  /** A note written by automation; a second call with the same key adds nothing and answers null. */
  async createNoteOnce(
    values: Pick<ConversationNote, 'tenantId' | 'conversationId' | 'body'>,
    idempotencyKey: string,
  ): Promise<ConversationNote | null> {
    const [note] = await this.sql.query(
      `INSERT INTO conversation_notes (tenant_id, conversation_id, author_user_id, body, idempotency_key)
       VALUES ($1, $2, NULL, $3, $4)
       ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
       RETURNING id, tenant_id, conversation_id, author_user_id, body, created_at`,
      [values.tenantId, values.conversationId, values.body, idempotencyKey],
      (row): ConversationNote => ({
        id: text(row, 'id'),
        tenantId: text(row, 'tenant_id'),
        conversationId: text(row, 'conversation_id'),
        authorUserId: null,
        body: text(row, 'body'),
        createdAt: timestamp(row, 'created_at'),
      }),
    );
    return note ?? null;
  }

  listNotesPage(
    tenantId: string,
    conversationId: string,
    after: KeysetPosition | null,
    take: number,
  ): Promise<ConversationNote[]> {
    return this.notes.select('n', tenantId, (qb) => {
      qb.andWhere('n.conversation_id = :conversationId', { conversationId })
        .orderBy('n.created_at', 'DESC')
        .addOrderBy('n.id', 'DESC')
        .take(take);
      if (after) qb.andWhere('(n.created_at, n.id) < (:createdAt, :id)', after);
      return qb.getMany();
    });
  }
}

const keyOf = (t: ThreadKey): string => threadKey(t.contactId, t.whatsappAccountId);
