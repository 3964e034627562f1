import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { WhatsAppAccount } from '../database/entities';

export type WhatsAppAccountWithSecrets = WhatsAppAccount & { accessTokenEncrypted: string };

@Injectable()
export class WhatsAppAccountRepository {
  constructor(@InjectRepository(WhatsAppAccount) private readonly repo: Repository<WhatsAppAccount>) {}

  listConnected(tenantId: string): Promise<WhatsAppAccount[]> {
    return this.repo.find({ where: { tenantId, status: 'connected' }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findById(tenantId: string, id: string): Promise<WhatsAppAccount | null> {
    return this.repo.findOneBy({ tenantId, id });
  }

  async findByIdWithToken(tenantId: string, id: string): Promise<WhatsAppAccountWithSecrets | null> {
    const row = await this.repo
      .createQueryBuilder('a')
      .addSelect('a.accessTokenEncrypted')
      .where('a.tenant_id = :tenantId AND a.id = :id', { tenantId, id })
      .getOne();
    return row as WhatsAppAccountWithSecrets | null;
  }

  /** Across tenants on purpose: inbound webhooks name only the number. */
  async findConnectedByPhoneNumberId(phoneNumberId: string): Promise<WhatsAppAccountWithSecrets | null> {
    const row = await this.repo
      .createQueryBuilder('a')
      .addSelect('a.accessTokenEncrypted')
      .where(`a.phone_number_id = :phoneNumberId AND a.status = 'connected'`, { phoneNumberId })
      .getOne();
    return row as WhatsAppAccountWithSecrets | null;
  }

  /** Across tenants on purpose: account-level webhooks name only the WABA or the display number. */
  findConnected(where: { wabaId?: string; displayPhoneNumber?: string }): Promise<WhatsAppAccount[]> {
    return this.repo.findBy({ ...where, status: 'connected' });
  }

  countConnectedForWaba(wabaId: string): Promise<number> {
    return this.repo.countBy({ wabaId, status: 'connected' });
  }

  async upsertConnected(
    values: Omit<WhatsAppAccount, 'id' | 'createdAt' | 'updatedAt' | 'status' | 'tokenStatus'>,
    manager: EntityManager,
  ): Promise<WhatsAppAccount> {
    const existing = await manager.findOneBy(WhatsAppAccount, {
      tenantId: values.tenantId,
      phoneNumberId: values.phoneNumberId,
      status: 'connected',
    });
    const row = manager.create(WhatsAppAccount, { ...existing, ...values, status: 'connected', tokenStatus: 'valid' });
    return manager.save(row);
  }

  async update(
    where: { tenantId?: string; id?: string; wabaId?: string; displayPhoneNumber?: string },
    changes: Partial<
      Pick<WhatsAppAccount, 'status' | 'tokenStatus' | 'qualityRating' | 'throughputLevel' | 'messagingLimitTier'>
    >,
  ): Promise<number> {
    const result = await this.repo.update({ ...where, status: 'connected' }, changes);
    return result.affected ?? 0;
  }
}
