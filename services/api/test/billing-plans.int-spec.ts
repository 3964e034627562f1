import { type PlanChangeResultDto, type PlanDto, type SubscriptionDto, type TenantLimitsDto } from '@aerostic/shared';
import { BillingController } from '../src/billing/billing.controller';
import { SubscriptionsService } from '../src/billing/subscriptions.service';
import { Clock } from '../src/common/clock/clock';
import { addMember, invite, type Member, registerTenant, uniqueEmail } from './support/builders';
import { limitReached, setTenantLimits } from './support/limits';
import { createPlatformAdmin, type PlatformAdminAccount } from './support/platform-admins';
import { createTestApp, type TestApp } from './support/test-app';
import { TestClock } from './support/test-clock';
import { TenantScope } from '../src/database/tenant-scope';

const DAY_MS = 86_400_000;

/** The seeded plans' quotas after the plan-limits migration, written out here rather than read from the API. */
const QUOTAS = {
  free: {
    agents: 2,
    whatsappNumbers: 1,
    contacts: 1000,
    outboundMessagesPerMonth: 1000,
    campaignRecipientsPerMonth: 100,
    aiRepliesPerMonth: 50,
  },
  starter: {
    agents: 5,
    whatsappNumbers: 2,
    contacts: 10_000,
    outboundMessagesPerMonth: 10_000,
    campaignRecipientsPerMonth: 5000,
    aiRepliesPerMonth: 1000,
  },
  growth: {
    agents: 25,
    whatsappNumbers: 5,
    contacts: 100_000,
    outboundMessagesPerMonth: 100_000,
    campaignRecipientsPerMonth: 50_000,
    aiRepliesPerMonth: 10_000,
  },
  enterprise: {
    agents: 200,
    whatsappNumbers: 50,
    contacts: null,
    outboundMessagesPerMonth: null,
    campaignRecipientsPerMonth: null,
    aiRepliesPerMonth: null,
  },
};
const USD_MONTHLY = { free: 0, starter: 4900, growth: 14_900, enterprise: 49_900 };
type Code = keyof typeof QUOTAS;

const PLATFORM_DEFAULTS = QUOTAS.growth;

const newPlan = (code: string) => ({
  code,
  name: `Plan ${code}`,
  description: 'For tests',
  quotas: { ...QUOTAS.starter, agents: 8 },
  prices: [
    {
      currency: 'USD',
      monthlyMinor: 7900,
      overageMinor: {
        agents: 1500,
        whatsappNumbers: null,
        outboundMessages: 500,
        campaignRecipients: 500,
        aiReplies: 300,
      },
    },
  ],
  trialDays: 0,
  active: true,
  sortOrder: 9,
});

describe(BillingController.name, () => {
  let t: TestApp;
  let superAdmin: PlatformAdminAccount;
  let supportAdmin: PlatformAdminAccount;
  const clock = new TestClock();
  const planIds = {} as Record<Code, string>;

  beforeAll(async () => {
    t = await createTestApp({}, { providers: [{ provide: Clock, useValue: clock }] });
    superAdmin = await createPlatformAdmin(t, 'super_admin');
    supportAdmin = await createPlatformAdmin(t, 'admin');
    for (const row of await t.sql(`SELECT id, code FROM plans`)) planIds[row.code as Code] = String(row.id);
  });
  afterAll(async () => {
    await t.close();
  });
  afterEach(() => {
    clock.frozenAt = null;
  });

  const as = (m: Member | PlatformAdminAccount) => ({
    get: (path: string) => t.http().get(path).auth(m.token, { type: 'bearer' }),
    post: (path: string, body: object) => t.http().post(path).auth(m.token, { type: 'bearer' }).send(body),
    patch: (path: string, body: object) => t.http().patch(path).auth(m.token, { type: 'bearer' }).send(body),
    delete: (path: string) => t.http().delete(path).auth(m.token, { type: 'bearer' }),
  });
  const subscriptionOf = async (m: Member) =>
    (await as(m).get('/billing/subscription').expect(200)).body as SubscriptionDto;
  const effectiveOf = async (tenantId: string) =>
    ((await as(supportAdmin).get(`/admin/tenants/${tenantId}/limits`).expect(200)).body as TenantLimitsDto).effective;
  const change = (m: Member, body: object) => as(m).post('/billing/subscription/change', body);

  /** Puts the workspace on a plan, active, for the period given (the test's setup, written directly). */
  async function onPlan(tenantId: string, code: Code, start: string, end: string, scheduled: Code | null = null) {
    await t.sql(
      `UPDATE subscriptions SET plan_id = $2, status = 'active', trial_ends_at = NULL, current_period_start = $3,
         current_period_end = $4, scheduled_plan_id = $5 WHERE tenant_id = $1`,
      [tenantId, planIds[code], start, end, scheduled && planIds[scheduled]],
    );
  }

  describe('plans', () => {
    it('should answer the four seeded plans to any member, in order, with their quotas and USD prices', async () => {
      const admin = await registerTenant(t);
      const agent = await addMember(t, admin);

      const plans = (await as(agent).get('/billing/plans').expect(200)).body as PlanDto[];

      expect(plans.map((p) => p.code)).toEqual(['free', 'starter', 'growth', 'enterprise']);
      for (const plan of plans) {
        const code = plan.code as Code;
        expect(plan.quotas).toEqual(QUOTAS[code]);
        expect(plan.prices.find((p) => p.currency === 'USD')?.monthlyMinor).toBe(USD_MONTHLY[code]);
        expect(plan.prices.map((p) => p.currency)).toEqual(['USD', 'EUR', 'GBP', 'INR', 'BRL']);
      }
      expect(plans.map((p) => p.trialDays)).toEqual([0, 0, 14, 0]);
    });
  });

  describe('a new workspace', () => {
    it('should start on a 14-day trial of Growth in USD', async () => {
      clock.frozenAt = new Date('2026-12-07T09:00:00.000Z');
      const admin = await registerTenant(t);

      const subscription = await subscriptionOf(admin);

      expect(subscription).toMatchObject({
        tenantId: admin.tenantId,
        plan: { code: 'growth' },
        status: 'trialing',
        currency: 'USD',
        currentPeriodStart: '2026-12-07T09:00:00.000Z',
        currentPeriodEnd: '2026-12-21T09:00:00.000Z',
        trialEndsAt: '2026-12-21T09:00:00.000Z',
        scheduledChange: null,
        paymentMethod: null,
      });
    });

    it('should follow the platform defaults when the workspace has no subscription', async () => {
      const [tenant] = await t.sql(`INSERT INTO tenants (name, domain) VALUES ('Bare', $1) RETURNING id`, [
        uniqueEmail('bare').split('@')[0],
      ]);

      expect(await effectiveOf(String(tenant?.id))).toEqual(PLATFORM_DEFAULTS);
      expect(await t.sql(`SELECT 1 FROM subscriptions WHERE tenant_id = $1`, [tenant?.id])).toEqual([]);
    });
  });

  describe('limits from the plan', () => {
    it("should take the plan's quotas, with the workspace's overrides on top", async () => {
      const admin = await registerTenant(t);
      expect(await effectiveOf(admin.tenantId)).toEqual(QUOTAS.growth);

      await onPlan(admin.tenantId, 'starter', '2026-12-01', '2027-01-01');
      expect(await effectiveOf(admin.tenantId)).toEqual(QUOTAS.starter);

      await setTenantLimits(t, superAdmin, admin.tenantId, { agents: 8, aiRepliesPerMonth: null });
      expect(await effectiveOf(admin.tenantId)).toEqual({ ...QUOTAS.starter, agents: 8, aiRepliesPerMonth: null });
    });

    it('should refuse with 402 naming the smallest plan that fits and the Billing page', async () => {
      const admin = await registerTenant(t);
      await onPlan(admin.tenantId, 'free', '2026-12-01', '2027-01-01');
      await invite(t, admin);

      const refused = await as(admin)
        .post('/users/invitations', { email: uniqueEmail('x'), role: 'agent' })
        .expect(402);

      expect(refused.body).toEqual(
        limitReached(
          'agents',
          2,
          2,
          'Your workspace has reached its limit of 2 agents. Upgrade to Starter (5 agents) on the Billing page, or deactivate a member or revoke a pending invitation.',
          { planId: planIds.starter, code: 'starter', name: 'Starter' },
        ),
      );
    });

    it('should offer no plan when an override sets the limit', async () => {
      const admin = await registerTenant(t);
      await setTenantLimits(t, superAdmin, admin.tenantId, { agents: 1 });

      const refused = await as(admin)
        .post('/users/invitations', { email: uniqueEmail('x'), role: 'agent' })
        .expect(402);

      expect(refused.body).toMatchObject({ upgrade: null, billingUrl: '/dashboard/billing' });
      expect((refused.body as { message: string }).message).toMatch(/or ask Aerostic support to raise the limit\.$/);
    });
  });

  describe('changing the plan', () => {
    it('should upgrade at once with a proration of the price difference for the rest of the period', async () => {
      const admin = await registerTenant(t);
      await onPlan(admin.tenantId, 'starter', '2026-12-01T00:00:00Z', '2027-01-01T00:00:00Z');
      clock.frozenAt = new Date('2026-12-11T00:00:00Z');

      const res = await change(admin, { planId: planIds.growth }).expect(200);

      // 21 of December's 31 days remain: (149.00 − 49.00) × 21 / 31 = 67.7419… dollars.
      const expected = Math.round(((14_900 - 4900) * 21) / 31);
      expect(expected).toBe(6774);
      const result = res.body as PlanChangeResultDto;
      expect(result).toMatchObject({ effect: 'immediate', prorationMinor: expected });
      expect(result.subscription).toMatchObject({ plan: { code: 'growth' }, status: 'active', scheduledChange: null });
      expect(
        await t.sql(
          `SELECT kind, currency, amount_minor::int AS amount, description, invoice_id FROM billing_adjustments WHERE tenant_id = $1`,
          [admin.tenantId],
        ),
      ).toEqual([
        {
          kind: 'proration',
          currency: 'USD',
          amount: expected,
          description: 'Starter to Growth, 11 Dec 2026 to 1 Jan 2027',
          invoice_id: null,
        },
      ]);
      const [audit] = await t.sql(
        `SELECT actor_user_id, target_type, metadata FROM audit_logs WHERE tenant_id = $1 AND action = 'billing.plan_changed'`,
        [admin.tenantId],
      );
      expect(audit).toEqual({
        actor_user_id: admin.userId,
        target_type: 'subscription',
        metadata: {
          from: 'starter',
          to: 'growth',
          effect: 'immediate',
          currency: 'USD',
          prorationMinor: expected,
          trial: false,
        },
      });
    });

    it('should schedule a downgrade for the period end, and drop it when asked', async () => {
      const admin = await registerTenant(t);
      await onPlan(admin.tenantId, 'growth', '2026-12-01T00:00:00Z', '2027-01-01T00:00:00Z');

      const res = await change(admin, { planId: planIds.starter }).expect(200);

      expect(res.body).toMatchObject({
        effect: 'scheduled',
        prorationMinor: 0,
        subscription: {
          plan: { code: 'growth' },
          scheduledChange: { plan: { code: 'starter' }, effectiveAt: '2027-01-01T00:00:00.000Z' },
        },
      });
      expect(await effectiveOf(admin.tenantId)).toEqual(QUOTAS.growth);
      expect(await t.sql(`SELECT 1 FROM billing_adjustments WHERE tenant_id = $1`, [admin.tenantId])).toEqual([]);

      const kept = await as(admin).delete('/billing/subscription/scheduled-change').expect(200);
      expect(kept.body).toMatchObject({ plan: { code: 'growth' }, scheduledChange: null });
      const again = await as(admin).delete('/billing/subscription/scheduled-change').expect(409);
      expect(again.body).toMatchObject({ message: 'No plan change is scheduled for the end of this period' });
      const actions = await t.sql(
        `SELECT action FROM audit_logs WHERE tenant_id = $1 AND action LIKE 'billing.%' ORDER BY created_at`,
        [admin.tenantId],
      );
      expect(actions).toEqual([{ action: 'billing.plan_changed' }, { action: 'billing.scheduled_change_canceled' }]);
    });

    it('should refuse a downgrade with 402 when the workspace has more agents than the smaller plan allows', async () => {
      const admin = await registerTenant(t);
      for (let i = 0; i < 6; i += 1) await addMember(t, admin);
      await onPlan(admin.tenantId, 'growth', '2026-12-01T00:00:00Z', '2027-01-01T00:00:00Z');

      const res = await change(admin, { planId: planIds.starter }).expect(402);

      expect(res.body).toEqual({
        statusCode: 402,
        error: 'plan_limit_exceeded',
        message: 'You have 7 agents; Starter allows 5. Deactivate 2 agents first.',
        plan: { id: planIds.starter, code: 'starter', name: 'Starter' },
        exceeded: [{ name: 'agents', used: 7, max: 5 }],
        requestId: expect.any(String) as unknown,
      });
      expect((await subscriptionOf(admin)).scheduledChange).toBeNull();
    });

    it('should end a trial when a plan is chosen: the plan applies now, paid from now, nothing prorated', async () => {
      clock.frozenAt = new Date('2026-12-07T12:00:00Z');
      const admin = await registerTenant(t);
      clock.frozenAt = new Date('2026-12-09T12:00:00Z');

      const res = await change(admin, { planId: planIds.starter, currency: 'EUR' }).expect(200);

      expect(res.body).toMatchObject({
        effect: 'immediate',
        prorationMinor: 0,
        subscription: {
          plan: { code: 'starter' },
          status: 'active',
          currency: 'EUR',
          trialEndsAt: null,
          currentPeriodStart: '2026-12-09T12:00:00.000Z',
          currentPeriodEnd: '2027-01-09T12:00:00.000Z',
        },
      });
      expect(await effectiveOf(admin.tenantId)).toEqual(QUOTAS.starter);
    });

    it('should let only admins change the plan, and name the bad field', async () => {
      const admin = await registerTenant(t);
      const agent = await addMember(t, admin);

      await change(agent, { planId: planIds.starter }).expect(403);
      const bad = await change(admin, { planId: 'nope', currency: 'JPY' }).expect(400);
      expect((bad.body as { fields: Record<string, string> }).fields).toEqual({
        planId: 'planId must be the id of a plan',
        currency: 'currency must be one of: USD, EUR, GBP, INR, BRL',
      });
      const [inactive] = await t.sql(
        `INSERT INTO plans (code, name, quotas, prices, active) VALUES ('old-x', 'Old', '{}', '[]', false) RETURNING id`,
      );
      const refused = await change(admin, { planId: String(inactive?.id) }).expect(400);
      expect(refused.body).toMatchObject({ fields: { planId: 'Old is no longer offered: choose another plan' } });
    });
  });

  describe('the period end', () => {
    it('should apply a scheduled downgrade, once, and start the next month', async () => {
      const admin = await registerTenant(t);
      await onPlan(admin.tenantId, 'growth', '2026-12-31T00:00:00Z', '2027-01-31T00:00:00Z', 'starter');
      const subscriptions = t.app.get(SubscriptionsService);
      clock.frozenAt = new Date('2027-01-30T23:59:59Z');
      expect(
        await TenantScope.forTenant(admin.tenantId, () => subscriptions.rollToNextPeriod(admin.tenantId)),
      ).toBeNull();

      clock.frozenAt = new Date('2027-01-31T00:00:05Z');
      const roll = await TenantScope.forTenant(admin.tenantId, () => subscriptions.rollToNextPeriod(admin.tenantId));

      expect(roll).toMatchObject({
        outcome: 'downgraded',
        ended: { planId: planIds.growth, currency: 'USD', status: 'active' },
        subscription: {
          plan: { code: 'starter' },
          status: 'active',
          currentPeriodStart: '2027-01-31T00:00:00.000Z',
          // February has 28 days in 2027: the period ends on its last day.
          currentPeriodEnd: '2027-02-28T00:00:00.000Z',
          scheduledChange: null,
        },
      });
      expect(
        await TenantScope.forTenant(admin.tenantId, () => subscriptions.rollToNextPeriod(admin.tenantId)),
      ).toBeNull();
      expect(await effectiveOf(admin.tenantId)).toEqual(QUOTAS.starter);
    });

    it('should put a trial that ends without a payment method on Free, and keep one with a card on its plan', async () => {
      clock.frozenAt = new Date('2026-12-01T08:00:00Z');
      const unpaid = await registerTenant(t);
      const paid = await registerTenant(t);
      const subscriptions = t.app.get(SubscriptionsService);
      await TenantScope.forTenant(paid.tenantId, () =>
        subscriptions.updateBilling(paid.tenantId, {
          paymentMethod: 'stripe',
          stripeCustomerId: `cus_${paid.tenantId}`,
        }),
      );
      const trialEnd = new Date(Date.parse('2026-12-01T08:00:00Z') + 14 * DAY_MS);
      clock.frozenAt = new Date(trialEnd.getTime() + 1000);

      const fell = await TenantScope.forTenant(unpaid.tenantId, () => subscriptions.rollToNextPeriod(unpaid.tenantId));
      const kept = await TenantScope.forTenant(paid.tenantId, () => subscriptions.rollToNextPeriod(paid.tenantId));

      expect(fell).toMatchObject({
        outcome: 'trial_fell_back',
        ended: { planId: planIds.growth, status: 'trialing' },
        subscription: {
          plan: { code: 'free' },
          status: 'active',
          trialEndsAt: null,
          currentPeriodStart: '2026-12-15T08:00:00.000Z',
          currentPeriodEnd: '2027-01-15T08:00:00.000Z',
        },
      });
      expect(await effectiveOf(unpaid.tenantId)).toEqual(QUOTAS.free);
      expect(kept).toMatchObject({
        outcome: 'trial_converted',
        subscription: { plan: { code: 'growth' }, status: 'active', paymentMethod: 'stripe' },
      });
      // As Stripe's webhooks find a workspace by its customer.
      const byCustomer = () => subscriptions.findTenantIdByStripeCustomerId(`cus_${paid.tenantId}`);
      expect(await TenantScope.acrossTenants('billing', byCustomer)).toBe(paid.tenantId);
    });
  });

  describe('admin plans', () => {
    it('should let a super admin create and edit a plan, audited, and show inactive plans only to admins', async () => {
      const created = await as(superAdmin)
        .post('/admin/plans', { ...newPlan('pro'), reason: 'New tier' })
        .expect(201);
      const plan = created.body as PlanDto;
      expect(plan).toEqual({ id: expect.any(String) as unknown, ...newPlan('pro') });

      const edited = await as(superAdmin)
        .patch(`/admin/plans/${plan.id}`, { active: false, trialDays: 7, reason: 'Retired' })
        .expect(200);

      expect(edited.body).toEqual({ ...plan, active: false, trialDays: 7 });
      const tenantSide = (
        await as(await registerTenant(t))
          .get('/billing/plans')
          .expect(200)
      ).body as PlanDto[];
      expect(tenantSide.map((p) => p.code)).not.toContain('pro');
      const adminSide = (await as(supportAdmin).get('/admin/plans').expect(200)).body as PlanDto[];
      expect(adminSide.find((p) => p.code === 'pro')).toEqual(edited.body);
      const audit = await t.sql(
        `SELECT action, actor_admin_id, target_id, metadata FROM audit_logs WHERE target_type = 'plan' ORDER BY created_at`,
      );
      expect(audit).toEqual([
        {
          action: 'plan.created',
          actor_admin_id: superAdmin.id,
          target_id: plan.id,
          metadata: { after: plan, reason: 'New tier' },
        },
        {
          action: 'plan.updated',
          actor_admin_id: superAdmin.id,
          target_id: plan.id,
          metadata: { before: plan, after: edited.body, reason: 'Retired' },
        },
      ]);
    });

    it('should refuse an admin who is not a super admin, and a taken code', async () => {
      await as(supportAdmin).post('/admin/plans', newPlan('nope')).expect(403);
      await as(supportAdmin).patch(`/admin/plans/${planIds.free}`, { name: 'Gratis' }).expect(403);

      const taken = await as(superAdmin).patch(`/admin/plans/${planIds.starter}`, { code: 'growth' }).expect(409);

      expect(taken.body).toMatchObject({ fields: { code: 'Another plan has the code growth: choose another code' } });
      expect(await t.sql(`SELECT 1 FROM plans WHERE code = 'nope'`)).toEqual([]);
    });

    it('should answer 400 naming each bad field', async () => {
      const res = await as(superAdmin)
        .post('/admin/plans', {
          ...newPlan('Bad Code'),
          quotas: { ...QUOTAS.free, agents: 0, seats: 2 },
          prices: [newPlan('x').prices[0], { ...newPlan('x').prices[0], monthlyMinor: -1 }],
          trialDays: 1.5,
        })
        .expect(400);

      expect((res.body as { fields: Record<string, string> }).fields).toEqual({
        code: 'code must be 1 to 40 lowercase letters, digits, - or _',
        'quotas.agents': 'Must be at least 1, or null for unlimited',
        'quotas.seats': expect.stringMatching(/^Unknown field; remove it: the quotas are agents/) as unknown,
        'prices.1.monthlyMinor': 'The monthly price must be 0 or more',
        'prices.1.currency': 'USD is priced twice',
        trialDays: 'trialDays must be a whole number of days',
      });
      const empty = await as(superAdmin).patch(`/admin/plans/${planIds.free}`, { reason: 'Nothing' }).expect(400);
      expect((empty.body as { message: string }).message).toBe(
        'Validation failed: Nothing to change: give at least one of code, name, description, quotas, prices, trialDays, active, sortOrder',
      );
    });
  });
});
