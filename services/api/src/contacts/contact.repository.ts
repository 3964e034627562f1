import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CONTACT_LIMITS, type ContactFilter } from '@aerostic/shared';
import { type EntityManager, Repository, type SelectQueryBuilder } from 'typeorm';
import { type KeysetPosition } from '../common/pagination/keyset';
import { Contact } from '../database/entities';
import { type ImportRow } from './contact-csv';

export type ContactValues = Pick<Contact, 'waId' | 'name' | 'tags' | 'attributes' | 'optedOut'>;
export type ContactChanges = Partial<Pick<Contact, 'name' | 'tags' | 'attributes' | 'optedOut'>>;

/** What one import batch did to each number it saved; numbers missing from it were not saved. */
export interface UpsertOutcome {
  waId: string;
  inserted: boolean;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

@Injectable()
export class ContactRepository {
  constructor(@InjectRepository(Contact) private readonly repo: Repository<Contact>) {}

  findById(tenantId: string, id: string): Promise<Contact | null> {
    return this.repo.findOneBy({ tenantId, id });
  }

  /** Null when the tenant already has a contact with this number. */
  async createUnlessExists(tenantId: string, values: ContactValues): Promise<Contact | null> {
    const result = await this.repo
      .createQueryBuilder()
      .insert()
      .into(Contact)
      .values({ tenantId, ...values })
      .orIgnore()
      .returning('id')
      .execute();
    const id = (result.raw as { id: string }[])[0]?.id;
    return id ? this.findById(tenantId, id) : null;
  }

  /** False when the contact does not exist in this tenant. */
  async update(tenantId: string, id: string, changes: ContactChanges): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update(Contact)
      // Keys sent as undefined are not changes.
      .set(Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)))
      .where('tenant_id = :tenantId AND id = :id', { tenantId, id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** The deleted contact's number, or null when it does not exist in this tenant. */
  async delete(tenantId: string, id: string, manager: EntityManager): Promise<string | null> {
    const result = await manager
      .createQueryBuilder()
      .delete()
      .from(Contact)
      .where('tenant_id = :tenantId AND id = :id', { tenantId, id })
      .returning('wa_id')
      .execute();
    return (result.raw as { wa_id: string }[])[0]?.wa_id ?? null;
  }

  /**
   * The conversation of this contact on this business number, created when there is none yet. Null when the
   * contact or the number is not the tenant's; `disconnected` when a conversation would have to be created on a
   * number that is not connected (an existing one is still returned, with its history).
   */
  async findOrCreateConversation(
    tenantId: string,
    contactId: string,
    whatsappAccountId: string,
  ): Promise<{ id: string } | { missing: 'contact' | 'number' } | { disconnected: true }> {
    const [row] = (await this.repo.manager.query(
      `WITH ct AS (SELECT id FROM contacts WHERE tenant_id = $1 AND id = $2),
            wa AS (SELECT id, status FROM whatsapp_accounts WHERE tenant_id = $1 AND id = $3),
            existing AS (
              SELECT cv.id FROM conversations cv, ct, wa WHERE cv.contact_id = ct.id AND cv.whatsapp_account_id = wa.id
            ),
            created AS (
              INSERT INTO conversations (tenant_id, contact_id, whatsapp_account_id)
              SELECT $1, ct.id, wa.id FROM ct, wa WHERE wa.status = 'connected' AND NOT EXISTS (SELECT 1 FROM existing)
              -- Another request (or the customer's first message) created it meanwhile: answer that one.
              ON CONFLICT (contact_id, whatsapp_account_id) DO UPDATE SET updated_at = conversations.updated_at
              RETURNING id
            )
       SELECT EXISTS (SELECT 1 FROM ct) AS contact_found,
              (SELECT status FROM wa) AS account_status,
              COALESCE((SELECT id FROM existing), (SELECT id FROM created)) AS id`,
      [tenantId, contactId, whatsappAccountId],
    )) as { contact_found: boolean; account_status: string | null; id: string | null }[];
    if (!row?.contact_found) return { missing: 'contact' };
    if (row.account_status === null) return { missing: 'number' };
    if (row.id === null) return { disconnected: true };
    return { id: row.id };
  }

  /** Newest first. */
  listPage(tenantId: string, filter: ContactFilter, after: KeysetPosition | null, take: number): Promise<Contact[]> {
    const qb = this.filtered(tenantId, filter).orderBy('c.created_at', 'DESC').addOrderBy('c.id', 'DESC').take(take);
    if (after) qb.andWhere('(c.created_at, c.id) < (:createdAt, :id)', after);
    return qb.getMany();
  }

  /** Every custom attribute name used by the filtered contacts, in name order. */
  async listAttributeKeys(tenantId: string, filter: ContactFilter): Promise<string[]> {
    const rows = await this.filtered(tenantId, filter)
      .select('DISTINCT jsonb_object_keys(c.attributes)', 'key')
      .orderBy('key', 'ASC')
      .getRawMany<{ key: string }>();
    return rows.map((r) => r.key);
  }

  private filtered(tenantId: string, filter: ContactFilter): SelectQueryBuilder<Contact> {
    const qb = this.repo.createQueryBuilder('c').where('c.tenant_id = :tenantId', { tenantId });
    if (filter.tag) qb.andWhere('c.tags @> ARRAY[:tag]::text[]', { tag: filter.tag });
    if (filter.search) {
      const conditions = ['c.name ILIKE :pattern', 'c.profile_name ILIKE :pattern'];
      // Only a search that looks like a number matches numbers, so "Bob 2" does not match every number with a 2.
      const digits = /^[+\d\s().-]+$/.test(filter.search) ? filter.search.replace(/\D/g, '') : '';
      if (digits !== '') conditions.push('c.wa_id LIKE :digits');
      qb.andWhere(`(${conditions.join(' OR ')})`, {
        pattern: `%${escapeLike(filter.search)}%`,
        digits: `%${digits}%`,
      });
    }
    return qb;
  }

  /**
   * Saves a batch of import rows in one statement. An existing contact keeps what the row leaves empty: tags and
   * attributes are merged, the WhatsApp profile name is only filled in when unknown. `optedOut: 'keep'` leaves
   * the existing flag alone (the rows had no opted_out value). A contact that would go over the tag or attribute
   * limits is left unchanged and is missing from the answer.
   */
  async upsertImportBatch(
    tenantId: string,
    rows: ImportRow[],
    optedOut: 'from-row' | 'keep',
    manager: EntityManager,
  ): Promise<UpsertOutcome[]> {
    const input = rows.map((r) => ({
      wa_id: r.waId,
      name: r.name,
      profile_name: r.profileName,
      tags: r.tags,
      attributes: r.attributes,
      opted_out: r.optedOut ?? false,
    }));
    const result = (await manager.query(
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
       RETURNING c.wa_id, (c.xmax = 0) AS inserted`,
      [tenantId, JSON.stringify(input), CONTACT_LIMITS.tagsMax, CONTACT_LIMITS.attributesMax],
    )) as { wa_id: string; inserted: boolean }[];
    return result.map((r) => ({ waId: r.wa_id, inserted: r.inserted }));
  }
}
