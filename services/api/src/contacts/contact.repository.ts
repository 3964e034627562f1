import { Injectable } from '@nestjs/common';
import {
  CONTACT_LIMITS,
  type ContactFilter,
  MARKETING_CONSENTS,
  type MarketingConsent,
  type MarketingConsentSource,
} from '@aerostic/shared';
import { bool, int, oneOf, text, textOrNull } from '../database/columns';
import { type KeysetPosition } from '../common/pagination/keyset';
import { Contact } from '../database/entities';
import { lookup, searchPage } from '../database/search-page';
import { compareKeys, SqlParams } from '../database/sql-text';
import { Sql, type TenantTable } from '../database/sql';
import { type ImportRow } from './contact-csv';
import { contactSearch } from './contact-search';
import { decodeContact } from './contact.row';
import { type IdentityValues } from './sender-identity';

export type ContactValues = Pick<Contact, 'name' | 'tags' | 'attributes' | 'marketingConsent'> & { waId: string };
export type ContactChanges = Partial<Pick<Contact, 'name' | 'tags' | 'attributes'>>;

/** A customer's marketing preference as a `user_preferences` webhook names them: by number, user id, or both. */
export interface MarketingPreference {
  tenantId: string;
  waId: string | null;
  userId: string | null;
  consent: MarketingConsent;
  /** Meta's time of the customer's choice. */
  at: Date;
}

/** What one import batch did to each number it saved; numbers missing from it were not saved. */
export interface UpsertOutcome {
  id: string;
  waId: string;
  inserted: boolean;
}

/** The columns an identity change or a merge may set, by entity field. */
const IDENTITY_COLUMNS = {
  waId: 'wa_id',
  userId: 'user_id',
  parentUserId: 'parent_user_id',
  username: 'username',
  profileName: 'profile_name',
  name: 'name',
  tags: 'tags',
  attributes: 'attributes',
  marketingConsent: 'marketing_consent',
  marketingConsentAt: 'marketing_consent_at',
  marketingConsentSource: 'marketing_consent_source',
} as const;

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

  /** Null when the tenant already has a contact with this number. A consent other than `unknown` is `source`'s, now. */
  async createUnlessExists(
    tenantId: string,
    values: ContactValues,
    source: MarketingConsentSource,
  ): Promise<Contact | null> {
    const [contact] = await this.sql.query(
      `INSERT INTO contacts (tenant_id, wa_id, name, tags, attributes, marketing_consent, marketing_consent_at,
         marketing_consent_source)
       VALUES ($1, $2, $3, $4, $5, $6::text, CASE WHEN $6::text <> 'unknown' THEN now() END,
         CASE WHEN $6::text <> 'unknown' THEN $7 END)
       ON CONFLICT (tenant_id, wa_id) DO NOTHING
       RETURNING *`,
      [
        tenantId,
        values.waId,
        values.name,
        values.tags,
        JSON.stringify(values.attributes),
        values.marketingConsent,
        source,
      ],
      decodeContact,
    );
    return contact ?? null;
  }

  /**
   * Sets a contact's consent as `source`'s, now; answers the consent it had, or null when the contact does not exist
   * in this tenant. The same consent again changes nothing (its time and source stay).
   */
  async setConsent(
    tenantId: string,
    id: string,
    consent: MarketingConsent,
    source: MarketingConsentSource,
  ): Promise<{ previous: MarketingConsent } | null> {
    const [previous] = await this.sql.query(
      `WITH before AS (
         SELECT id, marketing_consent FROM contacts WHERE tenant_id = $1 AND id = $2 FOR UPDATE
       ), changed AS (
         UPDATE contacts c SET marketing_consent = $3, marketing_consent_at = now(), marketing_consent_source = $4,
           updated_at = now()
         FROM before b WHERE c.id = b.id AND c.marketing_consent <> $3
       )
       SELECT marketing_consent FROM before`,
      [tenantId, id, consent, source],
      (row) => oneOf(row, 'marketing_consent', MARKETING_CONSENTS),
    );
    return previous === undefined ? null : { previous };
  }

  /**
   * A customer stopped or resumed marketing on WhatsApp: applied to the tenant's contacts with that number or user id,
   * unless their consent changed later than Meta's time (events arrive out of order); a redelivery changes nothing.
   * Creates no contact. Answers the contacts changed.
   */
  recordMarketingPreference(preference: MarketingPreference): Promise<Contact[]> {
    const { tenantId, waId, userId, consent, at } = preference;
    return this.sql.query(
      `UPDATE contacts SET marketing_consent = $4, marketing_consent_at = $5, marketing_consent_source = 'whatsapp',
         updated_at = now()
       WHERE tenant_id = $1 AND (wa_id = $2 OR user_id = $3)
         AND (marketing_consent_at IS NULL OR marketing_consent_at < $5
              OR (marketing_consent_at = $5 AND marketing_consent <> $4))
       RETURNING *`,
      [tenantId, waId, userId, consent, at],
      decodeContact,
    );
  }

  /** False when the contact does not exist in this tenant. */
  async update(tenantId: string, id: string, changes: ContactChanges): Promise<boolean> {
    // Keys sent as undefined are not changes.
    const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    if (Object.keys(set).length === 0) return (await this.contacts.count({ tenantId, id })) > 0;
    return (await this.contacts.update({ tenantId, id }, set)) > 0;
  }

  /**
   * Adds or removes one tag in one statement, so a rule and an agent editing tags at once both count; answers whether
   * the tags changed (false also for a contact that does not exist).
   */
  async changeTag(tenantId: string, id: string, tag: string, add: boolean): Promise<boolean> {
    return (
      (await this.sql.execute(
        add
          ? `UPDATE contacts SET tags = array_append(tags, $3), updated_at = now()
             WHERE tenant_id = $1 AND id = $2 AND NOT ($3 = ANY(tags))`
          : `UPDATE contacts SET tags = array_remove(tags, $3), updated_at = now()
             WHERE tenant_id = $1 AND id = $2 AND $3 = ANY(tags)`,
        [tenantId, id, tag],
      )) > 0
    );
  }

  /** The deleted contact's number and user id, or null when it does not exist in this tenant. */
  async delete(tenantId: string, id: string): Promise<{ waId: string | null; userId: string | null } | null> {
    const [deleted] = await this.sql.query(
      `DELETE FROM contacts WHERE tenant_id = $1 AND id = $2 RETURNING wa_id, user_id`,
      [tenantId, id],
      (row) => ({ waId: textOrNull(row, 'wa_id'), userId: textOrNull(row, 'user_id') }),
    );
    return deleted ?? null;
  }

  /** Every contact of these tenants holding one of their phone numbers or user ids (one statement). */
  findByIdentities(
    identities: readonly { tenantId: string; waIds: readonly string[]; userIds: readonly string[] }[],
  ): Promise<Contact[]> {
    const phones = identities.flatMap((i) => i.waIds.map((waId) => ({ tenant_id: i.tenantId, value: waId })));
    const users = identities.flatMap((i) => i.userIds.map((userId) => ({ tenant_id: i.tenantId, value: userId })));
    return this.sql.prepared(
      'contacts-find-identities',
      `SELECT c.* FROM contacts c WHERE c.id IN (
         SELECT k.id FROM jsonb_to_recordset($1::jsonb) AS p(tenant_id uuid, value text)
           JOIN contacts k ON k.tenant_id = p.tenant_id AND k.wa_id = p.value
         UNION
         SELECT k.id FROM jsonb_to_recordset($2::jsonb) AS u(tenant_id uuid, value text)
           JOIN contacts k ON k.tenant_id = u.tenant_id AND k.user_id = u.value
       )`,
      [JSON.stringify(phones), JSON.stringify(users)],
      decodeContact,
    );
  }

  /**
   * Serialises the identity writes of these tenants until the transaction ends (docs/adr/0113): two batches never
   * create, change or merge one customer's contacts at once. Taken in tenant order, so two writers cannot deadlock.
   */
  async lockIdentities(tenantIds: readonly string[]): Promise<void> {
    const sorted = [...new Set(tenantIds)].sort(compareKeys);
    for (const tenantId of sorted) {
      await this.sql.query(
        `SELECT pg_advisory_xact_lock(hashtextextended('contacts-identity:' || $1::text, 0))`,
        [tenantId],
        () => null,
      );
    }
  }

  /**
   * Customers who wrote first, in the order given; one whose number or user id a contact holds already (another
   * writer made it) is left out of the answer.
   */
  insertIdentities(rows: readonly { tenantId: string; values: IdentityValues }[]): Promise<Contact[]> {
    if (rows.length === 0) return Promise.resolve([]);
    const input = rows.map(({ tenantId, values }) => ({
      tenant_id: tenantId,
      wa_id: values.waId ?? null,
      user_id: values.userId ?? null,
      parent_user_id: values.parentUserId ?? null,
      username: values.username ?? null,
      profile_name: values.profileName ?? null,
    }));
    return this.sql.prepared(
      'contacts-insert-identities',
      `INSERT INTO contacts (tenant_id, wa_id, user_id, parent_user_id, username, profile_name)
       SELECT r.tenant_id, r.wa_id, r.user_id, r.parent_user_id, r.username, r.profile_name
       FROM jsonb_to_recordset($1::jsonb) AS r (tenant_id uuid, wa_id text, user_id text, parent_user_id text,
         username text, profile_name text)
       ON CONFLICT DO NOTHING
       RETURNING *`,
      [JSON.stringify(input)],
      decodeContact,
    );
  }

  /** Sets these fields of a contact; null when it no longer exists. */
  async updateFields(tenantId: string, id: string, changes: Partial<Contact>): Promise<Contact | null> {
    const params = new SqlParams();
    const set = Object.entries(changes).map(([key, value]) => {
      const column = IDENTITY_COLUMNS[key as keyof typeof IDENTITY_COLUMNS];
      if (!column) throw new Error(`contacts.${key} is not set by identity changes`);
      const encoded = key === 'attributes' ? JSON.stringify(value) : value;
      return `${column} = ${params.add(encoded)}`;
    });
    const [contact] = await this.sql.query(
      `UPDATE contacts SET ${[...set, 'updated_at = now()'].join(', ')}
       WHERE tenant_id = ${params.add(tenantId)} AND id = ${params.add(id)}
       RETURNING *`,
      params.values,
      decodeContact,
    );
    return contact ?? null;
  }

  /** Deletes contacts merged into another, once their conversations moved. */
  async deleteMerged(tenantId: string, ids: readonly string[]): Promise<void> {
    await this.sql.execute(`DELETE FROM contacts WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, ids]);
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
    // The matches carry their sort keys, so only the page's rows are read again. Through contacts_search, whose
    // trigram index row-level security on contacts would keep from ILIKE (docs/adr/0203).
    const page = search.indexed
      ? searchPage({
          matched: `SELECT c.id, c.created_at FROM contacts_search c WHERE ${where.join(' AND ')} AND ${search.condition('c')}`,
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
    // Through contacts_search, where the GIN indexes serve @> and ILIKE; row-level security on contacts would keep
    // them from these operators, which PostgreSQL does not mark leakproof (docs/adr/0203).
    const matching: string[] = [];
    if (filter.tag) matching.push(`s.tags @> ARRAY[${params.add(filter.tag)}]::text[]`);
    if (filter.search) matching.push(contactSearch(filter.search, params).condition('s'));
    if (matching.length > 0) {
      where.push(
        `c.id IN (SELECT s.id FROM contacts_search s WHERE s.tenant_id = c.tenant_id AND ${matching.join(' AND ')})`,
      );
    }
    return where;
  }

  /**
   * Saves a batch of import rows in one statement. An existing contact keeps what a row leaves empty: tags and
   * attributes merge, a known profile name stays, a row without a consent keeps the contact's; a changed consent is
   * the import's, now. A contact that would go over the tag or attribute limits is left unchanged and is missing
   * from the answer.
   */
  async upsertImportBatch(tenantId: string, rows: ImportRow[]): Promise<UpsertOutcome[]> {
    const input = rows.map((r) => ({
      wa_id: r.waId,
      name: r.name,
      profile_name: r.profileName,
      tags: r.tags,
      attributes: r.attributes,
      consent: r.marketingConsent,
    }));
    const given = `CASE WHEN EXCLUDED.marketing_consent_source IS NOT NULL THEN EXCLUDED.marketing_consent END`;
    return this.sql.query(
      `INSERT INTO contacts AS c (tenant_id, wa_id, name, profile_name, tags, attributes, marketing_consent,
         marketing_consent_at, marketing_consent_source)
       SELECT $1::uuid, r.wa_id, r.name, r.profile_name, r.tags, r.attributes, COALESCE(r.consent, 'unknown'),
         CASE WHEN r.consent IS NOT NULL THEN now() END, CASE WHEN r.consent IS NOT NULL THEN 'import' END
       FROM jsonb_to_recordset($2::jsonb)
         AS r (wa_id text, name text, profile_name text, tags text[], attributes jsonb, consent text)
       ON CONFLICT (tenant_id, wa_id) DO UPDATE SET
         name = COALESCE(EXCLUDED.name, c.name),
         profile_name = COALESCE(c.profile_name, EXCLUDED.profile_name),
         tags = ARRAY(
           SELECT t FROM unnest(c.tags || EXCLUDED.tags) WITH ORDINALITY AS u (t, n) GROUP BY t ORDER BY min(n)
         ),
         attributes = c.attributes || EXCLUDED.attributes,
         -- A row without a consent has no source: the contact's stays.
         marketing_consent = COALESCE(${given}, c.marketing_consent),
         marketing_consent_at = CASE WHEN ${given} <> c.marketing_consent THEN now() ELSE c.marketing_consent_at END,
         marketing_consent_source = CASE WHEN ${given} <> c.marketing_consent THEN 'import'
           ELSE c.marketing_consent_source END,
         updated_at = now()
       WHERE (SELECT count(DISTINCT t) FROM unnest(c.tags || EXCLUDED.tags) AS t) <= $3
         AND (SELECT count(*) FROM jsonb_object_keys(c.attributes || EXCLUDED.attributes)) <= $4
       RETURNING c.id, c.wa_id, (c.xmax = 0) AS inserted`,
      [tenantId, JSON.stringify(input), CONTACT_LIMITS.tagsMax, CONTACT_LIMITS.attributesMax],
      (row) => ({ id: text(row, 'id'), waId: text(row, 'wa_id'), inserted: bool(row, 'inserted') }),
    );
  }
}
