import { Injectable, Logger } from '@nestjs/common';
import {
  type BillingCurrency,
  type LimitValues,
  type SubscriptionDto,
  type SubscriptionStatus,
} from '@aerostic/shared';
import { Clock } from '../common/clock/clock';
import { NotFoundError } from '../common/http/domain-error';
import { Transactions } from '../database/sql';
import { addDays, addMonth, monthlyPrice } from './billing-periods';
import { PlanRepository, type StoredPlan } from './plan.repository';
import { toPlanDto } from './plans.service';
import {
  type PaymentMethod,
  type Subscription,
  SubscriptionRepository,
  type SubscriptionState,
} from './subscription.repository';

/** The plan a trial or a canceled subscription falls back to. */
export const FALLBACK_PLAN_CODE = 'free';

/** What ended a period, as `rollToNextPeriod` reports it. */
export type PeriodRollOutcome =
  /** The same plan for another month (also while past due: Stripe's retries decide). */
  | 'renewed'
  /** A scheduled downgrade took effect. */
  | 'downgraded'
  /** The trial ended with a payment method: the trial's plan, paid from now. */
  | 'trial_converted'
  /** The trial ended without a payment method: Free. */
  | 'trial_fell_back'
  /** The subscription was canceled (Stripe): Free from the period's end. */
  | 'canceled_fell_back';

export interface PeriodRoll {
  outcome: PeriodRollOutcome;
  /** The period that ended, on the plan, currency and status it had: what its invoice bills. */
  ended: {
    planId: string;
    currency: BillingCurrency;
    status: SubscriptionStatus;
    start: Date;
    end: Date;
  };
  /** The subscription in its new period. */
  subscription: SubscriptionDto;
}

/** What Stripe's webhooks (or a super admin's bank-transfer setting) change on a subscription. */
export interface SubscriptionBillingChange {
  /** `active` on a trialing subscription ends the trial: a paid period starts now (docs/adr/0135). */
  status?: Exclude<SubscriptionStatus, 'trialing'>;
  paymentMethod?: PaymentMethod | null;
  stripeCustomerId?: string | null;
  stripeSubscriptionId?: string | null;
  /** A paid plan chosen at checkout: it applies at once, without proration (the next invoice bills it whole). */
  planId?: string;
  currency?: BillingCurrency;
}

/**
 * Each workspace's subscription: its plan, status and current period. The only module that writes it; the invoices
 * module reads it here and moves it with `rollToNextPeriod` and `updateBilling`.
 */
@Injectable()
export class SubscriptionsService {
  private readonly logger = new Logger(SubscriptionsService.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly subscriptions: SubscriptionRepository,
    private readonly plans: PlanRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * A new workspace's subscription: a trial of the first active plan with trial days (Growth, 14 days, as seeded),
   * in USD, its period the trial; Free when no plan offers a trial. Does nothing when the workspace has one already.
   */
  async startTrial(tenantId: string): Promise<void> {
    const now = this.clock.now();
    const trial = await this.plans.findTrialPlan();
    if (trial) {
      const end = addDays(now, trial.trialDays);
      await this.subscriptions.insert(tenantId, {
        ...NO_PAYMENT,
        planId: trial.id,
        status: 'trialing',
        currency: 'USD',
        currentPeriodStart: now,
        currentPeriodEnd: end,
        trialEndsAt: end,
        scheduledPlanId: null,
      });
      return;
    }
    await this.startOnFallback(tenantId, now);
  }

  /**
   * The workspace's subscription. A workspace without one (created before plans, or by plain SQL) is put on Free
   * for the current calendar month (UTC) first, as the plans migration did for existing workspaces.
   */
  async get(tenantId: string): Promise<SubscriptionDto> {
    const found = await this.subscriptions.find(tenantId);
    if (found) return this.toDto(found);
    const now = this.clock.now();
    await this.startOnFallback(tenantId, new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)));
    const created = await this.subscriptions.find(tenantId);
    if (!created) throw new NotFoundError('Subscription');
    return this.toDto(created);
  }

  /** The stored subscription, or null when the workspace has none (its limits then follow the platform defaults). */
  find(tenantId: string, lock = false): Promise<Subscription | null> {
    return this.subscriptions.find(tenantId, lock);
  }

  /** The quotas of the workspace's plan, for its limits; null without a subscription. */
  planQuotas(tenantId: string): Promise<{ planId: string; quotas: Partial<LimitValues> } | null> {
    return this.subscriptions.findPlanQuotas(tenantId);
  }

  /**
   * Rolls to the next month at the period's end, or at `at` (an "invoice now", a checkout), applying a scheduled
   * downgrade or a trial's end (docs/adr/0135, 0137); null when the period has not ended, so a retried job rolls once.
   * Joins the caller's transaction, where the invoice that bills the period commits with its roll.
   */
  rollToNextPeriod(tenantId: string, at?: Date): Promise<PeriodRoll | null> {
    return this.transactions.run(async () => {
      const current = await this.subscriptions.find(tenantId, true);
      if (!current) return null;
      if (!at && current.currentPeriodEnd.getTime() > this.clock.now().getTime()) return null;
      if (at && (at <= current.currentPeriodStart || at > current.currentPeriodEnd)) return null;
      const start = at ?? current.currentPeriodEnd;
      const next: SubscriptionState = {
        ...current,
        status: current.status === 'past_due' ? 'past_due' : 'active',
        currentPeriodStart: start,
        currentPeriodEnd: addMonth(start),
        trialEndsAt: null,
        scheduledPlanId: null,
      };
      let outcome: PeriodRollOutcome = 'renewed';
      if (current.status === 'trialing') {
        outcome = current.paymentMethod ? 'trial_converted' : 'trial_fell_back';
      } else if (current.status === 'canceled') {
        outcome = 'canceled_fell_back';
      } else if (current.scheduledPlanId) {
        outcome = 'downgraded';
        next.planId = current.scheduledPlanId;
      }
      if (outcome === 'trial_fell_back' || outcome === 'canceled_fell_back') {
        const fallback = await this.plans.findByCode(FALLBACK_PLAN_CODE);
        if (fallback) Object.assign(next, { planId: fallback.id, currency: currencyFor(fallback, current.currency) });
      }
      await this.subscriptions.update(tenantId, next);
      this.logger.log({ tenantId, outcome, planId: next.planId }, 'Subscription period rolled');
      return {
        outcome,
        ended: {
          planId: current.planId,
          currency: current.currency,
          status: current.status,
          start: current.currentPeriodStart,
          end: start,
        },
        subscription: await this.toDto({ ...next, tenantId }),
      };
    });
  }

  /**
   * Sets what Stripe's webhooks (or a bank-transfer arrangement) say: the status (`active`, `past_due`, `canceled`),
   * the payment method and the Stripe ids; a field left out is kept. Idempotent: the same change twice is one.
   * `active` on a trialing subscription ends the trial and starts a paid month now. 404 without a subscription.
   */
  updateBilling(tenantId: string, change: SubscriptionBillingChange): Promise<SubscriptionDto> {
    return this.transactions.run(async () => {
      const current = await this.subscriptions.find(tenantId, true);
      if (!current) throw new NotFoundError('Subscription');
      const next: SubscriptionState = { ...current };
      if (change.paymentMethod !== undefined) next.paymentMethod = change.paymentMethod;
      if (change.stripeCustomerId !== undefined) next.stripeCustomerId = change.stripeCustomerId;
      if (change.stripeSubscriptionId !== undefined) next.stripeSubscriptionId = change.stripeSubscriptionId;
      if (change.planId !== undefined) Object.assign(next, { planId: change.planId, scheduledPlanId: null });
      if (change.currency !== undefined) next.currency = change.currency;
      if (change.status !== undefined) {
        if (current.status === 'trialing' && change.status === 'active') {
          const now = this.clock.now();
          Object.assign(next, { currentPeriodStart: now, currentPeriodEnd: addMonth(now) });
        }
        next.status = change.status;
        next.trialEndsAt = null;
      }
      await this.subscriptions.update(tenantId, next);
      return this.toDto({ ...next, tenantId });
    });
  }

  /** Workspaces whose period has ended by `now` (oldest first, at most `limit`): what the period-end job rolls. */
  dueForRenewal(now: Date, limit = 100): Promise<string[]> {
    return this.subscriptions.dueBy(now, limit);
  }

  /** The Stripe customer of each workspace paying by card, by workspace. */
  stripeCustomers(): Promise<Map<string, string>> {
    return this.subscriptions.stripeCustomers();
  }

  /** A plan by id, inactive ones included (a workspace may still be on one). */
  plan(planId: string): Promise<StoredPlan | null> {
    return this.plans.findById(planId);
  }

  /** The workspace of a Stripe customer (`cus_…`), for webhooks; null when none has it. */
  findTenantIdByStripeCustomerId(customerId: string): Promise<string | null> {
    return this.subscriptions.findTenantIdBy('stripe_customer_id', customerId);
  }

  /** The workspace of a Stripe subscription (`sub_…`), for webhooks; null when none has it. */
  findTenantIdByStripeSubscriptionId(subscriptionId: string): Promise<string | null> {
    return this.subscriptions.findTenantIdBy('stripe_subscription_id', subscriptionId);
  }

  /** The subscription as answered, with its plan and any scheduled change. */
  async toDto(subscription: Subscription): Promise<SubscriptionDto> {
    const plan = await this.plans.findById(subscription.planId);
    if (!plan) throw new NotFoundError('Plan');
    const scheduled = subscription.scheduledPlanId ? await this.plans.findById(subscription.scheduledPlanId) : null;
    return {
      tenantId: subscription.tenantId,
      plan: toPlanDto(plan),
      status: subscription.status,
      currency: subscription.currency,
      currentPeriodStart: subscription.currentPeriodStart.toISOString(),
      currentPeriodEnd: subscription.currentPeriodEnd.toISOString(),
      trialEndsAt: subscription.trialEndsAt?.toISOString() ?? null,
      scheduledChange: scheduled
        ? { plan: toPlanDto(scheduled), effectiveAt: subscription.currentPeriodEnd.toISOString() }
        : null,
      paymentMethod: subscription.paymentMethod,
    };
  }

  private async startOnFallback(tenantId: string, start: Date): Promise<void> {
    const fallback = await this.plans.findByCode(FALLBACK_PLAN_CODE);
    if (!fallback) return;
    await this.subscriptions.insert(tenantId, {
      ...NO_PAYMENT,
      planId: fallback.id,
      status: 'active',
      currency: 'USD',
      currentPeriodStart: start,
      currentPeriodEnd: addMonth(start),
      trialEndsAt: null,
      scheduledPlanId: null,
    });
  }
}

const NO_PAYMENT = { paymentMethod: null, stripeCustomerId: null, stripeSubscriptionId: null } as const;

/** The currency kept when the plan is sold in it, else USD. */
function currencyFor(plan: StoredPlan, currency: BillingCurrency): BillingCurrency {
  return monthlyPrice(plan.prices, currency) === null ? 'USD' : currency;
}
