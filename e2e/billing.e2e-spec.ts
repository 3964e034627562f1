import { randomUUID } from 'node:crypto';
import {
  AUTH_COOKIE_NAME,
  type InvoiceDto,
  type MeResponse,
  type PlanDto,
  type SubscriptionDto,
} from '@aerostic/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { blockingAxeViolations } from './support/axe';
import {
  appUrl,
  expectVisible,
  launchBrowser,
  registerBusiness,
  saveScreenshot,
  uniqueBusiness,
} from './support/browser';
import { superAdminToken } from './support/platform-admin';
import { apiAs, apiBaseUrl, expectOk, httpJson } from './support/stack-clients';

/** Whole days from now until `iso`, a part of a day counting as one: how the page counts a trial's days left. */
function daysLeft(iso: string): number {
  return Math.ceil((Date.parse(iso) - Date.now()) / 86_400_000);
}

/** An amount in minor units as the page says it: US English, the currency's own symbol, two decimals. */
function money(minor: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(minor / 100);
}

/**
 * The Billing page end to end, as a new workspace's admin sees it: the trial plan the workspace starts on, its
 * usage and Meta budget, an upgrade (at once) and a downgrade (scheduled, then cancelled), and an invoice a super
 * admin issues, with its PDF. The tests run in order and share the signed-in browser.
 */
describe('Billing page', () => {
  const id = randomUUID().slice(0, 8);
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let token: string;
  let tenantId: string;
  let adminToken: string;
  const api = () => apiAs(token);

  async function subscription(): Promise<SubscriptionDto> {
    return expectOk<SubscriptionDto>(await api().call('/billing/subscription'), 'GET /billing/subscription');
  }

  async function planCoded(code: string): Promise<PlanDto> {
    const plans = expectOk<PlanDto[]>(await api().call('/billing/plans'), 'GET /billing/plans');
    const plan = plans.find((p) => p.code === code);
    if (!plan) throw new Error(`No plan coded ${code} among ${plans.map((p) => p.code).join(', ')}`);
    return plan;
  }

  async function expectAxeClean(what: string): Promise<void> {
    expect({ what, violations: await blockingAxeViolations(page) }).toEqual({ what, violations: [] });
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await registerBusiness(page, uniqueBusiness('Billing'));
    token = (await context.cookies()).find((c) => c.name === AUTH_COOKIE_NAME)?.value ?? '';
    if (!token) throw new Error(`No ${AUTH_COOKIE_NAME} cookie after registering`);
    tenantId = expectOk<MeResponse>(await api().call('/auth/me'), 'GET /auth/me').tenant.id;
    adminToken = await superAdminToken(`billing-${id}@e2e.aerostic.test`, `billing-password-${id}`);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('should lead an admin from the navigation to the trial plan the workspace started on', async () => {
    const current = await subscription();
    expect(current.status).toBe('trialing');
    expect(current.trialEndsAt).not.toBeNull();

    await page.goto(appUrl('/dashboard'));
    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Billing' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Billing', level: 1 }));
    await expectVisible(page.getByTestId('current-plan').getByText(current.plan.name, { exact: true }));
    await expectVisible(page.getByText('Trial', { exact: true }));
    const days = daysLeft(current.trialEndsAt ?? '');
    await expectVisible(page.getByText(`Trial: ${days === 1 ? '1 day' : `${days} days`} left`));
    await expectVisible(page.getByRole('meter', { name: 'Agents' }));
    await expectVisible(page.getByTestId('meta-cost-total').getByText('$0.00', { exact: true }));
    await expectVisible(page.getByText('No invoices yet.', { exact: false }));
    await expectAxeClean('billing');
    await saveScreenshot(page, 'billing');
  });

  it('should refuse a budget that is not an amount and save one that is', async () => {
    const form = page.getByRole('form', { name: 'Monthly Meta budget' });
    const field = form.getByRole('textbox', { name: 'Monthly budget (US dollars)' });
    await field.fill('12.345');
    await form.getByRole('button', { name: 'Save budget' }).click();
    await expectVisible(form.getByText(/monthlyBudget must be an amount in US dollars/));
    expect(await field.getAttribute('aria-invalid')).toBe('true');

    await field.fill('150');
    await form.getByRole('button', { name: 'Save budget' }).click();
    await expectVisible(form.getByText('Budget saved.', { exact: false }));
    await expectVisible(page.getByText('$0.00 of $150.00 (0 %)'));
    const budget = expectOk<{ monthlyMicros: number | null }>(
      await api().call('/billing/budget'),
      'GET /billing/budget',
    );
    expect(budget.monthlyMicros).toBe(150_000_000);
  });

  it('should upgrade at once and say what the rest of the period costs', async () => {
    const enterprise = await planCoded('enterprise');
    const plans = page.getByRole('list', { name: 'Plans' });
    await plans.getByRole('button', { name: `Upgrade to ${enterprise.name}` }).click();
    const question = plans.getByRole('group');
    await expectVisible(question.getByText(`Move to ${enterprise.name} now?`, { exact: false }));
    await expectAxeClean('plan change question');
    await question.getByRole('button', { name: `Upgrade to ${enterprise.name}` }).click();

    const outcome = page.getByRole('status').filter({ hasText: `You are now on ${enterprise.name}` });
    await expectVisible(outcome);
    const after = await subscription();
    expect(after.plan.code).toBe('enterprise');
    await expectVisible(page.getByTestId('current-plan').getByText(enterprise.name, { exact: true }));
    // The proration the page states is the one the API charged: none, or an amount in the workspace's currency.
    const said = (await outcome.textContent()) ?? '';
    expect(said).toMatch(
      /Nothing extra is charged for this period\.|for the rest of this period is added to your next invoice\./,
    );
  });

  it('should schedule a downgrade for the period’s end and cancel it', async () => {
    const growth = await planCoded('growth');
    const plans = page.getByRole('list', { name: 'Plans' });
    await plans.getByRole('button', { name: `Downgrade to ${growth.name}` }).click();
    await plans
      .getByRole('group')
      .getByRole('button', { name: `Downgrade to ${growth.name}` })
      .click();

    await expectVisible(page.getByRole('status').filter({ hasText: `Your plan changes to ${growth.name} on` }));
    const scheduled = await subscription();
    expect(scheduled.plan.code).toBe('enterprise');
    expect(scheduled.scheduledChange?.plan.code).toBe('growth');
    await expectVisible(page.getByTestId('scheduled-change').getByText(growth.name, { exact: true }));

    await page.getByRole('button', { name: `Cancel the change to ${growth.name}` }).click();
    await page.getByRole('button', { name: `Keep ${scheduled.plan.name}` }).click();
    await page.getByTestId('scheduled-change').waitFor({ state: 'detached', timeout: 15_000 });
    expect((await subscription()).scheduledChange).toBeNull();
  });

  it('should list an invoice a super admin issues, with its total and a PDF that opens', async () => {
    const issued = await httpJson(new URL(`/admin/tenants/${tenantId}/invoices`, apiBaseUrl()).toString(), {
      method: 'POST',
      token: adminToken,
      body: { reason: `Billing e2e ${id}` },
    });
    const invoice = expectOk<InvoiceDto>(issued, `POST /admin/tenants/${tenantId}/invoices`);

    await page.reload();
    const row = page.getByRole('row').filter({ hasText: invoice.number });
    await expectVisible(row);
    await expectVisible(row.getByText(money(invoice.totalMinor, invoice.currency), { exact: true }));

    const link = row.getByRole('link', { name: `PDF of invoice ${invoice.number}` });
    const href = await link.getAttribute('href');
    expect(href).toBe(`/api/billing/invoices/${invoice.id}/pdf`);
    // Fetched by the page itself, as following the link does: same origin, with the session's cookie.
    const pdf = await page.evaluate(async (url) => {
      const response = await fetch(url);
      const bytes = new Uint8Array(await response.arrayBuffer());
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        head: String.fromCharCode(...bytes.slice(0, 5)),
        size: bytes.length,
      };
    }, href ?? '');
    expect(pdf).toMatchObject({ status: 200, type: 'application/pdf', head: '%PDF-' });
    expect(pdf.size).toBeGreaterThan(500);
    await expectAxeClean('billing with an invoice');
  });
});
