import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Seeded plans: quotas follow `LimitValues` (null: unlimited), prices follow `PlanPrice[]` (minor units). */
const SEEDED_PLANS = [
  {
    code: 'free',
    name: 'Free',
    description: 'One number and a small team, to try Aerostic for real.',
    quotas: { agents: 2, whatsappNumbers: 1, contacts: 1000, outboundMessagesPerMonth: 1000 },
    prices: [{ monthly: 0, overage: null }],
    trialDays: 0,
  },
  {
    code: 'starter',
    name: 'Starter',
    description: 'A small team answering customers on one or two numbers.',
    quotas: { agents: 5, whatsappNumbers: 2, contacts: 10000, outboundMessagesPerMonth: 10000 },
    prices: [{ monthly: 4900, overage: { agents: 1500, whatsappNumbers: 2000, outboundMessages: 500 } }],
    trialDays: 0,
  },
  {
    code: 'growth',
    name: 'Growth',
    description: 'Campaigns, automation and AI replies for a growing team.',
    quotas: { agents: 25, whatsappNumbers: 5, contacts: 100000, outboundMessagesPerMonth: 100000 },
    prices: [{ monthly: 14900, overage: { agents: 1200, whatsappNumbers: 1500, outboundMessages: 400 } }],
    trialDays: 14,
  },
  {
    code: 'enterprise',
    name: 'Enterprise',
    description: 'Large teams and many numbers, with no caps on contacts or messages.',
    quotas: { agents: 200, whatsappNumbers: 50, contacts: null, outboundMessagesPerMonth: null },
    prices: [{ monthly: 49900, overage: { agents: 1000, whatsappNumbers: 1000, outboundMessages: 300 } }],
    trialDays: 0,
  },
];

/** The same figure in each currency the platform sells in (whole-unit rounding is the plan editor's job later). */
const CURRENCIES = ['USD', 'EUR', 'GBP', 'INR', 'BRL'] as const;
const RATE_FROM_USD: Record<(typeof CURRENCIES)[number], number> = { USD: 1, EUR: 0.92, GBP: 0.79, INR: 84, BRL: 5.6 };

function pricesOf(plan: (typeof SEEDED_PLANS)[number]): unknown[] {
  const [usd] = plan.prices;
  return CURRENCIES.map((currency) => {
    const convert = (minor: number | undefined): number | null =>
      minor === undefined ? null : Math.round(minor * RATE_FROM_USD[currency]);
    const overage = usd?.overage;
    return {
      currency,
      monthlyMinor: convert(usd?.monthly ?? 0),
      overageMinor: {
        agents: convert(overage?.agents),
        whatsappNumbers: convert(overage?.whatsappNumbers),
        outboundMessages: convert(overage?.outboundMessages),
        campaignRecipients: convert(overage?.outboundMessages),
        aiReplies: null,
      },
    };
  });
}

/**
 * Plans and subscriptions (issue 19): the plans super admins edit, each tenant's subscription, and the amounts
 * (prorations) waiting for the tenant's next invoice. Existing workspaces start on Free for the current month.
 */
export class PlansAndSubscriptions1766793600000 implements MigrationInterface {
  name = 'PlansAndSubscriptions1766793600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        quotas jsonb NOT NULL,
        prices jsonb NOT NULL,
        trial_days integer NOT NULL DEFAULT 0 CHECK (trial_days >= 0),
        active boolean NOT NULL DEFAULT true,
        sort_order integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    for (const [i, plan] of SEEDED_PLANS.entries()) {
      await q.query(
        `INSERT INTO plans (code, name, description, quotas, prices, trial_days, sort_order)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          plan.code,
          plan.name,
          plan.description,
          JSON.stringify(plan.quotas),
          JSON.stringify(pricesOf(plan)),
          plan.trialDays,
          i,
        ],
      );
    }

    await q.query(`
      CREATE TABLE subscriptions (
        tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
        plan_id uuid NOT NULL REFERENCES plans (id),
        status text NOT NULL CHECK (status IN ('trialing', 'active', 'past_due', 'canceled')),
        currency text NOT NULL,
        current_period_start timestamptz NOT NULL,
        current_period_end timestamptz NOT NULL,
        trial_ends_at timestamptz,
        scheduled_plan_id uuid REFERENCES plans (id),
        payment_method text CHECK (payment_method IN ('stripe', 'bank_transfer')),
        stripe_customer_id text UNIQUE,
        stripe_subscription_id text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT subscriptions_period_order CHECK (current_period_end > current_period_start),
        CONSTRAINT subscriptions_trial_end CHECK ((status = 'trialing') = (trial_ends_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX subscriptions_plan_idx ON subscriptions (plan_id)`);
    await q.query(`CREATE INDEX subscriptions_period_end_idx ON subscriptions (current_period_end)`);
    await q.query(`
      INSERT INTO subscriptions (tenant_id, plan_id, status, currency, current_period_start, current_period_end)
      SELECT t.id, p.id, 'active', 'USD', date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
             (date_trunc('month', now() AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC'
      FROM tenants t CROSS JOIN plans p WHERE p.code = 'free'`);

    // Amounts for the next invoice that arise between invoices (an upgrade's proration); the invoice claims them.
    await q.query(`
      CREATE TABLE billing_adjustments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('proration')),
        description text NOT NULL,
        currency text NOT NULL,
        amount_minor bigint NOT NULL,
        invoice_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX billing_adjustments_open_idx ON billing_adjustments (tenant_id) WHERE invoice_id IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE billing_adjustments`);
    await q.query(`DROP TABLE subscriptions`);
    await q.query(`DROP TABLE plans`);
  }
}
