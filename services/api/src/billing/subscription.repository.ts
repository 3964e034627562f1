import { Injectable } from '@nestjs/common';
import {
  BILLING_CURRENCIES,
  type BillingCurrency,
  type LimitValues,
  SUBSCRIPTION_STATUSES,
  type SubscriptionStatus,
} from '@aerostic/shared';
import { oneOf, oneOfOrNull, text, textOrNull, timestamp, timestampOrNull } from '../database/columns';
import { type Row, Sql } from '../database/sql';
import { decodePlan } from './plan.repository';

export const PAYMENT_METHODS = ['stripe', 'bank_transfer'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** A tenant's subscription as stored. */
export interface Subscription {
  tenantId: string;
  planId: string;
  status: SubscriptionStatus;
  currency: BillingCurrency;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  trialEndsAt: Date | null;
  scheduledPlanId: string | null;
  paymentMethod: PaymentMethod | null;
  stripeCustomerId: string | null;
  stripeSubscriptionId: string | null;
}

function decodeSubscription(row: Row): Subscription {
  return {
    tenantId: text(row, 'tenant_id'),
    planId: text(row, 'plan_id'),
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

/** Everything of a subscription but its tenant, as written whole. */
export type SubscriptionState = Omit<Subscription, 'tenantId'>;

/** The only writer of `subscriptions`: one row per workspace. */
@Injectable()
export class SubscriptionRepository {
  constructor(private readonly sql: Sql) {}

  /** With `lock` (inside a transaction), changes of the subscription apply one after the other. */
  async find(tenantId: string, lock = false): Promise<Subscription | null> {
    const [row] = await this.sql.query(
      `SELECT * FROM subscriptions WHERE tenant_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [tenantId],
      decodeSubscription,
    );
    return row ?? null;
  }

  /** The id and quotas of the workspace's plan in one statement: every limit check reads them. */
  async findPlanQuotas(tenantId: string): Promise<{ planId: string; quotas: Partial<LimitValues> } | null> {
    const [row] = await this.sql.query(
      `SELECT p.* FROM subscriptions s JOIN plans p ON p.id = s.plan_id WHERE s.tenant_id = $1`,
      [tenantId],
      decodePlan,
    );
    return row ? { planId: row.id, quotas: row.quotas } : null;
  }

  async findTenantIdBy(column: 'stripe_customer_id' | 'stripe_subscription_id', value: string): Promise<string | null> {
    const [tenantId] = await this.sql.query(
      `SELECT tenant_id FROM subscriptions WHERE ${column} = $1`,
      [value],
      (row) => text(row, 'tenant_id'),
    );
    return tenantId ?? null;
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

  /** The workspaces whose period has ended by `now`, oldest first. */
  dueBy(now: Date, limit: number): Promise<string[]> {
    return this.sql.query(
      `SELECT tenant_id FROM subscriptions WHERE current_period_end <= $1 ORDER BY current_period_end, tenant_id LIMIT $2`,
      [now, limit],
      (row) => text(row, 'tenant_id'),
    );
  }

  /** Writes the first subscription; answers false when the workspace has one already (it is kept). */
  async insert(tenantId: string, state: SubscriptionState): Promise<boolean> {
    const inserted = await this.sql.execute(
      `INSERT INTO subscriptions (tenant_id, plan_id, status, currency, current_period_start, current_period_end,
         trial_ends_at, scheduled_plan_id, payment_method, stripe_customer_id, stripe_subscription_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (tenant_id) DO NOTHING`,
      [tenantId, ...values(state)],
    );
    return inserted > 0;
  }

  async update(tenantId: string, state: SubscriptionState): Promise<void> {
    await this.sql.execute(
      `UPDATE subscriptions SET plan_id = $2, status = $3, currency = $4, current_period_start = $5,
         current_period_end = $6, trial_ends_at = $7, scheduled_plan_id = $8, payment_method = $9,
         stripe_customer_id = $10, stripe_subscription_id = $11, updated_at = now()
       WHERE tenant_id = $1`,
      [tenantId, ...values(state)],
    );
  }
}

function values(state: SubscriptionState): unknown[] {
  return [
    state.planId,
    state.status,
    state.currency,
    state.currentPeriodStart,
    state.currentPeriodEnd,
    state.trialEndsAt,
    state.scheduledPlanId,
    state.paymentMethod,
    state.stripeCustomerId,
    state.stripeSubscriptionId,
  ];
}
