import { randomUUID } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { type TestApp } from './test-app';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight UTC `days` from today's (negative: past). */
export function utcMidnight(days: number, from = new Date()): Date {
  const today = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  return new Date(today + days * DAY_MS);
}

export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export interface SubscriptionArrangement {
  planId: string;
  status?: 'trialing' | 'active' | 'past_due' | 'canceled';
  currency?: string;
  start: Date;
  end: Date;
  paymentMethod?: 'stripe' | 'bank_transfer' | null;
  scheduledPlanId?: string | null;
}

/** Puts the tenant's subscription in the arranged state (registration may or may not have created one). */
export async function arrangeSubscription(t: TestApp, tenantId: string, s: SubscriptionArrangement): Promise<void> {
  const status = s.status ?? 'active';
  await t.sql(
    `INSERT INTO subscriptions (tenant_id, plan_id, status, currency, current_period_start, current_period_end,
       trial_ends_at, payment_method, scheduled_plan_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (tenant_id) DO UPDATE SET plan_id = EXCLUDED.plan_id, status = EXCLUDED.status,
       currency = EXCLUDED.currency, current_period_start = EXCLUDED.current_period_start,
       current_period_end = EXCLUDED.current_period_end, trial_ends_at = EXCLUDED.trial_ends_at,
       payment_method = EXCLUDED.payment_method, scheduled_plan_id = EXCLUDED.scheduled_plan_id`,
    [
      tenantId,
      s.planId,
      status,
      s.currency ?? 'USD',
      s.start,
      s.end,
      status === 'trialing' ? s.end : null,
      s.paymentMethod ?? null,
      s.scheduledPlanId ?? null,
    ],
  );
}

export async function planId(t: TestApp, code: string): Promise<string> {
  const [row] = await t.sql(`SELECT id FROM plans WHERE code = $1`, [code]);
  if (!row) throw new Error(`No plan ${code}`);
  return String(row.id);
}

/** A plan of the test's own, so that its quotas and prices are the test's figures. */
export async function createPlan(
  t: TestApp,
  plan: { quotas: Record<string, number | null>; monthlyMinor: number; overageMinor: Record<string, number | null> },
): Promise<string> {
  const [row] = await t.sql(
    `INSERT INTO plans (code, name, quotas, prices) VALUES ($1, 'Test plan', $2, $3) RETURNING id`,
    [
      `test-${randomUUID()}`,
      JSON.stringify(plan.quotas),
      JSON.stringify([{ currency: 'USD', monthlyMinor: plan.monthlyMinor, overageMinor: plan.overageMinor }]),
    ],
  );
  return String(row?.id);
}

/** A day's outbound (or inbound) messages in the rollup, as the usage rollups would have counted them. */
export async function addDailyMessages(
  t: TestApp,
  tenantId: string,
  day: Date,
  messages: number,
  options: { automatedBy?: string; direction?: 'inbound' | 'outbound' } = {},
): Promise<void> {
  await t.sql(
    `INSERT INTO message_stats_daily (tenant_id, day, whatsapp_account_id, direction, message_type, automated_by,
       messages)
     VALUES ($1, $2, $3, $4, 'text', $5, $6)`,
    [tenantId, isoDay(day), randomUUID(), options.direction ?? 'outbound', options.automatedBy ?? '', messages],
  );
}

export async function addAdjustment(
  t: TestApp,
  tenantId: string,
  amountMinor: number,
  createdAt: Date,
  currency = 'USD',
): Promise<void> {
  await t.sql(
    `INSERT INTO billing_adjustments (tenant_id, kind, description, currency, amount_minor, created_at)
     VALUES ($1, 'proration', 'Upgrade to Test plan, prorated', $2, $3, $4)`,
    [tenantId, currency, amountMinor, createdAt],
  );
}

/** The text pdfkit drew: every content stream inflated, the hex strings of each TJ operator decoded. */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const texts: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    const bytes = pdf.subarray(start, end);
    let content: string;
    try {
      content = inflateSync(bytes).toString('latin1');
    } catch {
      content = bytes.toString('latin1');
    }
    for (const tj of content.matchAll(/\[(.*?)\]\s*TJ/g)) {
      texts.push(
        [...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((hex) => Buffer.from(hex[1]!, 'hex').toString('latin1')).join(''),
      );
    }
  }
  return texts.join('\n');
}
