import { Injectable } from '@nestjs/common';
import { type LimitName, type LimitValues } from '@aerostic/shared';
import { PlansService } from '../billing/plans.service';
import { SubscriptionsService } from '../billing/subscriptions.service';
import { Transactions } from '../database/sql';
import { effectiveLimits } from './effective-limits';
import { type LimitSettings, LimitRepository } from './limit.repository';
import { LimitReachedError } from './limits.errors';

/** A tenant's limits: what is stored, its plan's quotas (null without a subscription) and what applies. */
export interface TenantLimits extends LimitSettings {
  plan: { planId: string; quotas: Partial<LimitValues> } | null;
  effective: LimitValues;
}

/**
 * Quotas: the platform defaults, each tenant's overrides, and the one check every limited action calls. The module
 * that owns what a limit counts says how much is used; this module decides and refuses.
 */
@Injectable()
export class LimitsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly limits: LimitRepository,
    private readonly subscriptions: SubscriptionsService,
    private readonly plans: PlansService,
  ) {}

  defaults(): Promise<LimitValues> {
    return this.limits.findDefaults();
  }

  async forTenant(tenantId: string): Promise<TenantLimits> {
    // One after the other: inside a limit check's transaction both share one connection.
    const settings = await this.limits.findSettings(tenantId);
    const plan = await this.subscriptions.planQuotas(tenantId);
    return {
      ...settings,
      plan,
      effective: effectiveLimits(settings.defaults, plan?.quotas ?? null, settings.overrides),
    };
  }

  /** The limits that would apply to the tenant on a plan with `quotas`, its overrides kept: what a downgrade checks. */
  async onPlan(tenantId: string, quotas: Partial<LimitValues>): Promise<LimitValues> {
    const settings = await this.limits.findSettings(tenantId);
    return effectiveLimits(settings.defaults, quotas, settings.overrides);
  }

  /**
   * Refuses with `LimitReachedError` (402) an action that would take the tenant over its limit `name`: `used` is what
   * counts now, `adding` what the action adds. Both are counted under the tenant's lock of this limit, which the
   * surrounding transaction holds until it ends: call this inside the `Transactions.run` that writes, so that two
   * concurrent actions at the limit cannot both pass. Nothing is counted or locked while the limit is unlimited. The
   * refusal names the smallest active plan whose quota fits (see `PlansService.upgradeFor`).
   */
  assertWithin(
    tenantId: string,
    name: LimitName,
    used: () => Promise<number>,
    adding: number | (() => Promise<number>) = 1,
  ): Promise<void> {
    return this.transactions.run(async () => {
      const limits = await this.forTenant(tenantId);
      const max = limits.effective[name];
      if (max === null) return;
      await this.limits.lockUsage(tenantId, name);
      const now = await used();
      const added = typeof adding === 'number' ? adding : await adding();
      if (added > 0 && now + added > max) {
        // An override holds whatever the plan: no plan is a way out of it.
        const upgrade =
          name in limits.overrides ? null : await this.plans.upgradeFor(name, now + added, limits.plan?.planId ?? null);
        throw new LimitReachedError(name, max, now, added, upgrade);
      }
    });
  }

  /** Inside a transaction: the defaults before and after. Concurrent changes apply one after the other. */
  async replaceDefaults(values: LimitValues): Promise<{ before: LimitValues; after: LimitValues }> {
    const before = await this.limits.findDefaults(true);
    await this.limits.saveDefaults(values);
    return { before, after: await this.limits.findDefaults() };
  }

  /** Inside a transaction that has locked the tenant: its overrides before, then its limits after. */
  async replaceOverrides(
    tenantId: string,
    overrides: Partial<LimitValues>,
  ): Promise<{ before: Partial<LimitValues>; after: TenantLimits }> {
    const { overrides: before } = await this.limits.findSettings(tenantId);
    await this.limits.replaceOverrides(tenantId, overrides);
    return { before, after: await this.forTenant(tenantId) };
  }
}
