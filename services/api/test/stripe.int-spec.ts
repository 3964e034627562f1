import { randomUUID } from 'node:crypto';
import { type BillingRedirectDto, type PlanPrice } from '@aerostic/shared';
import Stripe from 'stripe';
import { InvoicesService } from '../src/billing/invoices/invoices.service';
import { StripeController } from '../src/billing/stripe/stripe.controller';
import { StripeService } from '../src/billing/stripe/stripe.service';
import { arrangeSubscription, planId, utcMidnight } from './support/billing';
import { addMember, type Member, registerTenant } from './support/builders';
import { freePort, type Service, startService } from './support/processes';
import { createTestApp, type TestApp } from './support/test-app';
import { TenantScope } from '../src/database/tenant-scope';

const SECRET_KEY = 'sk_test_stripe_spec';
const WEBHOOK_SECRET = 'whsec_stripe_spec';

describe(StripeController.name, () => {
  let t: TestApp;
  let sandbox: Service;
  let starter: string;

  beforeAll(async () => {
    const port = await freePort();
    sandbox = await startService(
      'stripe-sandbox',
      {
        STRIPE_SANDBOX_PORT: String(port),
        STRIPE_SECRET_KEY: SECRET_KEY,
        STRIPE_SANDBOX_PUBLIC_URL: `http://127.0.0.1:${port}`,
      },
      port,
    );
    t = await createTestApp({
      STRIPE_SECRET_KEY: SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: sandbox.url,
    });
    starter = await planId(t, 'starter');
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.stop();
  });

  const subscriptionOf = async (tenantId: string) =>
    (
      await t.sql(
        `SELECT s.status, s.currency, s.payment_method, s.stripe_customer_id, s.stripe_subscription_id, p.code
         FROM subscriptions s JOIN plans p ON p.id = s.plan_id WHERE tenant_id = $1`,
        [tenantId],
      )
    )[0]!;
  const sandboxObject = async (id: string) =>
    (await (await fetch(`${sandbox.url}/_sandbox/objects/${id}`)).json()) as Record<string, unknown>;
  const onTrial = async (name: string) => {
    const member = await registerTenant(t, name);
    await arrangeSubscription(t, member.tenantId, {
      planId: await planId(t, 'free'),
      start: utcMidnight(-3),
      end: utcMidnight(27),
    });
    return member;
  };

  /** A Stripe event as Stripe sends it: JSON, signed over the exact bytes with the endpoint's secret. */
  const deliver = (type: string, object: object, options: { id?: string; secret?: string } = {}) => {
    const payload = JSON.stringify({
      id: options.id ?? `evt_${randomUUID().replace(/-/g, '')}`,
      object: 'event',
      api_version: '2026-11-18.endive',
      created: Math.floor(Date.now() / 1000),
      type,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: { object },
    });
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? WEBHOOK_SECRET });
    return t
      .http()
      .post('/billing/stripe/webhook')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', signature)
      .send(payload);
  };

  describe('checkout and portal', () => {
    let admin: Member;

    beforeAll(async () => {
      admin = await onTrial('Checkout Dental');
    });

    const checkout = (member: Member, body: object) =>
      t.http().post('/billing/checkout').auth(member.token, { type: 'bearer' }).send(body);

    it('should create a Checkout Session that saves a card, in the currency, when an admin checks out', async () => {
      const res = await checkout(admin, { planId: starter, currency: 'EUR' }).expect(200);

      const { url } = res.body as BillingRedirectDto;
      const sessionId = url.slice(url.lastIndexOf('/') + 1);
      expect(url).toBe(`${sandbox.url}/checkout/${sessionId}`);
      const { stripe_customer_id: customerId } = await subscriptionOf(admin.tenantId);
      const session = await sandboxObject(sessionId);
      // Only a card is saved: the plan is charged through our invoices, never by a Stripe subscription as well.
      expect(session).toMatchObject({
        mode: 'setup',
        currency: 'eur',
        customer: customerId,
        client_reference_id: admin.tenantId,
        metadata: { tenant_id: admin.tenantId, plan_id: starter, currency: 'EUR' },
      });
      expect(session).not.toHaveProperty('line_items.0');
      expect(await sandboxObject(String(customerId))).toMatchObject({
        object: 'customer',
        metadata: { tenant_id: admin.tenantId },
      });
    });

    it('should keep the workspace’s Stripe customer when it checks out again', async () => {
      const { stripe_customer_id: before } = await subscriptionOf(admin.tenantId);

      const { url } = (await checkout(admin, { planId: starter, currency: 'USD' }).expect(200))
        .body as BillingRedirectDto;

      expect((await sandboxObject(url.slice(url.lastIndexOf('/') + 1))).customer).toBe(before);
      expect((await subscriptionOf(admin.tenantId)).stripe_customer_id).toBe(before);
    });

    it('should refuse a bad currency naming the field, a free plan with 409 and an agent with 403', async () => {
      const agent = await addMember(t, admin, 'agent');

      const bad = await checkout(admin, { planId: starter, currency: 'XYZ' }).expect(400);
      const free = await checkout(admin, { planId: await planId(t, 'free'), currency: 'USD' }).expect(409);
      await checkout(agent, { planId: starter, currency: 'USD' }).expect(403);

      expect(JSON.stringify(bad.body)).toContain('currency must be one of');
      expect(free.body.message).toBe('This plan is free: it needs no payment');
    });

    it('should answer a portal URL for the customer, and 409 before the workspace has one', async () => {
      const newcomer = await onTrial('Portal Dental');

      await t.http().post('/billing/portal').auth(newcomer.token, { type: 'bearer' }).expect(409);
      const res = await t.http().post('/billing/portal').auth(admin.token, { type: 'bearer' }).expect(200);

      const { url } = res.body as BillingRedirectDto;
      const portal = await sandboxObject(url.slice(url.lastIndexOf('/') + 1));
      expect(portal).toMatchObject({
        object: 'billing_portal.session',
        customer: (await subscriptionOf(admin.tenantId)).stripe_customer_id,
        return_url: 'http://app.test/dashboard/billing',
      });
    });
  });

  describe('webhooks', () => {
    it('should put the workspace on the chosen plan and invoice its first month when a checkout completes', async () => {
      const member = await onTrial('Completed Dental');
      const [plan] = await t.sql(`SELECT prices FROM plans WHERE id = $1`, [starter]);
      const gbp = (plan!.prices as PlanPrice[]).find((price) => price.currency === 'GBP')!;

      await deliver('checkout.session.completed', {
        id: 'cs_test_completed',
        object: 'checkout.session',
        customer: 'cus_completed',
        subscription: 'sub_completed',
        client_reference_id: member.tenantId,
        metadata: { tenant_id: member.tenantId, plan_id: starter, currency: 'GBP' },
      }).expect(200);

      expect(await subscriptionOf(member.tenantId)).toEqual({
        status: 'active',
        currency: 'GBP',
        payment_method: 'stripe',
        stripe_customer_id: 'cus_completed',
        stripe_subscription_id: null,
        code: 'starter',
      });
      const invoices = await t.sql(
        `SELECT i.currency, l.kind, l.amount_minor::int AS amount_minor FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id
         WHERE i.tenant_id = $1`,
        [member.tenantId],
      );
      expect(invoices).toEqual([{ currency: 'GBP', kind: 'plan', amount_minor: gbp.monthlyMinor }]);
    });

    it('should mark the invoice named in the Stripe invoice’s metadata paid when it is paid', async () => {
      const member = await registerTenant(t, 'Paid Dental');
      await arrangeSubscription(t, member.tenantId, { planId: starter, start: utcMidnight(-3), end: utcMidnight(27) });
      const invoice = await TenantScope.forTenant(member.tenantId, () =>
        t.app.get(InvoicesService).issueNow(member.tenantId),
      );

      await deliver('invoice.paid', {
        id: 'in_paid',
        object: 'invoice',
        customer: 'cus_unknown',
        metadata: { aerostic_invoice_id: invoice.id },
      }).expect(200);

      const [row] = await t.sql(`SELECT status, paid_via, paid_at FROM invoices WHERE id = $1`, [invoice.id]);
      expect(row).toMatchObject({ status: 'paid', paid_via: 'stripe' });
      expect(row!.paid_at).toBeInstanceOf(Date);
    });

    it('should refuse with 400 and change nothing when the signature is wrong or missing', async () => {
      const member = await registerTenant(t, 'Forged Dental');
      await arrangeSubscription(t, member.tenantId, { planId: starter, start: utcMidnight(-3), end: utcMidnight(27) });
      const invoice = await TenantScope.forTenant(member.tenantId, () =>
        t.app.get(InvoicesService).issueNow(member.tenantId),
      );
      const object = { id: 'in_forged', object: 'invoice', metadata: { aerostic_invoice_id: invoice.id } };

      const forged = await deliver('invoice.paid', object, { secret: 'whsec_someone_else' }).expect(400);
      await t
        .http()
        .post('/billing/stripe/webhook')
        .set('Content-Type', 'application/json')
        .send({ type: 'invoice.paid', data: { object } })
        .expect(400);

      expect(forged.body.message).toMatch(/^Stripe webhook refused: /);
      expect((await t.sql(`SELECT status FROM invoices WHERE id = $1`, [invoice.id]))[0]).toEqual({ status: 'open' });
    });

    it('should act once on an event delivered twice', async () => {
      const member = await onTrial('Redelivered Dental');
      await t.sql(`UPDATE subscriptions SET stripe_customer_id = 'cus_redelivered' WHERE tenant_id = $1`, [
        member.tenantId,
      ]);
      const id = `evt_${randomUUID().replace(/-/g, '')}`;
      const failed = { id: 'in_failed', object: 'invoice', customer: 'cus_redelivered', metadata: {} };

      await deliver('invoice.payment_failed', failed, { id }).expect(200);
      const afterFirst = (await subscriptionOf(member.tenantId)).status;
      // The workspace pays in between; the late copy of the failure must not undo that.
      await t.sql(`UPDATE subscriptions SET status = 'active' WHERE tenant_id = $1`, [member.tenantId]);
      await deliver('invoice.payment_failed', failed, { id }).expect(200);

      expect(afterFirst).toBe('past_due');
      expect((await subscriptionOf(member.tenantId)).status).toBe('active');
      expect(await t.sql(`SELECT type FROM stripe_events WHERE id = $1`, [id])).toEqual([
        { type: 'invoice.payment_failed' },
      ]);
    });

    it('should acknowledge and ignore an event type it does not handle', async () => {
      const res = await deliver('customer.tax_id.created', { id: 'txi_1', object: 'tax_id' }).expect(200);

      expect(res.body).toEqual({ received: true });
    });

    it('should follow Stripe’s subscription status, and fall back to Free at the period end once canceled', async () => {
      const member = await registerTenant(t, 'Canceled Dental');
      await arrangeSubscription(t, member.tenantId, { planId: starter, start: utcMidnight(-29), end: utcMidnight(1) });
      await t.sql(
        `UPDATE subscriptions SET stripe_customer_id = 'cus_c', stripe_subscription_id = 'sub_c' WHERE tenant_id = $1`,
        [member.tenantId],
      );
      const subscription = { id: 'sub_c', object: 'subscription', customer: 'cus_c' };

      await deliver('customer.subscription.updated', { ...subscription, status: 'past_due' }).expect(200);
      const pastDue = (await subscriptionOf(member.tenantId)).status;
      await deliver('customer.subscription.deleted', { ...subscription, status: 'canceled' }).expect(200);
      const canceled = (await subscriptionOf(member.tenantId)).status;
      await t.sql(`UPDATE subscriptions SET current_period_end = now() - interval '1 minute' WHERE tenant_id = $1`, [
        member.tenantId,
      ]);
      await TenantScope.acrossTenants('billing', () => t.app.get(InvoicesService).closeDuePeriods());

      expect([pastDue, canceled]).toEqual(['past_due', 'canceled']);
      expect(await subscriptionOf(member.tenantId)).toMatchObject({ code: 'free', status: 'active' });
    });

    it('should send a card-paying workspace’s invoice to Stripe once, and mark it paid when Stripe’s is paid', async () => {
      const member = await onTrial('Card Dental');
      await t
        .http()
        .post('/billing/checkout')
        .auth(member.token, { type: 'bearer' })
        .send({ planId: starter, currency: 'USD' })
        .expect(200);
      const customer = String((await subscriptionOf(member.tenantId)).stripe_customer_id);
      await deliver('checkout.session.completed', {
        id: 'cs_test_card',
        object: 'checkout.session',
        customer,
        subscription: 'sub_card',
        metadata: { tenant_id: member.tenantId, plan_id: starter, currency: 'USD' },
      }).expect(200);
      const invoice = await TenantScope.forTenant(member.tenantId, () =>
        t.app.get(InvoicesService).issueNow(member.tenantId),
      );
      const stripe = t.app.get(StripeService);

      await TenantScope.acrossTenants('billing', () => stripe.sendInvoices());
      const again = await TenantScope.acrossTenants('billing', () => stripe.sendInvoices());

      const [row] = await t.sql(`SELECT stripe_invoice_id FROM invoices WHERE id = $1`, [invoice.id]);
      const stripeInvoiceId = String(row!.stripe_invoice_id);
      expect(again).toBe(0);
      expect(await sandboxObject(stripeInvoiceId)).toMatchObject({
        object: 'invoice',
        customer,
        status: 'open',
        amount_due: invoice.totalMinor,
        metadata: { aerostic_invoice_id: invoice.id },
        lines: { data: [expect.objectContaining({ amount: invoice.totalMinor })] },
      });

      await deliver('invoice.paid', { id: stripeInvoiceId, object: 'invoice', customer, metadata: {} }).expect(200);

      expect((await t.sql(`SELECT status, paid_via FROM invoices WHERE id = $1`, [invoice.id]))[0]).toEqual({
        status: 'paid',
        paid_via: 'stripe',
      });
    });
  });
});
