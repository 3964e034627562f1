import { Injectable } from '@nestjs/common';
import { int } from '../database/columns';
import { WhatsAppAccount } from '../database/entities';
import { Sql, type TenantTable } from '../database/sql';

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
>;

export type AccountChanges = Partial<
  Pick<WhatsAppAccount, 'status' | 'tokenStatus' | 'qualityRating' | 'throughputLevel' | 'messagingLimitTier'>
>;

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
    const row = await this.accounts
      .select('a', tenantId)
      .addSelect('a.accessTokenEncrypted')
      .andWhere('a.id = :id', { id })
      .getOne();
    return row as WhatsAppAccountWithSecrets | null;
  }

  async findConnectedByPhoneNumberIdAcrossTenants(phoneNumberId: string): Promise<WhatsAppAccountWithSecrets | null> {
    const row = await this.sql
      .table(WhatsAppAccount)
      .createQueryBuilder('a')
      .addSelect('a.accessTokenEncrypted')
      .where(`a.phone_number_id = :phoneNumberId AND a.status = 'connected'`, { phoneNumberId })
      .getOne();
    return row as WhatsAppAccountWithSecrets | null;
  }

  findConnectedAcrossTenants(where: { wabaId: string } | { displayPhoneNumber: string }): Promise<WhatsAppAccount[]> {
    return this.sql.table(WhatsAppAccount).findBy({ ...where, status: 'connected' });
  }

  countConnectedForWabaAcrossTenants(wabaId: string): Promise<number> {
    return this.sql.table(WhatsAppAccount).countBy({ wabaId, status: 'connected' });
  }

  /** The tenant's connected account of this number, updated, or a new one. */
  async upsertConnected(tenantId: string, values: AccountValues): Promise<WhatsAppAccount> {
    const existing = await this.accounts.findOne({
      tenantId,
      phoneNumberId: values.phoneNumberId,
      status: 'connected',
    });
    return this.accounts.save({ ...existing, ...values, tenantId, status: 'connected', tokenStatus: 'valid' });
  }

  /** Changes a connected account; answers how many changed (0 or 1). */
  update(tenantId: string, id: string, changes: AccountChanges): Promise<number> {
    return this.accounts.update({ tenantId, id, status: 'connected' }, changes);
  }

  /** Changes every connected account of a WABA or a display number, whichever tenants they belong to. */
  async updateConnectedAcrossTenants(
    where: { wabaId: string } | { displayPhoneNumber: string },
    changes: AccountChanges,
  ): Promise<number> {
    return (await this.sql.table(WhatsAppAccount).update({ ...where, status: 'connected' }, changes)).affected ?? 0;
  }
}
