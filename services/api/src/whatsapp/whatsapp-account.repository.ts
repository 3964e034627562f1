import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type AdminWhatsAppAccountSort, type QualityFilter, type TokenStatus } from '@aerostic/shared';
import { int, text } from '../database/columns';
import { WhatsAppAccount } from '../database/entities';
import { type Row, Sql, type TenantTable } from '../database/sql';
import { SqlParams } from '../database/sql-text';
import { decodeWhatsAppAccount } from './whatsapp-account.row';

export type WhatsAppAccountWithSecrets = WhatsAppAccount & { accessTokenEncrypted: string };

export type AccountValues = Omit<
  WhatsAppAccount,
  | 'id'
  | 'tenantId'
  | 'createdAt'
  | 'updatedAt'
  | 'status'
  | 'tokenStatus'
  | 'tokenExpiresAt'
  | 'healthCheckedAt'
  | 'healthError'
  | 'metaStatus'
  | 'metaStatusReason'
  | 'metaStatusChangedAt'
>;

/** The columns sealed with the account id as associated data (docs/adr/0170). */
type SealedField = 'accessTokenEncrypted' | 'pinEncrypted';

export type AccountChanges = Partial<
  Pick<WhatsAppAccount, 'status' | 'tokenStatus' | 'qualityRating' | 'throughputLevel' | 'messagingLimitTier'>
>;

/**
 * What an account-level webhook reports. `facts` are written as they come; `status` (with the quality rating it
 * implies) only when Meta changed it no earlier than the stored status, since webhooks arrive out of order.
 */
export interface WebhookHealth {
  facts: Partial<Pick<WhatsAppAccount, 'tokenStatus' | 'throughputLevel' | 'messagingLimitTier'>>;
  status?: {
    metaStatus: string;
    reason: string | null;
    at: Date;
    /** The rating the status implies: RED when FLAGGED; null when it must be read again from Meta. */
    qualityRating?: string | null;
  };
}

/** What connecting a number learned of its token, written with the account (the first health check). */
export type ConnectHealth = Pick<WhatsAppAccount, 'tokenStatus' | 'tokenExpiresAt' | 'healthCheckedAt' | 'healthError'>;

/** What a health check writes: what Meta reported (a missing key keeps the stored value), when, and what went wrong. */
export type HealthChanges = Partial<
  Pick<
    WhatsAppAccount,
    | 'tokenStatus'
    | 'tokenExpiresAt'
    | 'verifiedName'
    | 'qualityRating'
    | 'messagingLimitTier'
    | 'throughputLevel'
    | 'metaStatus'
    | 'metaStatusReason'
    | 'metaStatusChangedAt'
  >
> &
  Pick<WhatsAppAccount, 'healthCheckedAt' | 'healthError'>;

/** A number as platform admins see it: with its workspace's name. */
export interface AdminAccountRow {
  account: WhatsAppAccount;
  tenantName: string;
}

export interface AdminAccountFilter {
  tokenStatus?: TokenStatus;
  quality?: QualityFilter;
  tenantId?: string;
}

export interface AdminAccountOrder {
  sort: AdminWhatsAppAccountSort;
  order: 'asc' | 'desc';
}

/** Where a page ended: the last row's sort key (as PostgreSQL prints it, so no precision is lost) and id. */
export interface AdminAccountPosition {
  sortKey: string;
  id: string;
}

/** Every column but the sealed secrets. */
const ACCOUNT_COLUMNS = [
  'id',
  'tenant_id',
  'waba_id',
  'phone_number_id',
  'display_phone_number',
  'verified_name',
  'quality_rating',
  'throughput_level',
  'messaging_limit_tier',
  'meta_status',
  'meta_status_reason',
  'meta_status_changed_at',
  'status',
  'token_status',
  'token_expires_at',
  'health_checked_at',
  'health_error',
  'created_at',
  'updated_at',
]
  .map((column) => `a.${column}`)
  .join(', ');

/** Numbers (`a`) with their workspace's name, as platform admins see them, and any further columns. */
const adminView = (moreColumns = '') =>
  `SELECT ${ACCOUNT_COLUMNS}, t.name AS tenant_name${moreColumns}
     FROM whatsapp_accounts a JOIN tenants t ON t.id = a.tenant_id`;

const KNOWN_QUALITY = `upper(a.quality_rating) IN ('GREEN', 'YELLOW', 'RED')`;

/**
 * Each sort's key, never null so that keyset pages stay simple: a token that never expires sorts after every expiry,
 * a number never checked before every check, an unrated number before GREEN.
 */
const SORT_KEYS: Record<AdminWhatsAppAccountSort, { expr: string; type: string }> = {
  tenant: { expr: 't.name', type: 'text' },
  tokenExpiresAt: { expr: `COALESCE(a.token_expires_at, 'infinity'::timestamptz)`, type: 'timestamptz' },
  lastCheckedAt: { expr: `COALESCE(a.health_checked_at, '-infinity'::timestamptz)`, type: 'timestamptz' },
  quality: {
    expr: `CASE upper(a.quality_rating) WHEN 'GREEN' THEN 1 WHEN 'YELLOW' THEN 2 WHEN 'RED' THEN 3 ELSE 0 END`,
    type: 'int',
  },
};

function decodeAdminRow(row: Row): AdminAccountRow {
  return { account: decodeWhatsAppAccount(row), tenantName: text(row, 'tenant_name') };
}

/** The only writer of `whatsapp_accounts`. Methods named `…AcrossTenants` serve webhooks, which name only a number. */
@Injectable()
export class WhatsAppAccountRepository {
  private readonly accounts: TenantTable<WhatsAppAccount>;

  constructor(private readonly sql: Sql) {
    this.accounts = sql.tenantTable(WhatsAppAccount);
  }

  listConnected(tenantId: string): Promise<WhatsAppAccount[]> {
    return this.accounts.find({ tenantId, status: 'connected' }, { createdAt: 'ASC', id: 'ASC' });
  }

  countConnected(tenantId: string): Promise<number> {
    return this.accounts.count({ tenantId, status: 'connected' });
  }

  async isConnected(tenantId: string, phoneNumberId: string): Promise<boolean> {
    return (await this.accounts.count({ tenantId, phoneNumberId, status: 'connected' })) > 0;
  }

  findById(tenantId: string, id: string): Promise<WhatsAppAccount | null> {
    return this.accounts.findOne({ tenantId, id });
  }

  /** Connected and disconnected, newest first. */
  listAll(tenantId: string): Promise<WhatsAppAccount[]> {
    return this.accounts.find({ tenantId }, { createdAt: 'DESC', id: 'DESC' });
  }

  /**
   * Connected numbers on the platform, and those of them with a problem: a token Meta refused or will soon refuse,
   * or a quality rating Meta gave that is not GREEN (a number never rated has none).
   */
  async countHealthAcrossTenants(): Promise<{ connected: number; withProblems: number }> {
    const [counts] = await this.sql.query(
      `SELECT count(*)::int AS connected,
              count(*) FILTER (WHERE token_status IN ('invalid', 'expiring') OR quality_rating <> 'GREEN')::int
                AS with_problems
       FROM whatsapp_accounts WHERE status = 'connected'`,
      [],
      (row) => ({ connected: int(row, 'connected'), withProblems: int(row, 'with_problems') }),
    );
    return counts!;
  }

  async findByIdWithToken(tenantId: string, id: string): Promise<WhatsAppAccountWithSecrets | null> {
    const row = await this.accounts.select('a', tenantId, (qb) =>
      qb.addSelect('a.accessTokenEncrypted').andWhere('a.id = :id', { id }).getOne(),
    );
    return row as WhatsAppAccountWithSecrets | null;
  }

  findConnectedByPhoneNumberIdAcrossTenants(phoneNumberId: string): Promise<WhatsAppAccountWithSecrets | null> {
    return this.findConnectedWithTokenWhereAcrossTenants('a.phone_number_id = :phoneNumberId', { phoneNumberId });
  }

  findConnectedAcrossTenants(where: { wabaId: string } | { displayPhoneNumber: string }): Promise<WhatsAppAccount[]> {
    return this.sql.table(WhatsAppAccount, (table) => table.findBy({ ...where, status: 'connected' }));
  }

  countConnectedForWabaAcrossTenants(wabaId: string): Promise<number> {
    return this.sql.table(WhatsAppAccount, (table) => table.countBy({ wabaId, status: 'connected' }));
  }

  /** The tenant's connected account of this number, updated, or a new one. */
  async upsertConnected(
    tenantId: string,
    values: Omit<AccountValues, SealedField>,
    sealFor: (accountId: string) => Pick<AccountValues, SealedField>,
    health: ConnectHealth,
  ): Promise<WhatsAppAccount> {
    const existing = await this.accounts.findOne({
      tenantId,
      phoneNumberId: values.phoneNumberId,
      status: 'connected',
    });
    // The id is known before the row is written: the token and PIN are sealed bound to it.
    const id = existing?.id ?? randomUUID();
    return this.accounts.save({ ...existing, ...values, ...sealFor(id), ...health, id, tenantId, status: 'connected' });
  }

  /** Changes a connected account; answers how many changed (0 or 1). */
  update(tenantId: string, id: string, changes: AccountChanges): Promise<number> {
    return this.accounts.update({ tenantId, id, status: 'connected' }, changes);
  }

  /**
   * Applies an account-level webhook to every connected number of a WABA or display number, whichever tenants they
   * belong to (`WebhookHealth`). Answers the numbers it changed; a redelivered webhook changes none.
   */
  applyWebhookHealthAcrossTenants(
    where: { wabaId: string } | { displayPhoneNumber: string },
    health: WebhookHealth,
  ): Promise<WhatsAppAccount[]> {
    const params = new SqlParams();
    const column = 'wabaId' in where ? 'waba_id' : 'display_phone_number';
    const match = params.add('wabaId' in where ? where.wabaId : where.displayPhoneNumber);
    const set: string[] = [];
    const differs: string[] = [];
    const facts: [string, string | null | undefined][] = [
      ['token_status', health.facts.tokenStatus],
      ['throughput_level', health.facts.throughputLevel],
      ['messaging_limit_tier', health.facts.messagingLimitTier],
    ];
    for (const [name, value] of facts) {
      if (value === undefined || value === null) continue;
      const p = params.add(value);
      set.push(`${name} = ${p}`);
      differs.push(`a.${name} IS DISTINCT FROM ${p}`);
    }
    const { status } = health;
    if (status) {
      const at = params.add(status.at);
      const applies = `(a.meta_status_changed_at IS NULL OR a.meta_status_changed_at <= ${at}::timestamptz)`;
      const guarded: [string, string | null | undefined][] = [
        ['meta_status', status.metaStatus],
        ['meta_status_reason', status.reason],
        ['quality_rating', status.qualityRating],
      ];
      const changes: string[] = [];
      for (const [name, value] of guarded) {
        if (value === undefined) continue;
        const p = `${params.add(value)}::text`;
        set.push(`${name} = CASE WHEN ${applies} THEN ${p} ELSE a.${name} END`);
        changes.push(`a.${name} IS DISTINCT FROM ${p}`);
      }
      set.push(
        `meta_status_changed_at = CASE WHEN ${applies} THEN ${at}::timestamptz ELSE a.meta_status_changed_at END`,
      );
      differs.push(`(${applies} AND (${changes.join(' OR ')}))`);
    }
    if (differs.length === 0) return Promise.resolve([]);
    return this.sql.query(
      `UPDATE whatsapp_accounts a SET ${set.join(', ')}, updated_at = now()
       WHERE a.${column} = ${match} AND a.status = 'connected' AND (${differs.join(' OR ')})
       RETURNING ${ACCOUNT_COLUMNS}`,
      params.values,
      decodeWhatsAppAccount,
    );
  }

  /** A connected number of any tenant, with its sealed token: platform admins name a number by its id alone. */
  findConnectedWithTokenAcrossTenants(id: string): Promise<WhatsAppAccountWithSecrets | null> {
    return this.findConnectedWithTokenWhereAcrossTenants('a.id = :id', { id });
  }

  /** Connected numbers of every tenant after `afterId`, in id order: the daily check walks them page by page. */
  listConnectedIdsAcrossTenants(afterId: string | null, limit: number): Promise<{ id: string; tenantId: string }[]> {
    return this.sql.query(
      `SELECT id, tenant_id FROM whatsapp_accounts
        WHERE status = 'connected' AND ($1::uuid IS NULL OR id > $1::uuid)
        ORDER BY id LIMIT $2`,
      [afterId, limit],
      (row) => ({ id: text(row, 'id'), tenantId: text(row, 'tenant_id') }),
    );
  }

  /**
   * Writes a health check's result, unless the token changed while Meta was asked (a send found it refused, or the
   * number was reconnected with a new one): the fresher verdict stays. Answers whether it was written.
   */
  async recordHealth(
    tenantId: string,
    id: string,
    checked: Pick<WhatsAppAccountWithSecrets, 'tokenStatus' | 'accessTokenEncrypted'>,
    changes: HealthChanges,
  ): Promise<boolean> {
    const { tokenStatus, accessTokenEncrypted } = checked;
    const where = { tenantId, id, status: 'connected' as const, tokenStatus, accessTokenEncrypted };
    return (await this.accounts.update(where, changes)) > 0;
  }

  /** One page of the connected numbers of every tenant, with their workspace's name, filtered and sorted. */
  listAdminPageAcrossTenants(
    filter: AdminAccountFilter,
    order: AdminAccountOrder,
    after: AdminAccountPosition | null,
    limit: number,
  ): Promise<(AdminAccountRow & { sortKey: string })[]> {
    const params = new SqlParams();
    const key = SORT_KEYS[order.sort];
    const where = [`a.status = 'connected'`];
    if (filter.tenantId !== undefined) where.push(`a.tenant_id = ${params.add(filter.tenantId)}`);
    if (filter.tokenStatus !== undefined) where.push(`a.token_status = ${params.add(filter.tokenStatus)}`);
    if (filter.quality === 'UNKNOWN') where.push(`(a.quality_rating IS NULL OR NOT ${KNOWN_QUALITY})`);
    else if (filter.quality !== undefined) where.push(`upper(a.quality_rating) = ${params.add(filter.quality)}`);
    if (after) {
      const beyond = order.order === 'asc' ? '>' : '<';
      where.push(
        `(${key.expr}, a.id) ${beyond} (${params.add(after.sortKey)}::${key.type}, ${params.add(after.id)}::uuid)`,
      );
    }
    const direction = order.order === 'asc' ? 'ASC' : 'DESC';
    // The sort key travels as PostgreSQL prints it, so a cursor keeps a timestamp's microseconds.
    return this.sql.query(
      `${adminView(`, (${key.expr})::text AS sort_key`)}
        WHERE ${where.join(' AND ')}
        ORDER BY ${key.expr} ${direction}, a.id ${direction}
        LIMIT ${params.add(limit)}`,
      params.values,
      (row) => ({ ...decodeAdminRow(row), sortKey: text(row, 'sort_key') }),
    );
  }

  /** A connected number of any tenant, with its workspace's name. */
  async findAdminViewAcrossTenants(id: string): Promise<AdminAccountRow | null> {
    const [row] = await this.sql.query(
      `${adminView()} WHERE a.id = $1 AND a.status = 'connected'`,
      [id],
      decodeAdminRow,
    );
    return row ?? null;
  }

  /** A tenant's connected numbers with the workspace's name, oldest first, for the admin view of one tenant. */
  listAdminView(tenantId: string): Promise<AdminAccountRow[]> {
    return this.sql.query(
      `${adminView()} WHERE a.tenant_id = $1 AND a.status = 'connected' ORDER BY a.created_at, a.id`,
      [tenantId],
      decodeAdminRow,
    );
  }

  private async findConnectedWithTokenWhereAcrossTenants(
    condition: string,
    params: Record<string, string>,
  ): Promise<WhatsAppAccountWithSecrets | null> {
    const row = await this.sql.table(WhatsAppAccount, (table) =>
      table
        .createQueryBuilder('a')
        .addSelect('a.accessTokenEncrypted')
        .where(`${condition} AND a.status = 'connected'`, params)
        .getOne(),
    );
    return row as WhatsAppAccountWithSecrets | null;
  }
}
