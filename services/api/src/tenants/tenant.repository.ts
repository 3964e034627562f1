import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { Tenant } from '../database/entities';

@Injectable()
export class TenantRepository {
  constructor(@InjectRepository(Tenant) private readonly repo: Repository<Tenant>) {}

  findById(tenantId: string): Promise<Tenant | null> {
    return this.repo.findOneBy({ id: tenantId });
  }

  async domainExists(domain: string, manager: EntityManager): Promise<boolean> {
    return (await manager.countBy(Tenant, { domain })) > 0;
  }

  create(values: Pick<Tenant, 'name' | 'domain'>, manager: EntityManager): Promise<Tenant> {
    return manager.save(manager.create(Tenant, { ...values, status: 'active', webhookUrl: null }));
  }

  async update(
    tenantId: string,
    changes: Partial<Pick<Tenant, 'name' | 'webhookUrl'>>,
    manager: EntityManager,
  ): Promise<void> {
    await manager.update(Tenant, { id: tenantId }, changes);
  }
}
