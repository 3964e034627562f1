import { Injectable } from '@nestjs/common';
import { type TenantDto, type UpdateTenantInput } from '@aerostic/shared';
import { DataSource } from 'typeorm';
import { AuditLogsService } from '../audit-logs/audit-logs.service';
import { NotFoundError } from '../common/http/domain-error';
import { type RequestMeta } from '../common/http/request-meta.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { toTenantDto } from './tenant.mapper';
import { TenantRepository } from './tenant.repository';

@Injectable()
export class TenantsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenants: TenantRepository,
    private readonly auditLogs: AuditLogsService,
  ) {}

  async findOne(principal: Principal): Promise<TenantDto> {
    const tenant = await this.tenants.findById(principal.tenantId);
    if (!tenant) throw new NotFoundError('Workspace');
    return toTenantDto(tenant);
  }

  async update(principal: Principal, input: UpdateTenantInput, meta: RequestMeta): Promise<TenantDto> {
    const before = await this.findOne(principal);
    const changes = {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.webhookUrl !== undefined && { webhookUrl: input.webhookUrl }),
    };
    await this.dataSource.transaction(async (manager) => {
      await this.tenants.update(principal.tenantId, changes, manager);
      await this.auditLogs.record(
        {
          tenantId: principal.tenantId,
          actorUserId: principal.userId,
          action: 'tenant.settings_changed',
          ip: meta.ip,
          target: { type: 'tenant', id: principal.tenantId },
          metadata: {
            changed: Object.keys(changes),
            ...(changes.name !== undefined && { previousName: before.name }),
          },
        },
        manager,
      );
    });
    return this.findOne(principal);
  }
}
