import { Injectable } from '@nestjs/common';
import { type CreatePlanInput, type PlanDto, type UpdatePlanInput } from '@aerostic/shared';
import { AuditLogsService } from '../../audit-logs/audit-logs.service';
import { PlansService } from '../../billing/plans.service';
import { type RequestMeta } from '../../common/http/request-meta.decorator';
import { Transactions } from '../../database/sql';
import { type AdminPrincipal } from '../auth/admin-principal';

/** Plans as super admins edit them, each change audited with the plan before and after. */
@Injectable()
export class AdminPlansService {
  constructor(
    private readonly transactions: Transactions,
    private readonly plans: PlansService,
    private readonly auditLogs: AuditLogsService,
  ) {}

  list(): Promise<PlanDto[]> {
    return this.plans.list(false);
  }

  create(admin: AdminPrincipal, input: CreatePlanInput, meta: RequestMeta): Promise<PlanDto> {
    const { reason, ...fields } = input;
    return this.transactions.run(async () => {
      const plan = await this.plans.create(fields);
      await this.auditLogs.recordByAdmin(admin, meta, 'plan.created', {
        reason,
        target: { type: 'plan', id: plan.id },
        metadata: { after: plan },
      });
      return plan;
    });
  }

  update(admin: AdminPrincipal, id: string, input: UpdatePlanInput, meta: RequestMeta): Promise<PlanDto> {
    const { reason, ...change } = input;
    return this.transactions.run(async () => {
      const { before, after } = await this.plans.update(id, change);
      await this.auditLogs.recordByAdmin(admin, meta, 'plan.updated', {
        reason,
        target: { type: 'plan', id },
        metadata: { before, after },
      });
      return after;
    });
  }
}
