import { Injectable } from '@nestjs/common';
import {
  BILLING_CURRENCIES,
  type BillingCurrency,
  type ChangePlanInput,
  type PlanChangeResultDto,
  type PlanLimitExcess,
  type SubscriptionDto,
} from '@aerostic/shared';
import { AuditLogsService } from '../audit-logs/audit-logs.service';
import { Clock } from '../common/clock/clock';
import { NotFoundError } from '../common/http/domain-error';
import { type RequestMeta } from '../common/http/request-meta.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { ContactsService } from '../contacts/contacts.service';
import { Transactions } from '../database/sql';
import { LimitsService } from '../limits/limits.service';
import { UserAccountsService } from '../users/user-accounts.service';
import { WhatsAppAccountsService } from '../whatsapp/whatsapp-accounts.service';
import { BillingAdjustmentRepository } from './billing-adjustment.repository';
import { addMonth, monthlyPrice, prorationMinor } from './billing-periods';
import { InvalidPlanChangeError, NoScheduledChangeError, PlanLimitExceededError } from './billing.errors';
import { PlanRepository, type StoredPlan } from './plan.repository';
import { type Subscription, SubscriptionRepository, type SubscriptionState } from './subscription.repository';
import { SubscriptionsService } from './subscriptions.service';

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * A workspace's admins changing its plan (docs/adr/0133, 0134, 0135): an upgrade now with a proration for the next
 * invoice, a downgrade at the period's end once the workspace fits the smaller plan, a trial ended by the choice.
 */
@Injectable()
export class PlanChangesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly subscriptions: SubscriptionsService,
    private readonly subscriptionRows: SubscriptionRepository,
    private readonly plans: PlanRepository,
    private readonly adjustments: BillingAdjustmentRepository,
    private readonly limits: LimitsService,
    private readonly users: UserAccountsService,
    private readonly numbers: WhatsAppAccountsService,
    private readonly contacts: ContactsService,
    private readonly auditLogs: AuditLogsService,
    private readonly clock: Clock,
  ) {}

  async change(principal: Principal, input: ChangePlanInput, meta: RequestMeta): Promise<PlanChangeResultDto> {
    const { tenantId } = principal;
    await this.subscriptions.get(tenantId);
    return this.transactions.run(async () => {
      const current = (await this.subscriptionRows.find(tenantId, true))!;
      const from = await this.plans.findById(current.planId);
      const to = await this.plans.findById(input.planId);
      if (!from || !to) throw new NotFoundError('Plan');
      const currency = input.currency ?? current.currency;
      const toPrice = this.priceOf(to, currency, current, from);
      const now = this.clock.now();

      let next: SubscriptionState;
      let effect: PlanChangeResultDto['effect'];
      let proration = 0;
      if (current.status === 'trialing') {
        // Choosing a plan ends the trial: the chosen plan's first paid month starts now (docs/adr/0135).
        await this.assertFits(tenantId, to);
        next = {
          ...current,
          planId: to.id,
          status: 'active',
          currency,
          currentPeriodStart: now,
          currentPeriodEnd: addMonth(now),
          trialEndsAt: null,
          scheduledPlanId: null,
        };
        effect = 'immediate';
      } else if (to.id === current.planId) {
        // Only the currency changes, on a free plan (see priceOf): nothing to prorate.
        next = { ...current, currency, scheduledPlanId: null };
        effect = 'immediate';
      } else if (toPrice > (monthlyPrice(from.prices, currency) ?? 0)) {
        proration = prorationMinor(
          monthlyPrice(from.prices, currency) ?? 0,
          toPrice,
          { start: current.currentPeriodStart, end: current.currentPeriodEnd },
          now,
        );
        next = { ...current, planId: to.id, currency, scheduledPlanId: null };
        effect = 'immediate';
        if (proration > 0) {
          await this.adjustments.addProration(tenantId, {
            description: `${from.name} to ${to.name}, ${DAY.format(now)} to ${DAY.format(current.currentPeriodEnd)}`,
            currency,
            amountMinor: proration,
          });
        }
      } else {
        await this.assertFits(tenantId, to);
        next = { ...current, currency, scheduledPlanId: to.id };
        effect = 'scheduled';
      }
      await this.subscriptionRows.update(tenantId, next);
      await this.auditLogs.recordBy(principal, meta, 'billing.plan_changed', {
        target: { type: 'subscription', id: tenantId },
        metadata: {
          from: from.code,
          to: to.code,
          effect,
          currency,
          prorationMinor: proration,
          trial: current.status === 'trialing',
        },
      });
      return { subscription: await this.subscriptions.toDto({ ...next, tenantId }), effect, prorationMinor: proration };
    });
  }

  /** Keeps the current plan: the downgrade scheduled for the period's end is dropped. */
  async cancelScheduled(principal: Principal, meta: RequestMeta): Promise<SubscriptionDto> {
    const { tenantId } = principal;
    await this.subscriptions.get(tenantId);
    return this.transactions.run(async () => {
      const current = (await this.subscriptionRows.find(tenantId, true))!;
      if (!current.scheduledPlanId) throw new NoScheduledChangeError();
      const scheduled = await this.plans.findById(current.scheduledPlanId);
      const next = { ...current, scheduledPlanId: null };
      await this.subscriptionRows.update(tenantId, next);
      await this.auditLogs.recordBy(principal, meta, 'billing.scheduled_change_canceled', {
        target: { type: 'subscription', id: tenantId },
        metadata: { scheduled: scheduled?.code ?? current.scheduledPlanId },
      });
      return this.subscriptions.toDto(next);
    });
  }

  /** The target's monthly price in `currency`, refusing a plan not offered, not sold in it, or the plan itself. */
  private priceOf(to: StoredPlan, currency: BillingCurrency, current: Subscription, from: StoredPlan): number {
    if (!to.active) throw new InvalidPlanChangeError('planId', `${to.name} is no longer offered: choose another plan`);
    const price = monthlyPrice(to.prices, currency);
    if (price === null) {
      const sold = BILLING_CURRENCIES.filter((c) => monthlyPrice(to.prices, c) !== null);
      throw new InvalidPlanChangeError('currency', `${to.name} is not sold in ${currency}: choose ${sold.join(', ')}`);
    }
    // A paid period is paid in its currency: a change of currency waits for a trial or a free plan.
    if (
      currency !== current.currency &&
      current.status !== 'trialing' &&
      (monthlyPrice(from.prices, current.currency) ?? 0) > 0
    ) {
      throw new InvalidPlanChangeError(
        'currency',
        `This workspace pays in ${current.currency}; the currency can change only during a trial or on a free plan`,
      );
    }
    if (to.id === current.planId && currency === current.currency && current.status !== 'trialing') {
      throw new InvalidPlanChangeError(
        'planId',
        current.scheduledPlanId
          ? `The workspace is on ${to.name} already: cancel the scheduled change to keep it`
          : `The workspace is on ${to.name} already`,
      );
    }
    return price;
  }

  /** Refuses (402) a plan the workspace's current agents, numbers or contacts exceed, its overrides kept. */
  private async assertFits(tenantId: string, plan: StoredPlan): Promise<void> {
    const limits = await this.limits.onPlan(tenantId, plan.quotas);
    // One after the other: the plan change's transaction holds one connection.
    const used = {
      agents: await this.users.countSeats(tenantId),
      whatsappNumbers: await this.numbers.countConnected(tenantId),
      contacts: await this.contacts.count(tenantId),
    };
    const exceeded: PlanLimitExcess[] = (['agents', 'whatsappNumbers', 'contacts'] as const).flatMap((name) => {
      const max = limits[name];
      return max !== null && used[name] > max ? [{ name, used: used[name], max }] : [];
    });
    if (exceeded.length > 0)
      throw new PlanLimitExceededError({ id: plan.id, code: plan.code, name: plan.name }, exceeded);
  }
}
