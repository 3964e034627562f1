import { Injectable } from '@nestjs/common';
import {
  type AdminTenantDetailDto,
  type AdminTenantsQuery,
  type AdminTenantSummaryDto,
  type Page,
} from '@aerostic/shared';
import { AuditLogsService } from '../../audit-logs/audit-logs.service';
import { type RequestMeta } from '../../common/http/request-meta.decorator';
import { TenantsService } from '../../tenants/tenants.service';
import { LocalSessionChanges } from '../../users/local-session-changes';
import { UsersService } from '../../users/users.service';
import { WhatsAppAccountsService } from '../../whatsapp/whatsapp-accounts.service';
import { type AdminPrincipal } from '../auth/admin-principal';

/** How many of a workspace's latest audit records its detail shows. */
export const RECENT_AUDIT_ENTRIES = 20;

/** Workspaces as the admin panel reads and suspends them; each part comes from the module that owns it. */
@Injectable()
export class AdminTenantsService {
  constructor(
    private readonly tenants: TenantsService,
    private readonly users: UsersService,
    private readonly numbers: WhatsAppAccountsService,
    private readonly auditLogs: AuditLogsService,
    private readonly sessionChanges: LocalSessionChanges,
  ) {}

  list(query: AdminTenantsQuery): Promise<Page<AdminTenantSummaryDto>> {
    return this.tenants.listAcrossTenants(query);
  }

  async findOne(tenantId: string): Promise<AdminTenantDetailDto> {
    const tenant = await this.tenants.findForAdmin(tenantId);
    const [users, numbers, recentAudit] = await Promise.all([
      this.users.listForAdmin(tenant.id),
      this.numbers.listForAdmin(tenant),
      this.auditLogs.listRecentForTenant(tenant.id, RECENT_AUDIT_ENTRIES),
    ]);
    return { ...tenant, users, numbers, recentAudit };
  }

  async suspend(
    admin: AdminPrincipal,
    meta: RequestMeta,
    tenantId: string,
    reason: string,
  ): Promise<AdminTenantSummaryDto> {
    await this.tenants.suspend(admin, meta, tenantId, reason);
    return this.changed(tenantId);
  }

  async reactivate(
    admin: AdminPrincipal,
    meta: RequestMeta,
    tenantId: string,
    reason?: string,
  ): Promise<AdminTenantSummaryDto> {
    await this.tenants.reactivate(admin, meta, tenantId, reason);
    return this.changed(tenantId);
  }

  /** This instance's sessions learn the new status before the answer; the others, from the status trigger. */
  private async changed(tenantId: string): Promise<AdminTenantSummaryDto> {
    this.sessionChanges.tenantChanged(tenantId);
    return this.tenants.findForAdmin(tenantId);
  }
}
