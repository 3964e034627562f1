import { Injectable } from '@nestjs/common';
import { LIMIT_NAMES, type LimitName, type LimitValues, type PlanDto } from '@aerostic/shared';
import { NotFoundError } from '../common/http/domain-error';
import { Transactions } from '../database/sql';
import { isUniqueViolation } from '../database/unique-violation';
import { PlanCodeTakenError } from './billing.errors';
import { type PlanFields, PlanRepository, type StoredPlan } from './plan.repository';

/** A plan as the answers show it: a limit its stored quotas do not name is unlimited there. */
export function toPlanDto(plan: StoredPlan): PlanDto {
  const quotas = Object.fromEntries(LIMIT_NAMES.map((name) => [name, plan.quotas[name] ?? null])) as LimitValues;
  return { ...plan, quotas };
}

function fieldsOf(plan: StoredPlan): PlanFields {
  const { code, name, description, prices, trialDays, active, sortOrder } = plan;
  return { code, name, description, quotas: toPlanDto(plan).quotas, prices, trialDays, active, sortOrder };
}

/** The plan that lifts a limit, for the way out of a 402. */
export interface PlanUpgrade {
  planId: string;
  code: string;
  name: string;
  /** The plan's quota for the limit; null: unlimited. */
  max: number | null;
}

/** The plans: what tenants choose from and super admins edit. */
@Injectable()
export class PlansService {
  constructor(
    private readonly transactions: Transactions,
    private readonly plans: PlanRepository,
  ) {}

  /** All plans in their order (the admin panel), or only those offered to tenants. */
  async list(activeOnly: boolean): Promise<PlanDto[]> {
    return (await this.plans.list(activeOnly)).map(toPlanDto);
  }

  async get(id: string): Promise<PlanDto> {
    const plan = await this.plans.findById(id);
    if (!plan) throw new NotFoundError('Plan');
    return toPlanDto(plan);
  }

  /**
   * The first active plan, in the plans' order, whose quota of `name` holds `needed` (null quota: unlimited), other
   * than `exceptPlanId`; null when none does. A plan that does not name the limit says nothing about it: skipped.
   */
  async upgradeFor(name: LimitName, needed: number, exceptPlanId: string | null): Promise<PlanUpgrade | null> {
    const fits = (await this.plans.list(true)).find(
      (plan) =>
        plan.id !== exceptPlanId && name in plan.quotas && (plan.quotas[name] === null || plan.quotas[name]! >= needed),
    );
    return fits ? { planId: fits.id, code: fits.code, name: fits.name, max: fits.quotas[name] ?? null } : null;
  }

  /** Inside a transaction: the new plan. */
  async create(fields: PlanFields): Promise<PlanDto> {
    try {
      return toPlanDto(await this.plans.insert(fields));
    } catch (error) {
      if (isUniqueViolation(error)) throw new PlanCodeTakenError(fields.code);
      throw error;
    }
  }

  /**
   * The plan before and after the change, edits of the same plan applied one after the other. Subscribers keep the
   * plan; its new quotas apply to them at once, its new prices from their next invoice.
   */
  update(id: string, change: Partial<PlanFields>): Promise<{ before: PlanDto; after: PlanDto }> {
    return this.transactions.run(async () => {
      const before = await this.plans.findById(id, true);
      if (!before) throw new NotFoundError('Plan');
      try {
        const after = await this.plans.update(id, { ...fieldsOf(before), ...change });
        return { before: toPlanDto(before), after: toPlanDto(after) };
      } catch (error) {
        if (isUniqueViolation(error)) throw new PlanCodeTakenError(change.code ?? before.code);
        throw error;
      }
    });
  }
}
