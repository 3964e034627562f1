import { Injectable } from '@nestjs/common';
import {
  type LimitValues,
  type TenantLimitsDto,
  type UpdateLimitDefaultsInput,
  type UpdateTenantLimitsInput,
} from '@aerostic/shared';
import { AuditLogsService } from '../../audit-logs/audit-logs.service';
import { NotFoundError } from '../../common/http/domain-error';
import { type RequestMeta } from '../../common/http/request-meta.decorator';
import { PlansService } from '../../billing/plans.service';
import { CampaignsService } from '../../campaigns/campaigns.service';
import { ContactsService } from '../../contacts/contacts.service';
import { Transactions } from '../../database/sql';
import { LimitsService, type TenantLimits } from '../../limits/limits.service';
import { MessagesService } from '../../messages/messages.service';
import { TenantsService } from '../../tenants/tenants.service';
import { UserAccountsService } from '../../users/user-accounts.service';
import { WhatsAppAccountsService } from '../../whatsapp/whatsapp-accounts.service';
import { type AdminPrincipal } from '../auth/admin-principal';

/**
 * Quotas as platform admins see and set them. Usage is counted by the same calls of the owning modules that the
 * checks make, so the figures shown are the figures that refuse.
 */
@Injectable()
export class AdminLimitsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly limits: LimitsService,
    private readonly tenants: TenantsService,
    private readonly auditLogs: AuditLogsService,
    private readonly users: UserAccountsService,
    private readonly numbers: WhatsAppAccountsService,
    private readonly contacts: ContactsService,
    private readonly messages: MessagesService,
    private readonly campaigns: CampaignsService,
    private readonly plans: PlansService,
  ) {}

  defaults(): Promise<LimitValues> {
    return this.limits.defaults();
  }

  async updateDefaults(
    admin: AdminPrincipal,
    input: UpdateLimitDefaultsInput,
    meta: RequestMeta,
  ): Promise<LimitValues> {
    return this.transactions.run(async () => {
      const { before, after } = await this.limits.replaceDefaults(input.values);
      await this.auditLogs.recordByAdmin(admin, meta, 'limits.defaults_changed', {
        reason: input.reason,
        metadata: { before, after },
      });
      return after;
    });
  }

  async forTenant(tenantId: string): Promise<TenantLimitsDto> {
    await this.assertTenantExists(tenantId);
    return this.toDto(tenantId, await this.limits.forTenant(tenantId));
  }

  async updateForTenant(
    admin: AdminPrincipal,
    tenantId: string,
    input: UpdateTenantLimitsInput,
    meta: RequestMeta,
  ): Promise<TenantLimitsDto> {
    await this.assertTenantExists(tenantId);
    const limits = await this.transactions.run(async () => {
      // Concurrent changes of the same workspace's limits apply one after the other, each audited against the last.
      await this.tenants.lock(tenantId);
      const { before, after } = await this.limits.replaceOverrides(tenantId, input.overrides);
      await this.auditLogs.recordByAdmin(admin, meta, 'tenant.limits_changed', {
        tenantId,
        target: { type: 'tenant', id: tenantId },
        reason: input.reason,
        metadata: { before, after: after.overrides },
      });
      return after;
    });
    return this.toDto(tenantId, limits);
  }

  private async assertTenantExists(tenantId: string): Promise<void> {
    if (!(await this.tenants.findById(tenantId))) throw new NotFoundError('Workspace');
  }

  private async toDto(tenantId: string, limits: TenantLimits): Promise<TenantLimitsDto> {
    const plan = limits.plan && (await this.plans.get(limits.plan.planId));
    const [agents, whatsappNumbers, contacts, month, campaignRecipientsPerMonth] = await Promise.all([
      this.users.countSeats(tenantId),
      this.numbers.countConnected(tenantId),
      this.contacts.count(tenantId),
      this.messages.countThisMonth(tenantId),
      this.campaigns.countRecipientsThisMonth(tenantId),
    ]);
    return {
      tenantId,
      defaults: limits.defaults,
      overrides: limits.overrides,
      plan: plan && limits.plan && { id: plan.id, code: plan.code, name: plan.name, quotas: limits.plan.quotas },
      effective: limits.effective,
      usage: {
        agents,
        whatsappNumbers,
        contacts,
        outboundMessagesPerMonth: month.outbound,
        campaignRecipientsPerMonth,
        aiRepliesPerMonth: month.aiReplies,
      },
    };
  }
}
