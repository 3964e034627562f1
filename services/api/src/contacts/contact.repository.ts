import { Injectable } from '@nestjs/common';
import { CONTACT_LIMITS, type ContactFilter } from '@aerostic/shared';
import { bool, int, text } from '../database/columns';
import { type KeysetPosition } from '../common/pagination/keyset';
import { Contact } from '../database/entities';
import { lookup, searchPage } from '../database/search-page';
import { compareKeys, SqlParams } from '../database/sql-text';
import { Sql, type TenantTable } from '../database/sql';
import { type ImportRow } from './contact-csv';
import { contactSearch } from './contact-search';
import { decodeContact } from './contact.row';

export type ContactValues = Pick<Contact, 'waId' | 'name' | 'tags' | 'attributes' | 'optedOut'>;
export type ContactChanges = Partial<Pick<Contact, 'name' | 'tags' | 'attributes' | 'optedOut'>>;

/** What one import batch did to each number it saved; numbers missing from it were not saved. */
export interface UpsertOutcome {
  id: string;
  waId: string;
  inserted: boolean;
}

/** The sender of an inbound message, as the webhook names them. */
export interface InboundSender {
  tenantId: string;
  waId: string;
  /** The WhatsApp profile name the message came with, if any. */
  profileName: string | null;
}

export const senderKey = (tenantId: string, waId: string): string => `${tenantId} ${waId}`;

/** The only writer of `contacts`. */
@Injectable()
export class ContactRepository {
  private readonly contacts: TenantTable<Contact>;

  constructor(private readonly sql: Sql) {
    this.contacts = sql.tenantTable(Contact);
  }

  findById(tenantId: string, id: string): Promise<Contact | null> {
    return this.contacts.findOne({ tenantId, id });
  }

  /** What the `contacts` limit counts. */
  count(tenantId: string): Promise<number> {
    return this.contacts.count({ tenantId });
  }

  async existsByWaId(tenantId: string, waId: string): Promise<boolean> {
    return (await this.contacts.count({ tenantId, waId })) > 0;
  }

  /** How many of these numbers the tenant has no contact for yet: what saving them all would add. */
  async countNew(tenantId: string, waIds: readonly string[]): Promise<number> {
    const [count] = await this.sql.query(
      `SELECT count(*)::int AS new FROM unnest($2::text[]) AS n (wa_id)
       WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.tenant_id = $1 AND c.wa_id = n.wa_id)`,
      [tenantId, waIds],
      (row) => int(row, 'new'),
    );
    return count ?? 0;
  }

  /** Null when the tenant already has a contact with this number. */
  async createUnlessExists(tenantId: string, values: ContactValues): Promise<Contact | null> {
    const [contact] = await this.sql.query(
      `INSERT INTO contacts (tenant_id, wa_id, name, tags, attributes, opted_out) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, wa_id) DO NOTHING
       RETURNING *`,
      [tenantId, values.waId, values.name, values.tags, JSON.stringify(values.attributes), values.optedOut],
      decodeContact,
    );
    return contact ?? null;
  }

  /** False when the contact does not exist in this tenant. */
  async update(tenantId: string, id: string, changes: ContactChanges): Promise<boolean> {
    // Keys sent as undefined are not changes.
    const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    if (Object.keys(set).length === 0) return (await this.contacts.count({ tenantId, id })) > 0;
    return (await this.contacts.update({ tenantId, id }, set)) > 0;
  }

  /** The deleted contact's number, or null when it does not exist in this tenant. */
  async delete(tenantId: string, id: string): Promise<string | null> {
    const [waId] = await this.sql.query(
      `DELETE FROM contacts WHERE tenant_id = $1 AND id = $2 RETURNING wa_id`,
      [tenantId, id],
      (row) => text(row, 'wa_id'),
    );
    return waId ?? null;
  }

  /**
   * The contacts of inbound messages' senders, by `senderKey`, created when new; a sender's profile name replaces the
   * stored one when it changed. Senders of any tenants at once (an inbound batch), written in key order so that two
   * writers never lock the same rows in opposite orders. Unchanged contacts are only read.
   */
  async recordSendersAcrossTenants(senders: readonly InboundSender[]): Promise<Map<string, Contact>> {
    const bySender = new Map<string, InboundSender>();
    // The profile name of a contact is the last one given, as it would be after storing the messages in order.
    for (const s of senders) {
      const key = senderKey(s.tenantId, s.waId);
      bySender.set(key, { ...s, profileName: s.profileName ?? bySender.get(key)?.profileName ?? null });
    }
    const input = [...bySender.values()]
      .sort((a, b) => compareKeys(a.tenantId, b.tenantId) || compareKeys(a.waId, b.waId))
      .map((s) => ({ tenant_id: s.tenantId, wa_id: s.waId, profile_name: s.profileName }));
    const rows = await this.sql.prepared(
      'contacts-record-senders',
      `WITH s AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS s(tenant_id uuid, wa_id text, profile_name text)
       ), written AS (
         INSERT INTO contacts AS c (tenant_id, wa_id, profile_name)
         SELECT s.tenant_id, s.wa_id, s.profile_name FROM s
         WHERE NOT EXISTS (
           SELECT 1 FROM contacts k WHERE k.tenant_id = s.tenant_id AND k.wa_id = s.wa_id
             AND k.profile_name IS NOT DISTINCT FROM COALESCE(s.profile_name, k.profile_name)
         )
         ON CONFLICT (tenant_id, wa_id) DO UPDATE
           SET profile_name = COALESCE(EXCLUDED.profile_name, c.profile_name), updated_at = now()
         RETURNING c.*
       )
       SELECT * FROM written
       UNION ALL
       SELECT k.* FROM contacts k JOIN s ON k.tenant_id = s.tenant_id AND k.wa_id = s.wa_id
       WHERE NOT EXISTS (SELECT 1 FROM written w WHERE w.id = k.id)`,
      [JSON.stringify(input)],
      decodeContact,
    );
    return new Map(rows.map((contact) => [senderKey(contact.tenantId, contact.waId), contact]));
  }

  /** Newest first; a search reads the matching contacts first unless they are many (docs/adr/0087). */
  listPage(tenantId: string, filter: ContactFilter, after: KeysetPosition | null, take: number): Promise<Contact[]> {
    const params = new SqlParams();
    const where = this.filtered(tenantId, { tag: filter.tag }, params);
    if (after) where.push(`(c.created_at, c.id) < (${params.add(after.createdAt)}, ${params.add(after.id)})`);
    const inOrder = (alias: string) => `ORDER BY ${alias}.created_at DESC, ${alias}.id DESC LIMIT ${params.add(take)}`;
    if (!filter.search) {
      return this.sql.query(
        `SELECT c.* FROM contacts c WHERE ${where.join(' AND ')} ${inOrder('c')}`,
        params.values,
        decodeContact,
      );
    }
    const search = contactSearch(filter.search, params);
    // In a sub-select the match is a per-row filter that the page-order index serves, never an index condition.
    const dense = (gate: string) =>
      `SELECT c.* FROM contacts c WHERE ${where.join(' AND ')} AND ${gate} AND (SELECT ${search.condition('c')})
       ${inOrder('c')}`;
    // The matches carry their sort keys, so only the page's rows are read again.
    const page = search.indexed
      ? searchPage({
          matched: `SELECT c.id, c.created_at FROM contacts c WHERE ${where.join(' AND ')} AND ${search.condition('c')}`,
          dense,
          sparse: (gate) =>
            `SELECT c.* FROM (SELECT * FROM matched k WHERE ${gate} ${inOrder('k')}) k
             CROSS JOIN LATERAL (${lookup('contacts', 'id', 'k.id')}) c`,
        })
      : dense('true');
    return this.sql.query(
      `SELECT * FROM (${page}) p ORDER BY p.created_at DESC, p.id DESC`,
      params.values,
      decodeContact,
    );
  }

  /** Every custom attribute name used by the filtered contacts, in name order. */
  listAttributeKeys(tenantId: string, filter: ContactFilter): Promise<string[]> {
    const params = new SqlParams();
    const where = this.filtered(tenantId, filter, params);
    return this.sql.query(
      `SELECT DISTINCT jsonb_object_keys(c.attributes) AS key FROM contacts c WHERE ${where.join(' AND ')}
       ORDER BY key`,
      params.values,
      (row) => text(row, 'key'),
    );
  }

  /** The filter's conditions on `c`. */
  private filtered(tenantId: string, filter: ContactFilter, params: SqlParams): string[] {
    const where = [`c.tenant_id = ${params.add(tenantId)}`];
    if (filter.tag) where.push(`c.tags @> ARRAY[${params.add(filter.tag)}]::text[]`);
    if (filter.search) where.push(contactSearch(filter.search, params).condition('c'));
    return where;
  }

  /**
   * Saves a batch of import rows in one statement. An existing contact keeps what a row leaves empty: tags and
   * attributes merge, a known profile name stays, `optedOut: 'keep'` (no opted_out column) leaves the flag alone.
   * A contact that would go over the tag or attribute limits is left unchanged and is missing from the answer.
   */
  async upsertImportBatch(
    tenantId: string,
    rows: ImportRow[],
    optedOut: 'from-row' | 'keep',
  ): Promise<UpsertOutcome[]> {
    const input = rows.map((r) => ({
      wa_id: r.waId,
      name: r.name,
      profile_name: r.profileName,
      tags: r.tags,
      attributes: r.attributes,
      opted_out: r.optedOut ?? false,
    }));
    return this.sql.query(
      `INSERT INTO contacts AS c (tenant_id, wa_id, name, profile_name, tags, attributes, opted_out)
       SELECT $1::uuid, r.wa_id, r.name, r.profile_name, r.tags, r.attributes, r.opted_out
       FROM jsonb_to_recordset($2::jsonb)
         AS r (wa_id text, name text, profile_name text, tags text[], attributes jsonb, opted_out boolean)
       ON CONFLICT (tenant_id, wa_id) DO UPDATE SET
         name = COALESCE(EXCLUDED.name, c.name),
         profile_name = COALESCE(c.profile_name, EXCLUDED.profile_name),
         tags = ARRAY(
           SELECT t FROM unnest(c.tags || EXCLUDED.tags) WITH ORDINALITY AS u (t, n) GROUP BY t ORDER BY min(n)
         ),
         attributes = c.attributes || EXCLUDED.attributes,
         opted_out = ${optedOut === 'keep' ? 'c.opted_out' : 'EXCLUDED.opted_out'},
         updated_at = now()
       WHERE (SELECT count(DISTINCT t) FROM unnest(c.tags || EXCLUDED.tags) AS t) <= $3
         AND (SELECT count(*) FROM jsonb_object_keys(c.attributes || EXCLUDED.attributes)) <= $4
       RETURNING c.id, c.wa_id, (c.xmax = 0) AS inserted`,
      [tenantId, JSON.stringify(input), CONTACT_LIMITS.tagsMax, CONTACT_LIMITS.attributesMax],
      (row) => ({ id: text(row, 'id'), waId: text(row, 'wa_id'), inserted: bool(row, 'inserted') }),
    );
  }
}
