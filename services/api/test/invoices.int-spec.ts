import { type InvoiceDto, QUEUES } from '@aerostic/shared';
import { QueueProducer } from '@aerostic/shared/node';
import { InvoicesService } from '../src/billing/invoices/invoices.service';
import { Clock } from '../src/common/clock/clock';
import { queueOptions } from '../src/common/queue/queue-connection';
import {
  addAdjustment,
  addDailyMessages,
  arrangeSubscription,
  createPlan,
  isoDay,
  pdfText,
  planId,
  utcMidnight,
} from './support/billing';
import { addMember, type Member, registerTenant } from './support/builders';
import { eventually } from './support/eventually';
import { createPlatformAdmin, type PlatformAdminAccount } from './support/platform-admins';
import { createTestApp, type TestApp } from './support/test-app';
import { TestClock } from './support/test-clock';
import { TenantScope } from '../src/database/tenant-scope';

const TAX_BP = 1900;
const TAX_ID = 'DE 123 456 789';
const HOUR_MS = 60 * 60 * 1000;

/** The same day and time a month later, clamped to the month's last day. */
function monthAfter(date: Date): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  const lastDay = new Date(Date.UTC(y, m + 2, 0)).getUTCDate();
  return new Date(Date.UTC(y, m + 1, Math.min(date.getUTCDate(), lastDay), date.getUTCHours(), date.getUTCMinutes()));
}

describe(InvoicesService.name, () => {
  let t: TestApp;
  const clock = new TestClock();
  let service: InvoicesService;
  let superAdmin: PlatformAdminAccount;
  let supportAdmin: PlatformAdminAccount;
  let starter: string;
  let growth: string;
  let free: string;

  beforeAll(async () => {
    t = await createTestApp(
      { BILLING_TAX_RATE_BP: TAX_BP, BILLING_TAX_ID: TAX_ID },
      { providers: [{ provide: Clock, useValue: clock }] },
    );
    service = t.app.get(InvoicesService);
    superAdmin = await createPlatformAdmin(t, 'super_admin');
    supportAdmin = await createPlatformAdmin(t, 'admin');
    starter = await planId(t, 'starter');
    growth = await planId(t, 'growth');
    free = await planId(t, 'free');
  });
  afterAll(async () => {
    await t.close();
  });

  const invoicesOf = async (tenantId: string) =>
    t.sql(`SELECT id, number, total_minor::int AS total FROM invoices WHERE tenant_id = $1 ORDER BY number`, [
      tenantId,
    ]);
  const subscriptionOf = async (tenantId: string) =>
    (
      await t.sql(
        `SELECT s.status, s.current_period_start AS start, s.current_period_end AS "end", p.code
         FROM subscriptions s JOIN plans p ON p.id = s.plan_id WHERE tenant_id = $1`,
        [tenantId],
      )
    )[0]!;
  const listInvoices = async (member: Member) =>
    (await t.http().get('/billing/invoices').auth(member.token, { type: 'bearer' }).expect(200)).body as InvoiceDto[];

  describe('the period-end job', () => {
    it('should issue one invoice with the plan, prorations, overage and tax when a period has ended', async () => {
      const member = await registerTenant(t, 'Overage Dental');
      const plan = await createPlan(t, {
        quotas: {
          agents: 0,
          whatsappNumbers: 1,
          contacts: null,
          outboundMessagesPerMonth: 10_000,
          campaignRecipientsPerMonth: 1_000,
          aiRepliesPerMonth: 100,
        },
        monthlyMinor: 2500,
        overageMinor: {
          agents: 700,
          whatsappNumbers: 900,
          outboundMessages: 400,
          campaignRecipients: 300,
          aiReplies: 200,
        },
      });
      const start = utcMidnight(-40);
      const end = utcMidnight(-10);
      await arrangeSubscription(t, member.tenantId, { planId: plan, start, end });
      // Inside the period: 12,345 outbound, of which 2,500 campaign and 150 AI.
      await addDailyMessages(t, member.tenantId, start, 5000);
      await addDailyMessages(t, member.tenantId, utcMidnight(-20), 2500, { automatedBy: 'campaign' });
      await addDailyMessages(t, member.tenantId, utcMidnight(-15), 150, { automatedBy: 'ai' });
      await addDailyMessages(t, member.tenantId, utcMidnight(-11), 4695);
      // Outside it, or inbound: not billed.
      await addDailyMessages(t, member.tenantId, utcMidnight(-41), 9999);
      await addDailyMessages(t, member.tenantId, end, 8888);
      await addDailyMessages(t, member.tenantId, utcMidnight(-20), 7777, { direction: 'inbound' });
      await addAdjustment(t, member.tenantId, 1234, new Date(start.getTime() + HOUR_MS));
      await addAdjustment(t, member.tenantId, 999, new Date(start.getTime() + HOUR_MS), 'EUR');
      await addAdjustment(t, member.tenantId, 555, new Date(end.getTime() + HOUR_MS));

      await TenantScope.acrossTenants('billing', () => service.closeDuePeriods());

      const overage = {
        agents: (1 - 0) * 700,
        outboundMessages: Math.ceil((12_345 - 10_000) / 1000) * 400,
        campaignRecipients: Math.ceil((2500 - 1000) / 1000) * 300,
        aiReplies: Math.ceil((150 - 100) / 1000) * 200,
      };
      const subtotal =
        2500 + 1234 + overage.agents + overage.outboundMessages + overage.campaignRecipients + overage.aiReplies;
      const tax = Math.round((subtotal * TAX_BP) / 10_000);
      const [invoice, ...others] = await listInvoices(member);
      expect(others).toEqual([]);
      expect(invoice).toMatchObject({
        tenantId: member.tenantId,
        number: expect.stringMatching(new RegExp(`^AER-${clock.now().getUTCFullYear()}-\\d{6}$`)),
        status: 'open',
        currency: 'USD',
        periodStart: start.toISOString(),
        periodEnd: end.toISOString(),
        paidAt: null,
        voidedAt: null,
        subtotalMinor: subtotal,
        taxRateBasisPoints: TAX_BP,
        taxMinor: tax,
        totalMinor: subtotal + tax,
        sellerTaxId: TAX_ID,
      });
      expect(
        invoice!.lines.map(({ kind, quantity, unitAmountMinor, amountMinor }) => [
          kind,
          quantity,
          unitAmountMinor,
          amountMinor,
        ]),
      ).toEqual([
        ['plan', 1, 2500, 2500],
        ['proration', 1, 1234, 1234],
        ['overage', 1, 700, overage.agents],
        ['overage', 3, 400, overage.outboundMessages],
        ['overage', 2, 300, overage.campaignRecipients],
        ['overage', 1, 200, overage.aiReplies],
      ]);
      expect(invoice!.lines[3]!.description).toBe('2,345 outbound messages beyond the 10,000 included (3 × 1,000)');
      const claimed = await t.sql(
        `SELECT amount_minor::int AS amount, invoice_id FROM billing_adjustments WHERE tenant_id = $1 ORDER BY amount_minor`,
        [member.tenantId],
      );
      expect(claimed).toEqual([
        { amount: 555, invoice_id: null },
        { amount: 999, invoice_id: null },
        { amount: 1234, invoice_id: invoice!.id },
      ]);
      expect(await subscriptionOf(member.tenantId)).toMatchObject({
        start: end,
        end: monthAfter(end),
        status: 'active',
      });
    });

    it('should issue each period once when two sweeps run at the same time and again later', async () => {
      const member = await registerTenant(t, 'Twice Dental');
      const end = utcMidnight(-3);
      await arrangeSubscription(t, member.tenantId, { planId: starter, start: utcMidnight(-33), end });

      await Promise.all([
        TenantScope.acrossTenants('billing', () => service.closeDuePeriods()),
        TenantScope.acrossTenants('billing', () => service.closeDuePeriods()),
      ]);
      await TenantScope.acrossTenants('billing', () => service.closeDuePeriods());

      const invoices = await invoicesOf(member.tenantId);
      expect(invoices).toHaveLength(1);
      // Starter's next period, in advance; no overage on an empty period.
      expect(invoices[0]!.total).toBe(4900 + Math.round((4900 * TAX_BP) / 10_000));
      expect((await subscriptionOf(member.tenantId)).start).toEqual(end);
    });

    it('should leave no trace and no gap in the numbers when closing a period fails midway, then close it once', async () => {
      const crashing = await registerTenant(t, 'Crashing Dental');
      const fine = await registerTenant(t, 'Fine Dental');
      const start = utcMidnight(-31);
      const end = utcMidnight(-1);
      await arrangeSubscription(t, crashing.tenantId, { planId: starter, start, end });
      await arrangeSubscription(t, fine.tenantId, { planId: starter, start, end });
      await addAdjustment(t, crashing.tenantId, 700, new Date(start.getTime() + HOUR_MS));
      // The roll, the last step of a closing, fails for one tenant: as if the process died there.
      await t.sql(`CREATE FUNCTION crash_roll() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.tenant_id = '${crashing.tenantId}' THEN RAISE EXCEPTION 'crash'; END IF; RETURN NEW; END $$`);
      await t.sql(
        `CREATE TRIGGER crash_roll BEFORE UPDATE ON subscriptions FOR EACH ROW EXECUTE FUNCTION crash_roll()`,
      );

      await TenantScope.acrossTenants('billing', () => service.closeDuePeriods());

      expect(await invoicesOf(crashing.tenantId)).toEqual([]);
      expect(await invoicesOf(fine.tenantId)).toHaveLength(1);
      expect((await subscriptionOf(crashing.tenantId)).start).toEqual(start);
      expect(
        await t.sql(`SELECT invoice_id FROM billing_adjustments WHERE tenant_id = $1`, [crashing.tenantId]),
      ).toEqual([{ invoice_id: null }]);

      await t.sql(`DROP TRIGGER crash_roll ON subscriptions`);
      await TenantScope.acrossTenants('billing', () => service.closeDuePeriods());

      const [invoice, ...more] = await invoicesOf(crashing.tenantId);
      expect(more).toEqual([]);
      expect(invoice!.total).toBe(4900 + 700 + Math.round(((4900 + 700) * TAX_BP) / 10_000));
      const year = clock.now().getUTCFullYear();
      const numbers = (await t.sql(`SELECT number FROM invoices ORDER BY number`)).map((row) => row.number);
      expect(numbers).toEqual(numbers.map((_, i) => `AER-${year}-${String(i + 1).padStart(6, '0')}`));
      expect(numbers.length).toBeGreaterThanOrEqual(3);
    });

    it('should number invoices of several tenants one after the other when they close in one sweep', async () => {
      const members = await Promise.all([1, 2, 3].map((i) => registerTenant(t, `Sequence ${i}`)));
      for (const member of members) {
        await arrangeSubscription(t, member.tenantId, {
          planId: growth,
          start: utcMidnight(-32),
          end: utcMidnight(-2),
        });
      }
      const before = (await t.sql(`SELECT count(*)::int AS n FROM invoices`))[0]!.n as number;

      await TenantScope.acrossTenants('billing', () => service.closeDuePeriods());

      const numbers = (
        await t.sql(`SELECT number FROM invoices WHERE tenant_id = ANY($1::uuid[]) ORDER BY number`, [
          members.map((m) => m.tenantId),
        ])
      ).map((row) => Number(String(row.number).slice(-6)));
      expect(numbers).toEqual([before + 1, before + 2, before + 3]);
    });

    it('should end a trial on Free without an invoice when the workspace has no way to pay, and on its plan when it has', async () => {
      const unpaid = await registerTenant(t, 'Trial Unpaid');
      const paid = await registerTenant(t, 'Trial Paid');
      const start = utcMidnight(-14);
      const end = utcMidnight(0);
      await arrangeSubscription(t, unpaid.tenantId, { planId: growth, status: 'trialing', start, end });
      await arrangeSubscription(t, paid.tenantId, {
        planId: growth,
        status: 'trialing',
        start,
        end,
        paymentMethod: 'stripe',
      });
      // A trial is free: its usage bills nothing.
      await addDailyMessages(t, unpaid.tenantId, start, 500_000);

      await TenantScope.acrossTenants('billing', () => service.closeDuePeriods());

      expect(await invoicesOf(unpaid.tenantId)).toEqual([]);
      expect(await subscriptionOf(unpaid.tenantId)).toMatchObject({ code: 'free', status: 'active', start: end });
      expect(await subscriptionOf(paid.tenantId)).toMatchObject({ code: 'growth', status: 'active', start: end });
      const [invoice] = await listInvoices(paid);
      expect(invoice!.lines.map((line) => [line.kind, line.amountMinor])).toEqual([['plan', 14_900]]);
    });

    it('should apply a scheduled downgrade and bill the smaller plan when the period ends', async () => {
      const member = await registerTenant(t, 'Downgrade Dental');
      const end = utcMidnight(-5);
      await arrangeSubscription(t, member.tenantId, {
        planId: growth,
        start: utcMidnight(-35),
        end,
        scheduledPlanId: starter,
      });

      await TenantScope.acrossTenants('billing', () => service.closeDuePeriods());

      expect(await subscriptionOf(member.tenantId)).toMatchObject({ code: 'starter', start: end });
      const [invoice] = await listInvoices(member);
      expect(invoice!.lines).toEqual([
        {
          kind: 'plan',
          description: `Starter plan, ${isoDay(end)} to ${isoDay(monthAfter(end))}`,
          quantity: 1,
          unitAmountMinor: 4900,
          amountMinor: 4900,
        },
      ]);
    });

    it('should issue nothing and roll the period on when a Free workspace ends its period', async () => {
      const member = await registerTenant(t, 'Free Dental');
      const end = utcMidnight(-6);
      await arrangeSubscription(t, member.tenantId, { planId: free, start: utcMidnight(-36), end });
      await addDailyMessages(t, member.tenantId, utcMidnight(-20), 50_000);

      await TenantScope.acrossTenants('billing', () => service.closeDuePeriods());

      expect(await invoicesOf(member.tenantId)).toEqual([]);
      expect(await subscriptionOf(member.tenantId)).toMatchObject({ code: 'free', start: end });
    });

    it('should leave a period open until the clock passes its end, then close it', async () => {
      const member = await registerTenant(t, 'Future Dental');
      await arrangeSubscription(t, member.tenantId, { planId: starter, start: utcMidnight(-27), end: utcMidnight(3) });

      await TenantScope.acrossTenants('billing', () => service.closeDuePeriods());
      const early = await invoicesOf(member.tenantId);
      clock.offsetMs = 4 * 24 * HOUR_MS;
      try {
        await TenantScope.acrossTenants('billing', () => service.closeDuePeriods());
      } finally {
        clock.offsetMs = 0;
      }

      expect(early).toEqual([]);
      expect(await invoicesOf(member.tenantId)).toHaveLength(1);
    });

    it('should close due periods when the billing queue runs its period-end job', async () => {
      const member = await registerTenant(t, 'Queued Dental');
      await arrangeSubscription(t, member.tenantId, { planId: starter, start: utcMidnight(-30), end: utcMidnight(0) });
      const producer = new QueueProducer(QUEUES.billing, queueOptions(t.config));
      try {
        const schedulers = await producer.queue.getJobSchedulers();
        expect(schedulers.map((s) => s.key)).toContain('billing-period-end');

        await producer.add(QUEUES.billing.jobs.periodEnd, {});

        await eventually(
          () => invoicesOf(member.tenantId),
          (rows) => rows.length === 1,
        );
      } finally {
        await producer.close();
      }
    });
  });

  describe('invoices of the workspace', () => {
    let admin: Member;
    let invoiceId: string;

    beforeAll(async () => {
      admin = await registerTenant(t, 'Pdf Dental');
      await arrangeSubscription(t, admin.tenantId, { planId: starter, start: utcMidnight(-30), end: utcMidnight(0) });
      await TenantScope.acrossTenants('billing', () => service.closeDuePeriods());
      invoiceId = (await invoicesOf(admin.tenantId))[0]!.id as string;
    });

    it('should answer a PDF attachment naming the invoice when an admin downloads it', async () => {
      const [invoice] = await listInvoices(admin);

      const res = await t
        .http()
        .get(`/billing/invoices/${invoiceId}/pdf`)
        .auth(admin.token, { type: 'bearer' })
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);

      const pdf = res.body as Buffer;
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${invoice!.number}.pdf"`);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = pdfText(pdf);
      expect(text).toContain(`Invoice ${invoice!.number}`);
      expect(text).toContain('Pdf Dental');
      expect(text).toContain(`Tax id: ${TAX_ID}`);
      expect(text).toContain('$58.31');
    });

    it('should answer 404 to another workspace and 403 to an agent when they ask for the invoice', async () => {
      const other = await registerTenant(t, 'Other Dental');
      const agent = await addMember(t, admin, 'agent');

      await t.http().get(`/billing/invoices/${invoiceId}/pdf`).auth(other.token, { type: 'bearer' }).expect(404);
      expect(await listInvoices(other)).toEqual([]);
      await t.http().get(`/billing/invoices/${invoiceId}/pdf`).auth(agent.token, { type: 'bearer' }).expect(403);
      await t.http().get('/billing/invoices').auth(agent.token, { type: 'bearer' }).expect(403);
    });
  });

  describe('platform admins', () => {
    const asAdmin = (account: PlatformAdminAccount, method: 'get' | 'post', path: string, body: object = {}) =>
      method === 'get'
        ? t.http().get(path).auth(account.token, { type: 'bearer' })
        : t.http().post(path).auth(account.token, { type: 'bearer' }).send(body);
    const auditOf = (action: string, id: string) =>
      t.sql(`SELECT actor_admin_id, tenant_id, metadata FROM audit_logs WHERE action = $1 AND target_id = $2`, [
        action,
        id,
      ]);

    it('should issue the current period up to now, close the period then, and audit it when a super admin asks', async () => {
      const member = await registerTenant(t, 'Early Dental');
      const start = utcMidnight(-5);
      await arrangeSubscription(t, member.tenantId, { planId: starter, start, end: utcMidnight(25) });
      await asAdmin(supportAdmin, 'post', `/admin/tenants/${member.tenantId}/invoices`).expect(403);

      const before = clock.now();
      const res = await asAdmin(superAdmin, 'post', `/admin/tenants/${member.tenantId}/invoices`, {
        reason: 'Leaving at the end of the week',
      }).expect(201);

      const invoice = res.body as InvoiceDto;
      expect(invoice).toMatchObject({ tenantId: member.tenantId, status: 'open', periodStart: start.toISOString() });
      expect(new Date(invoice.periodEnd).getTime()).toBeGreaterThanOrEqual(before.getTime());
      expect((await subscriptionOf(member.tenantId)).start).toEqual(new Date(invoice.periodEnd));
      expect(await auditOf('invoice.issued', invoice.id)).toEqual([
        {
          actor_admin_id: superAdmin.id,
          tenant_id: member.tenantId,
          metadata: expect.objectContaining({ number: invoice.number, reason: 'Leaving at the end of the week' }),
        },
      ]);
      const listed = (await asAdmin(supportAdmin, 'get', `/admin/tenants/${member.tenantId}/invoices`).expect(200))
        .body as InvoiceDto[];
      expect(listed.map((i) => i.id)).toEqual([invoice.id]);
      const pdf = await asAdmin(supportAdmin, 'get', `/admin/invoices/${invoice.id}/pdf`).expect(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toBe(`attachment; filename="${invoice.number}.pdf"`);
    });

    it('should refuse with 409 to issue an invoice that comes to nothing', async () => {
      const member = await registerTenant(t, 'Nothing Dental');
      await arrangeSubscription(t, member.tenantId, { planId: free, start: utcMidnight(-5), end: utcMidnight(25) });

      const res = await asAdmin(superAdmin, 'post', `/admin/tenants/${member.tenantId}/invoices`).expect(409);

      expect(res.body.message).toBe('Nothing to invoice: the period so far comes to 0');
      expect((await subscriptionOf(member.tenantId)).start).toEqual(utcMidnight(-5));
    });

    it('should mark an invoice paid once and refuse to void it after, each change audited', async () => {
      const member = await registerTenant(t, 'Transfer Dental');
      await arrangeSubscription(t, member.tenantId, { planId: starter, start: utcMidnight(-5), end: utcMidnight(25) });
      const invoice = (await asAdmin(superAdmin, 'post', `/admin/tenants/${member.tenantId}/invoices`).expect(201))
        .body as InvoiceDto;
      await asAdmin(supportAdmin, 'post', `/admin/invoices/${invoice.id}/mark-paid`).expect(403);

      const paid = (await asAdmin(superAdmin, 'post', `/admin/invoices/${invoice.id}/mark-paid`).expect(200))
        .body as InvoiceDto;
      const again = await asAdmin(superAdmin, 'post', `/admin/invoices/${invoice.id}/mark-paid`).expect(409);
      const voided = await asAdmin(superAdmin, 'post', `/admin/invoices/${invoice.id}/void`).expect(409);

      expect(paid.status).toBe('paid');
      expect(paid.paidAt).not.toBeNull();
      expect(again.body.message).toBe(`Invoice ${invoice.number} cannot be marked paid: it is paid already`);
      expect(voided.body.message).toBe(
        `Invoice ${invoice.number} cannot be voided: it is paid; refund the payment and issue a new invoice instead`,
      );
      expect(await auditOf('invoice.marked_paid', invoice.id)).toHaveLength(1);
      expect(await auditOf('invoice.voided', invoice.id)).toEqual([]);
    });

    it('should void an open invoice once and refuse to mark it paid after', async () => {
      const member = await registerTenant(t, 'Void Dental');
      await arrangeSubscription(t, member.tenantId, { planId: starter, start: utcMidnight(-5), end: utcMidnight(25) });
      const invoice = (await asAdmin(superAdmin, 'post', `/admin/tenants/${member.tenantId}/invoices`).expect(201))
        .body as InvoiceDto;

      const voided = (await asAdmin(superAdmin, 'post', `/admin/invoices/${invoice.id}/void`).expect(200))
        .body as InvoiceDto;
      const pay = await asAdmin(superAdmin, 'post', `/admin/invoices/${invoice.id}/mark-paid`).expect(409);
      await asAdmin(superAdmin, 'post', `/admin/invoices/${invoice.id}/void`).expect(409);

      expect(voided).toMatchObject({ status: 'void', paidAt: null });
      expect(pay.body.message).toBe(
        `Invoice ${invoice.number} cannot be marked paid: it is void; issue a new invoice instead`,
      );
      expect(await auditOf('invoice.voided', invoice.id)).toHaveLength(1);
      await asAdmin(superAdmin, 'post', `/admin/invoices/00000000-0000-4000-8000-000000000000/void`).expect(404);
    });
  });
});
