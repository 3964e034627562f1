import { Injectable } from '@nestjs/common';
import { type BillingCurrency, type PlanPrice, type SubscriptionStatus } from '@aerostic/shared';
import { type StoredPlan } from '../plan.repository';
import { type Subscription } from '../subscription.repository';
import { type PeriodRoll, SubscriptionsService } from '../subscriptions.service';

/**
 * How invoices and Stripe read and move a subscription: the plans module's `SubscriptionsService`, which alone writes
 * subscriptions, seen with the plan's quotas and prices that invoicing needs (docs/adr/0137).
 */

/** A plan as invoicing needs it: quotas (null or absent: unlimited) and prices per currency. */
export interface BillingPlan {
  id: string;
  code: string;
  name: string;
  quotas: Record<string, number | null>;
  prices: PlanPrice[];
}

export interface BillingSubscription extends Omit<Subscription, 'planId'> {
  plan: BillingPlan;
}

function toBillingPlan(plan: StoredPlan): BillingPlan {
  return { id: plan.id, code: plan.code, name: plan.name, quotas: { ...plan.quotas }, prices: plan.prices };
}

@Injectable()
export class SubscriptionAccess {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  /** With `lock` (inside a transaction), the row stays locked until it ends: one closing of a period at a time. */
  async find(tenantId: string, lock = false): Promise<BillingSubscription | null> {
    const found = await this.subscriptions.find(tenantId, lock);
    if (!found) return null;
    const { planId, ...rest } = found;
    const plan = await this.findPlan(planId);
    if (!plan) throw new Error(`Plan ${planId} is missing`);
    return { ...rest, plan };
  }

  /** The tenant paying through this Stripe subscription or, failing that, customer. */
  async findTenantByStripe(ids: {
    customerId?: string | null;
    subscriptionId?: string | null;
  }): Promise<string | null> {
    const bySubscription = ids.subscriptionId
      ? await this.subscriptions.findTenantIdByStripeSubscriptionId(ids.subscriptionId)
      : null;
    if (bySubscription) return bySubscription;
    return ids.customerId ? this.subscriptions.findTenantIdByStripeCustomerId(ids.customerId) : null;
  }

  stripeCustomers(): Promise<Map<string, string>> {
    return this.subscriptions.stripeCustomers();
  }

  /** Tenants whose current period ended at `now`, oldest first. */
  dueTenants(now: Date, limit: number): Promise<string[]> {
    return this.subscriptions.dueForRenewal(now, limit);
  }

  async findPlan(planId: string): Promise<BillingPlan | null> {
    const plan = await this.subscriptions.plan(planId);
    return plan && toBillingPlan(plan);
  }

  /** Closes the current period at `at` (its end, or earlier) and starts the next; null when it cannot close there. */
  roll(tenantId: string, at: Date): Promise<PeriodRoll | null> {
    return this.subscriptions.rollToNextPeriod(tenantId, at);
  }

  /** A card saved at checkout: the chosen plan at once, paid through Stripe from the invoice that follows. */
  async chooseStripePlan(
    tenantId: string,
    change: { planId: string; currency: BillingCurrency; customerId: string },
  ): Promise<void> {
    await this.subscriptions.updateBilling(tenantId, {
      planId: change.planId,
      currency: change.currency,
      paymentMethod: 'stripe',
      stripeCustomerId: change.customerId,
    });
  }

  async setStripeCustomer(tenantId: string, customerId: string): Promise<void> {
    await this.subscriptions.updateBilling(tenantId, { stripeCustomerId: customerId });
  }

  /** A status Stripe reported; leaving a trial clears its end. */
  async setStatus(tenantId: string, status: Exclude<SubscriptionStatus, 'trialing'>): Promise<void> {
    await this.subscriptions.updateBilling(tenantId, { status });
  }
}
