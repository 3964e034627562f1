import { Injectable } from '@nestjs/common';
import { Tenant } from '../database/entities';
import { Sql } from '../database/sql';

/** The only writer of `tenants`. A tenant's own row is found by its id, which is the tenant id. */
@Injectable()
export class TenantRepository {
  constructor(private readonly sql: Sql) {}

  findById(tenantId: string): Promise<Tenant | null> {
    return this.sql.table(Tenant).findOneBy({ id: tenantId });
  }

  /** Domains are unique on the platform. */
  async domainExistsAcrossTenants(domain: string): Promise<boolean> {
    return (await this.sql.table(Tenant).countBy({ domain })) > 0;
  }

  create(values: Pick<Tenant, 'name' | 'domain'>): Promise<Tenant> {
    const table = this.sql.table(Tenant);
    return table.save(table.create({ ...values, status: 'active', webhookUrl: null }));
  }

  async update(tenantId: string, changes: Partial<Pick<Tenant, 'name' | 'webhookUrl'>>): Promise<void> {
    await this.sql.table(Tenant).update({ id: tenantId }, changes);
  }

  /** Locks the tenant's row until the transaction ends: changes that must see each other queue behind it. */
  async lock(tenantId: string): Promise<void> {
    await this.sql.execute(`SELECT 1 FROM tenants WHERE id = $1 FOR UPDATE`, [tenantId]);
  }
}
