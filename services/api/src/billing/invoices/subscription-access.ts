import { Injectable } from '@nestjs/common';
import {
  BILLING_CURRENCIES,
  type BillingCurrency,
  type PlanPrice,
  SUBSCRIPTION_STATUSES,
  type SubscriptionStatus,
} from '@aerostic/shared';
import {
  jsonArray,
  jsonObject,
  oneOf,
  oneOfOrNull,
  text,
  textOrNull,
  timestamp,
  timestampOrNull,
} from '../../database/columns';
import { type Row, Sql } from '../../database/sql';

/**
 * The invoices' and Stripe's only way to read and move a subscription. A stand-in written while the plans module
 * (`SubscriptionsService`) was built beside it: at integration each method becomes one call of that service.
 */

/** A plan as invoicing needs it: quotas (null or absent: unlimited) and prices per currency. */
export interface BillingPlan {
  id: string;
  code: string;
  name: string;
  quotas: Record<string, number | null>;
  prices: PlanPrice[];
}

export interface BillingSubscription {
  tenantId: string;
  plan: BillingPlan;
  status: SubscriptionStatus;
  currency: BillingCurrency;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  trialEndsAt: Date | null;
  scheduledPlanId: string | null;
  paymentMethod: 'stripe' | 'bank_transfer' | null;
  stripeCustomerId: string | null;
  stripeSubscriptionId: string | null;
}

/** The period that follows a closed one, with the plan and status it starts on. */
export interface NextPeriod {
  planId: string;
  status: 'active' | 'past_due';
  start: Date;
  end: Date;
}

const PAYMENT_METHODS = ['stripe', 'bank_transfer'] as const;

function decodePlan(row: Row, prefix: string): BillingPlan {
  return {
    id: text(row, `${prefix}id`),
    code: text(row, `${prefix}code`),
    name: text(row, `${prefix}name`),
    quotas: jsonObject<Record<string, number | null>>(row, `${prefix}quotas`),
    prices: jsonArray(row, `${prefix}prices`) as PlanPrice[],
  };
}

function decodeSubscription(row: Row): BillingSubscription {
  return {
    tenantId: text(row, 'tenant_id'),
    plan: decodePlan(row, 'plan_'),
    status: oneOf(row, 'status', SUBSCRIPTION_STATUSES),
    currency: oneOf(row, 'currency', BILLING_CURRENCIES),
    currentPeriodStart: timestamp(row, 'current_period_start'),
    currentPeriodEnd: timestamp(row, 'current_period_end'),
    trialEndsAt: timestampOrNull(row, 'trial_ends_at'),
    scheduledPlanId: textOrNull(row, 'scheduled_plan_id'),
    paymentMethod: oneOfOrNull(row, 'payment_method', PAYMENT_METHODS),
    stripeCustomerId: textOrNull(row, 'stripe_customer_id'),
    stripeSubscriptionId: textOrNull(row, 'stripe_subscription_id'),
  };
}

const SELECT_SUBSCRIPTION = `
  SELECT s.*, p.id AS plan_id, p.code AS plan_code, p.name AS plan_name, p.quotas AS plan_quotas,
         p.prices AS plan_prices
  FROM subscriptions s JOIN plans p ON p.id = s.plan_id`;

@Injectable()
export class SubscriptionAccess {
  constructor(private readonly sql: Sql) {}

  /** With `lock` (inside a transaction), the row stays locked until it ends: one closing of a period at a time. */
  async find(tenantId: string, lock = false): Promise<BillingSubscription | null> {
    const rows = await this.sql.query(
      `${SELECT_SUBSCRIPTION} WHERE s.tenant_id = $1${lock ? ' FOR UPDATE OF s' : ''}`,
      [tenantId],
      decodeSubscription,
    );
    return rows[0] ?? null;
  }

  /** The tenant paying through this Stripe customer or subscription. */
  async findTenantByStripe(ids: {
    customerId?: string | null;
    subscriptionId?: string | null;
  }): Promise<string | null> {
    const rows = await this.sql.query(
      `SELECT tenant_id FROM subscriptions
       WHERE stripe_subscription_id = $1 OR stripe_customer_id = $2 ORDER BY (stripe_subscription_id = $1) DESC LIMIT 1`,
      [ids.subscriptionId ?? null, ids.customerId ?? null],
      (row) => text(row, 'tenant_id'),
    );
    return rows[0] ?? null;
  }

  /** The Stripe customer of each workspace paying by card. */
  async stripeCustomers(): Promise<Map<string, string>> {
    const rows = await this.sql.query(
      `SELECT tenant_id, stripe_customer_id FROM subscriptions
       WHERE payment_method = 'stripe' AND stripe_customer_id IS NOT NULL`,
      [],
      (row) => [text(row, 'tenant_id'), text(row, 'stripe_customer_id')] as const,
    );
    return new Map(rows);
  }

  /** Tenants whose current period ended at `now`, oldest first. */
  dueTenants(now: Date, limit: number): Promise<string[]> {
    return this.sql.query(
      `SELECT tenant_id FROM subscriptions WHERE current_period_end <= $1 ORDER BY current_period_end LIMIT $2`,
      [now, limit],
      (row) => text(row, 'tenant_id'),
    );
  }

  async findPlan(planId: string): Promise<BillingPlan | null> {
    const rows = await this.sql.query(
      `SELECT id AS plan_id, code AS plan_code, name AS plan_name, quotas AS plan_quotas, prices AS plan_prices
       FROM plans WHERE id = $1`,
      [planId],
      (row) => decodePlan(row, 'plan_'),
    );
    return rows[0] ?? null;
  }

  async freePlanId(): Promise<string> {
    const [id] = await this.sql.query(`SELECT id FROM plans WHERE code = 'free'`, [], (row) => text(row, 'id'));
    if (!id) throw new Error('The Free plan is missing');
    return id;
  }

  /** Starts the next period; only moves a subscription still in `closedStart`, so a repeated roll moves nothing. */
  async roll(tenantId: string, closedStart: Date, next: NextPeriod): Promise<boolean> {
    const moved = await this.sql.execute(
      `UPDATE subscriptions SET plan_id = $3, status = $4, current_period_start = $5, current_period_end = $6,
              trial_ends_at = NULL, scheduled_plan_id = NULL, updated_at = now()
       WHERE tenant_id = $1 AND current_period_start = $2`,
      [tenantId, closedStart, next.planId, next.status, next.start, next.end],
    );
    return moved > 0;
  }

  /** Checkout completed: the chosen plan at once, paid through Stripe. */
  async activateStripe(
    tenantId: string,
    change: { planId: string; currency: BillingCurrency; customerId: string; subscriptionId: string | null },
  ): Promise<void> {
    await this.sql.execute(
      `UPDATE subscriptions SET plan_id = $2, currency = $3, status = 'active', trial_ends_at = NULL,
              scheduled_plan_id = NULL, payment_method = 'stripe', stripe_customer_id = $4,
              stripe_subscription_id = COALESCE($5, stripe_subscription_id), updated_at = now()
       WHERE tenant_id = $1`,
      [tenantId, change.planId, change.currency, change.customerId, change.subscriptionId],
    );
  }

  async setStripeCustomer(tenantId: string, customerId: string): Promise<void> {
    await this.sql.execute(
      `UPDATE subscriptions SET stripe_customer_id = $2, updated_at = now() WHERE tenant_id = $1`,
      [tenantId, customerId],
    );
  }

  /** A status Stripe reported; leaving a trial clears its end (the table requires it). */
  async setStatus(tenantId: string, status: Exclude<SubscriptionStatus, 'trialing'>): Promise<void> {
    await this.sql.execute(
      `UPDATE subscriptions SET status = $2, trial_ends_at = NULL, updated_at = now() WHERE tenant_id = $1`,
      [tenantId, status],
    );
  }

  async setPaymentMethod(tenantId: string, method: 'stripe' | 'bank_transfer'): Promise<void> {
    await this.sql.execute(`UPDATE subscriptions SET payment_method = $2, updated_at = now() WHERE tenant_id = $1`, [
      tenantId,
      method,
    ]);
  }
}
