import { Injectable, Logger } from '@nestjs/common';
import {
  type AdminTenantsQuery,
  type AdminTenantSummaryDto,
  type Page,
  type TenantDto,
  type TenantStatus,
  type UpdateTenantInput,
} from '@aerostic/shared';
import { type AdminPrincipal } from '../admin/auth/admin-principal';
import { AuditLogsService } from '../audit-logs/audit-logs.service';
import { SubscriptionsService } from '../billing/subscriptions.service';
import { NotFoundError } from '../common/http/domain-error';
import { type RequestMeta } from '../common/http/request-meta.decorator';
import { decodeCursor, toPage } from '../common/pagination/keyset';
import { type Principal } from '../common/tenant-context/principal';
import { type Tenant } from '../database/entities';
import { Transactions } from '../database/sql';
import { slugify, withSuffix } from './tenant-domain';
import { toAdminTenantSummaryDto, toTenantDto } from './tenant.mapper';
import { type Suspension, TenantRepository } from './tenant.repository';
import { TenantSuspensionFlags } from './tenant-suspension-flags';
import { TenantAlreadySuspendedError, TenantNotSuspendedError } from './tenants.errors';

/** Workspaces: the only module that writes them. */
@Injectable()
export class TenantsService {
  private readonly logger = new Logger(TenantsService.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly tenants: TenantRepository,
    private readonly auditLogs: AuditLogsService,
    private readonly suspensionFlags: TenantSuspensionFlags,
    private readonly subscriptions: SubscriptionsService,
  ) {}

  async findOne(principal: Principal): Promise<TenantDto> {
    const tenant = await this.tenants.findById(principal.tenantId);
    if (!tenant) throw new NotFoundError('Workspace');
    return toTenantDto(tenant);
  }

  findById(tenantId: string): Promise<Tenant | null> {
    return this.tenants.findById(tenantId);
  }

  /**
   * A new workspace, its domain made from its name (with a suffix when the name's is taken), on a trial of the plan
   * that offers one (docs/adr/0135); in one transaction, so that no workspace exists without its subscription.
   */
  create(name: string): Promise<Tenant> {
    return this.transactions.run(async () => {
      const slug = slugify(name);
      const domain = (await this.tenants.domainExistsAcrossTenants(slug)) ? withSuffix(slug) : slug;
      const tenant = await this.tenants.create({ name, domain });
      await this.subscriptions.startTrial(tenant.id);
      return tenant;
    });
  }

  /** Inside a transaction: changes to the workspace's members that must see each other queue behind this. */
  lock(tenantId: string): Promise<void> {
    return this.tenants.lock(tenantId);
  }

  async update(principal: Principal, input: UpdateTenantInput, meta: RequestMeta): Promise<TenantDto> {
    const before = await this.findOne(principal);
    const changes = {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.timeZone !== undefined && { timeZone: input.timeZone }),
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

  /** Every workspace of the platform, newest first, for the admin panel. */
  async listAcrossTenants(query: AdminTenantsQuery): Promise<Page<AdminTenantSummaryDto>> {
    const rows = await this.tenants.listSummariesAcrossTenants(
      { search: query.search || undefined, status: query.status },
      decodeCursor(query.cursor),
      query.limit + 1,
    );
    return toPage(rows, query.limit, toAdminTenantSummaryDto);
  }

  async findForAdmin(tenantId: string): Promise<AdminTenantSummaryDto> {
    const row = await this.tenants.findSummaryAcrossTenants(tenantId);
    if (!row) throw new NotFoundError('Workspace');
    return toAdminTenantSummaryDto(row);
  }

  countByStatusAndPlanAcrossTenants(): Promise<{ status: TenantStatus; plan: string; count: number }[]> {
    return this.tenants.countByStatusAndPlanAcrossTenants();
  }

  countCreatedByDayAcrossTenants(start: Date): Promise<{ date: string; count: number }[]> {
    return this.tenants.countCreatedByDayAcrossTenants(start);
  }

  /**
   * Suspends a workspace: its members are refused and their sockets closed once this commits (the status trigger
   * announces it), and its queued sends fail in the message-worker (docs/adr/0107). A second suspension is refused.
   */
  async suspend(admin: AdminPrincipal, meta: RequestMeta, tenantId: string, reason: string): Promise<void> {
    await this.changeSuspension(tenantId, (current) => {
      if (current.status === 'suspended') throw new TenantAlreadySuspendedError(current.suspendedAt);
      return {
        next: { status: 'suspended', suspendedAt: new Date(), suspendedReason: reason },
        audit: () =>
          this.auditLogs.recordByAdmin(admin, meta, 'tenant.suspended', {
            tenantId,
            target: { type: 'tenant', id: tenantId },
            reason,
          }),
      };
    });
  }

  /** Lifts a suspension; the previous suspension stays in the audit log. Reactivating an active workspace is refused. */
  async reactivate(admin: AdminPrincipal, meta: RequestMeta, tenantId: string, reason?: string): Promise<void> {
    await this.changeSuspension(tenantId, (current) => {
      if (current.status !== 'suspended') throw new TenantNotSuspendedError();
      return {
        next: { status: 'active', suspendedAt: null, suspendedReason: null },
        audit: () =>
          this.auditLogs.recordByAdmin(admin, meta, 'tenant.reactivated', {
            tenantId,
            target: { type: 'tenant', id: tenantId },
            metadata: current.suspendedReason ? { suspendedReason: current.suspendedReason } : {},
            reason,
          }),
      };
    });
  }

  /**
   * Sets the message-worker's flag of one workspace from its row, read under the row's lock: every change of the
   * status takes that lock too, so whatever order two of these run in, the last one writes the committed state.
   */
  async syncSuspensionFlag(tenantId: string): Promise<void> {
    await this.transactions.run(async () => {
      const current = await this.tenants.lockSuspension(tenantId);
      await this.suspensionFlags.set(tenantId, current?.status === 'suspended');
    });
  }

  /** Repairs every flag that differs from `tenants.status` (after a crash, a lost notification, a change in SQL). */
  async reconcileSuspensionFlags(): Promise<void> {
    const [suspended, flagged] = await Promise.all([
      this.tenants.listSuspendedIdsAcrossTenants(),
      this.suspensionFlags.members(),
    ]);
    const inDatabase = new Set(suspended);
    const inRedis = new Set(flagged);
    const differing = [...suspended.filter((id) => !inRedis.has(id)), ...flagged.filter((id) => !inDatabase.has(id))];
    for (const tenantId of differing) await this.syncSuspensionFlag(tenantId);
    if (differing.length > 0)
      this.logger.warn({ tenants: differing }, 'Repaired suspension flags of the message-worker');
  }

  /**
   * The row, its audit record and the message-worker's flag change together: the flag is written last inside the
   * transaction, so an unreachable Redis (503) leaves everything as it was. Should the commit fail after the flag was
   * written, the flag is set again from the row; a crash in between is repaired by reconcileSuspensionFlags.
   */
  private async changeSuspension(
    tenantId: string,
    decide: (current: Suspension) => { next: Suspension; audit: () => Promise<void> },
  ): Promise<void> {
    let flagWritten = false;
    try {
      await this.transactions.run(async () => {
        const current = await this.tenants.lockSuspension(tenantId);
        if (!current) throw new NotFoundError('Workspace');
        const { next, audit } = decide(current);
        await this.tenants.setSuspension(tenantId, next);
        await audit();
        await this.suspensionFlags.set(tenantId, next.status === 'suspended');
        flagWritten = true;
      });
    } catch (error) {
      if (flagWritten) {
        await this.syncSuspensionFlag(tenantId).catch((err: unknown) =>
          this.logger.error({ err, tenantId }, 'Could not set the suspension flag again after a failed commit'),
        );
      }
      throw error;
    }
  }
}
