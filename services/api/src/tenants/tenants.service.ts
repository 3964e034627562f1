import { Injectable } from '@nestjs/common';
import { type TenantDto, type UpdateTenantInput } from '@aerostic/shared';
import { AuditLogsService } from '../audit-logs/audit-logs.service';
import { NotFoundError } from '../common/http/domain-error';
import { type RequestMeta } from '../common/http/request-meta.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { type Tenant } from '../database/entities';
import { Transactions } from '../database/sql';
import { slugify, withSuffix } from './tenant-domain';
import { toTenantDto } from './tenant.mapper';
import { TenantRepository } from './tenant.repository';

/** Workspaces: the only module that writes them. */
@Injectable()
export class TenantsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly tenants: TenantRepository,
    private readonly auditLogs: AuditLogsService,
  ) {}

  async findOne(principal: Principal): Promise<TenantDto> {
    const tenant = await this.tenants.findById(principal.tenantId);
    if (!tenant) throw new NotFoundError('Workspace');
    return toTenantDto(tenant);
  }

  findById(tenantId: string): Promise<Tenant | null> {
    return this.tenants.findById(tenantId);
  }

  /** A new workspace, its domain made from its name (with a suffix when the name's is taken). */
  async create(name: string): Promise<Tenant> {
    const slug = slugify(name);
    const domain = (await this.tenants.domainExistsAcrossTenants(slug)) ? withSuffix(slug) : slug;
    return this.tenants.create({ name, domain });
  }

  /** Inside a transaction: changes to the workspace's members that must see each other queue behind this. */
  lock(tenantId: string): Promise<void> {
    return this.tenants.lock(tenantId);
  }

  async update(principal: Principal, input: UpdateTenantInput, meta: RequestMeta): Promise<TenantDto> {
    const before = await this.findOne(principal);
    const changes = {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.webhookUrl !== undefined && { webhookUrl: input.webhookUrl }),
    };
    await this.transactions.run(async () => {
      await this.tenants.update(principal.tenantId, changes);
      await this.auditLogs.recordBy(principal, meta, 'tenant.settings_changed', {
        target: { type: 'tenant', id: principal.tenantId },
        metadata: {
          changed: Object.keys(changes),
          ...(changes.name !== undefined && { previousName: before.name }),
        },
      });
    });
    return this.findOne(principal);
  }
}
