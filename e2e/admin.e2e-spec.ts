import { randomInt, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AuthResponse, CreatedInvitationDto, WhatsAppAccountDto } from '@aerostic/shared';
import { generate } from 'otplib';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { blockingAxeViolations } from './support/axe';
import { adminUrl, expectVisible, launchBrowser, saveScreenshot } from './support/browser';
import { createSuperAdmin } from './support/platform-admin';
import { apiAs, connectSandboxNumber, registerViaApi, sandbox } from './support/stack-clients';
import { REPO_ROOT } from './support/stack-config';

const SCREENSHOTS_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');
/** A TOTP step: the API takes a code once, and none older than the last it took. */
const TOTP_PERIOD_SECONDS = 30;

/**
 * The admin panel end to end, as a new super admin runs the platform: created by `npm run admin:create`, enrolled
 * in two-step sign-in, then finding, suspending, reactivating and limiting a tenant, re-checking its number, and
 * finding all of it in the audit log. The tests run in order and share the signed-in browser.
 */
describe('Admin panel', () => {
  const id = randomUUID().slice(0, 8);
  const superAdmin = { email: `super-${id}@e2e.aerostic.test`, password: `admin-password-${id}` };
  const business = {
    tenantName: `Admin Target ${id}`,
    name: 'Ada Owner',
    email: `owner-${id}@e2e.aerostic.test`,
    password: `owner-password-${id}`,
  };
  const suspendReason = `Unpaid invoices ${id}`;
  const customerWaId = `4477${randomInt(10_000_000, 99_999_999)}`;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let totpSecret: string;
  /** The last time step a code was made for: the next sign-in needs a later one. */
  let lastStepUsed = 0;
  let owner: AuthResponse;
  let tenantId: string;
  let account: WhatsAppAccountDto;
  const supportAdmin = { email: `support-${id}@e2e.aerostic.test`, password: `support-password-${id}` };
  let supportInvitationLink: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    page = await context.newPage();
    createSuperAdmin(superAdmin.email, superAdmin.password);
    owner = await registerViaApi(business);
    tenantId = owner.user.tenantId;
    account = (await connectSandboxNumber(owner.access_token, `Admin Target ${id}`)).account;
    // Company for the tenant in the list, and traffic for the Control Tower's figures and chart.
    for (const name of ['Northwind Traders', 'Blue Harbour Cafe']) {
      await registerViaApi({
        ...business,
        tenantName: `${name} ${id}`,
        email: `${name.split(' ')[0]}-${id}@e2e.aerostic.test`.toLowerCase(),
      });
    }
    for (const text of ['Hello, is my order on its way?', 'Order 1234, thanks']) {
      await sandbox().customerWrites({ waId: customerWaId, phoneNumberId: account.phoneNumberId, text });
    }
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** A code for a time step after the last one used; the API accepts one step ahead of its clock. */
  async function nextCode(): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    let step = Math.floor(now / TOTP_PERIOD_SECONDS);
    if (step <= lastStepUsed) step = lastStepUsed + 1;
    lastStepUsed = step;
    return generate({ secret: totpSecret, epoch: step * TOTP_PERIOD_SECONDS });
  }

  async function expectAxeClean(what: string): Promise<void> {
    expect({ what, violations: await blockingAxeViolations(page) }).toEqual({ what, violations: [] });
  }

  it('should send a visitor without a session to sign in and remember where they were going', async () => {
    await page.goto(adminUrl('/dashboard/tenants?status=suspended'));

    const url = new URL(page.url());
    expect(url.pathname).toBe('/login');
    expect(url.searchParams.get('next')).toBe('/dashboard/tenants?status=suspended');
    await expectVisible(page.getByRole('heading', { name: 'Sign in to the admin panel' }));
    await expectAxeClean('sign-in');
  });

  it('should refuse a wrong password with the reason and keep the email typed', async () => {
    await page.getByLabel('Email').fill(superAdmin.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expectVisible(alert(page, /./));
    expect(await page.getByLabel('Email').inputValue()).toBe(superAdmin.email);
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('should sign a new super admin in and enrol an authenticator with the QR code and its secret', async () => {
    await page.getByLabel('Password').fill(superAdmin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard/tenants');
    await expectVisible(page.getByTestId('signed-in-email').filter({ hasText: superAdmin.email }));
    await expectVisible(page.getByText('Super admin', { exact: true }));

    await page.getByRole('link', { name: 'Set up two-step sign-in' }).click();
    await page.waitForURL((url) => url.pathname === '/enrol');
    await page.getByRole('button', { name: 'Show my QR code' }).click();
    await expectVisible(page.getByRole('img', { name: /QR code/ }));
    totpSecret = await page.getByRole('textbox', { name: 'Secret key' }).inputValue();
    expect(totpSecret).toMatch(/^[A-Z2-7]{16,}$/);
    await expectAxeClean('enrolment');

    const enrolCode = page.getByLabel('Code from the app');
    await enrolCode.fill('000000');
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await expectVisible(alert(page, /does not match/));
    await untilEmpty(enrolCode);

    await enrolCode.fill(await nextCode());
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard');
    await expectVisible(page.getByText('Two-step sign-in is on'));
    expect(await page.getByRole('link', { name: 'Set up two-step sign-in' }).count()).toBe(0);
  });

  it('should ask an enrolled admin for a code after the password, and sign in with it', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await expectVisible(page.getByText('You have signed out.'));
    await page.goto(adminUrl('/dashboard'));
    expect(new URL(page.url()).pathname).toBe('/login');

    await page.getByLabel('Email').fill(superAdmin.email);
    await page.getByLabel('Password').fill(superAdmin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const code = page.getByLabel('Authentication code');
    await expectVisible(code);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sign-in-totp');
    await expectAxeClean('sign-in code step');

    await code.fill('123456');
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await expectVisible(alert(page, /./));
    await untilEmpty(code);

    await code.fill(await nextCode());
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard');
  });

  it('should show the Control Tower with the platform figures, charts and queues', async () => {
    await expectVisible(page.getByRole('heading', { name: 'Control Tower', level: 1 }));
    const tenants = page.locator('dt', { hasText: /^Tenants$/ }).locator('xpath=following-sibling::dd[1]');
    expect(Number((await tenants.innerText()).replace(/,/g, ''))).toBeGreaterThanOrEqual(1);
    await expectVisible(page.getByRole('heading', { name: 'Messages per day' }));
    await expectVisible(page.locator('#messages-chart svg.recharts-surface'));
    await expectVisible(page.getByRole('cell', { name: 'meta-webhooks' }));
    await expectVisible(page.getByRole('link', { name: 'Open the queue dashboard' }));
    await expectAxeClean('control tower');
    await docsScreenshot(page, 'admin-control-tower');
  });

  it('should open the queue dashboard through the panel for a super admin', async () => {
    const response = await page.goto(adminUrl('/admin/queues'));
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toContain('text/html');
    await page.goto(adminUrl('/dashboard'));
  });

  it('should find the tenant by name and show its people, number and limits', async () => {
    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Tenants' }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard/tenants');
    await expectVisible(page.getByRole('heading', { name: 'All tenants' }));
    await expectVisible(page.getByRole('link', { name: `Northwind Traders ${id}` }));
    await expectAxeClean('tenants');
    await docsScreenshot(page, 'admin-tenants');

    await page.getByLabel('Name or slug').fill(business.tenantName);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((url) => url.searchParams.get('search') === business.tenantName);
    await expectVisible(page.getByRole('heading', { name: 'Matching tenants' }));
    expect(await page.getByRole('link', { name: `Northwind Traders ${id}` }).count()).toBe(0);

    await page.getByRole('link', { name: business.tenantName }).click();
    await page.waitForURL((url) => url.pathname === `/dashboard/tenants/${tenantId}`);
    await expectVisible(page.getByRole('heading', { name: business.tenantName, level: 1 }));
    await expectVisible(page.getByRole('cell', { name: new RegExp(escapeRegExp(business.email)) }));
    await expectVisible(page.getByText(account.displayPhoneNumber).first());
    await expectVisible(page.getByRole('region', { name: 'Usage and limits' }));
    await expectAxeClean('tenant detail');
  });

  it('should suspend the tenant only with a reason, given in a dialog, and refuse its people', async () => {
    await page.getByRole('button', { name: 'Suspend' }).click();
    const dialog = page.getByRole('dialog', { name: `Suspend ${business.tenantName}?` });
    await expectVisible(dialog);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('suspend-tenant-reason');
    await expectAxeClean('suspend dialog');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Suspend');

    await page.getByRole('button', { name: 'Suspend' }).click();
    await dialog.getByRole('button', { name: 'Suspend tenant' }).click();
    await expectVisible(dialog.getByText('Reason must be at least 3 characters').first());

    await dialog.getByLabel('Reason').fill(suspendReason);
    await dialog.getByRole('button', { name: 'Suspend tenant' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expectVisible(page.getByText('Suspended', { exact: true }));
    await expectVisible(page.getByText(suspendReason).first());

    const refused = await apiAs(owner.access_token).call('/auth/me');
    expect(refused.status).toBe(403);
  });

  it('should reactivate the tenant and let its people back in', async () => {
    await page.getByRole('button', { name: 'Reactivate' }).click();
    const dialog = page.getByRole('dialog', { name: `Reactivate ${business.tenantName}?` });
    await dialog.getByLabel('Reason (optional)').fill('Paid in full');
    await dialog.getByRole('button', { name: 'Reactivate tenant' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expectVisible(page.getByRole('button', { name: 'Suspend' }));

    const welcomed = await apiAs(owner.access_token).call('/auth/me');
    expect(welcomed.status).toBe(200);
  });

  it('should lower the tenant agent limit so that its next invitation is refused with 402', async () => {
    const limits = page.getByRole('form', { name: 'This tenant’s limits' });
    const agents = limits.getByRole('group', { name: 'Agents' });
    await agents.getByLabel('At most').check();
    await agents.getByLabel('Maximum agents').fill('1');
    await limits.getByLabel('Reason (optional)').fill('Trial seat');
    await limits.getByRole('button', { name: 'Save limits' }).click();
    await expectVisible(limits.getByText('Limits saved.'));
    await expectVisible(page.getByText('At the limit').first());

    const invitation = await apiAs(owner.access_token).call('/users/invitations', {
      method: 'POST',
      body: { email: `agent-${id}@e2e.aerostic.test`, role: 'agent' },
    });
    expect(invitation.status).toBe(402);
    expect(invitation.body).toMatchObject({ error: 'limit_reached', limit: { name: 'agents', max: 1, used: 1 } });
    expect((invitation.body as CreatedInvitationDto).invitationUrl).toBeUndefined();
  });

  it("should re-check the tenant's number with Meta from Meta tokens and show the result", async () => {
    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Meta tokens' }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard/meta-tokens');
    await page.goto(adminUrl(`/dashboard/meta-tokens?tenantId=${tenantId}`));
    const row = page.getByRole('row').filter({ hasText: account.displayPhoneNumber });
    await expectVisible(row);

    await row.getByRole('button', { name: `Re-check ${account.displayPhoneNumber}` }).click();
    await expectVisible(row.getByRole('status').filter({ hasText: /^Checked: Token valid/ }));
    await expectVisible(row.getByText('Valid', { exact: true }));

    await page.getByRole('link', { name: /^Quality and tier/ }).click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'quality');
    const sorted = page.getByRole('columnheader', { name: /Quality and tier/ });
    expect(await sorted.getAttribute('aria-sort')).toBe('ascending');
    await page.getByLabel('Token status').selectOption('valid');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((url) => url.searchParams.get('tokenStatus') === 'valid');
    expect(new URL(page.url()).searchParams.get('sort')).toBe('quality');
    await expectVisible(page.getByRole('row').filter({ hasText: account.displayPhoneNumber }));
    await expectAxeClean('meta tokens');
  });

  it('should invite an admin with a one-time link, revoke it, and explain why the last super admin stays', async () => {
    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Admins' }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard/admins');
    supportInvitationLink = await invite(page, supportAdmin.email);
    expect(supportInvitationLink).toContain('/accept-invitation?token=');
    await expectAxeClean('admins');

    const revoked = `revoked-${id}@e2e.aerostic.test`;
    await invite(page, revoked);
    await page.getByRole('button', { name: `Revoke the invitation for ${revoked}` }).click();
    const dialog = page.getByRole('dialog', { name: `Revoke the invitation for ${revoked}?` });
    await dialog.getByRole('button', { name: 'Revoke invitation' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: `Revoke the invitation for ${revoked}` }).waitFor({ state: 'detached' });
    await expectVisible(page.getByRole('button', { name: `Revoke the invitation for ${supportAdmin.email}` }));

    // The refusal needs this admin to be the only super admin, as it is in the fresh database globalSetup makes.
    const superAdmins = page.getByRole('row').filter({ has: page.getByText('Super admin', { exact: true }) });
    expect({ superAdmins: await superAdmins.count() }).toEqual({ superAdmins: 1 });
    const me = page.getByRole('row').filter({ hasText: superAdmin.email });
    await me.getByLabel(/^Role for /).selectOption('admin');
    await me.getByRole('button', { name: /^Save role for / }).click();
    await expectVisible(me.getByRole('alert').filter({ hasText: /super admin/i }));
    await expectVisible(page.getByText('Super admin', { exact: true }).first());
  });

  it('should let an invited support admin join, and keep what only super admins may do out of reach', async () => {
    const supportContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const support = await supportContext.newPage();
    try {
      await support.goto(supportInvitationLink);
      await expectVisible(support.getByRole('heading', { name: 'Join the admin team' }));
      expect(await support.getByRole('textbox', { name: 'Email' }).inputValue()).toBe(supportAdmin.email);
      expect(await blockingAxeViolations(support)).toEqual([]);
      await support.getByLabel('Your name').fill('Sam Support');
      await support.getByLabel('Choose a password').fill(supportAdmin.password);
      await support.getByRole('button', { name: 'Create my admin account' }).click();
      await support.waitForURL((url) => url.pathname === '/dashboard');
      await expectVisible(support.getByTestId('signed-in-email').filter({ hasText: supportAdmin.email }));

      const sections = support.getByRole('navigation', { name: 'Admin sections' });
      await expectVisible(sections.getByRole('link', { name: 'Tenants' }));
      expect(await sections.getByRole('link', { name: 'Admins' }).count()).toBe(0);
      expect(await support.getByRole('link', { name: 'Open the queue dashboard' }).count()).toBe(0);
      await support.goto(adminUrl('/dashboard/admins'));
      await expectVisible(support.getByRole('heading', { name: 'Needs a super admin' }));
      await support.goto(adminUrl('/dashboard/quotas'));
      await expectVisible(support.getByText('Only a super admin can change the platform defaults.'));
      expect(await support.getByRole('form', { name: 'Platform defaults' }).count()).toBe(0);
      await support.goto(adminUrl(`/dashboard/tenants/${tenantId}`));
      await expectVisible(support.getByRole('button', { name: 'Suspend' }));
      expect(await support.getByRole('form', { name: 'This tenant’s limits' }).count()).toBe(0);
      expect(await blockingAxeViolations(support)).toEqual([]);
    } finally {
      await supportContext.close();
    }
  });

  it('should show the platform defaults and lead from a tenant lookup to its limits', async () => {
    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Quotas' }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard/quotas');
    const defaults = page.getByRole('form', { name: 'Platform defaults' });
    await expectVisible(defaults.getByRole('group', { name: 'Outbound messages per month' }));
    await page.getByLabel('Name or slug').fill(business.tenantName);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('link', { name: `Limits of ${business.tenantName}` }).click();
    await page.waitForURL((url) => url.pathname === `/dashboard/tenants/${tenantId}`);
    await page.goto(adminUrl('/dashboard/quotas'));
    await expectAxeClean('quotas');
  });

  it('should find every action taken here in the audit log, with its reason, and export it as CSV', async () => {
    await page.goto(adminUrl(`/dashboard/audit-logs?tenantId=${tenantId}`));
    await expectVisible(page.getByRole('heading', { name: 'Matching entries' }));
    for (const action of ['tenant.suspended', 'tenant.reactivated', 'tenant.limits_changed', 'whatsapp.checked']) {
      await expectVisible(page.getByRole('cell', { name: action, exact: true }));
    }
    await expectVisible(page.getByText(`“${suspendReason}”`));
    await expectAxeClean('audit logs');

    await page.getByLabel('Action').fill('tenant.suspended');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((url) => url.searchParams.get('action') === 'tenant.suspended');
    expect(await page.getByRole('cell', { name: 'tenant.reactivated', exact: true }).count()).toBe(0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toContain('tenant.suspended');
    expect(csv).toContain(suspendReason);
    expect(csv).not.toContain('tenant.reactivated');

    await page.goto(adminUrl('/dashboard/audit-logs?actor=' + encodeURIComponent(superAdmin.email)));
    await expectVisible(page.getByRole('cell', { name: 'admin.totp_enrolled', exact: true }));
  });
});

/**
 * The first super admin, created as an operator would: `npm run admin:create` against the stack's database.
 */
/** The README shows these; taken at 1280 px, like the tenant dashboard's. */
async function docsScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
  await saveScreenshot(page, name);
}

/** Creates an invitation from the Admins page and answers the one-time link it shows. */
async function invite(page: Page, email: string): Promise<string> {
  const form = page.getByRole('form', { name: 'Invite an admin' });
  await form.getByLabel('Email').fill(email);
  await form.getByRole('button', { name: 'Create invitation' }).click();
  const shown = page.getByRole('status').filter({ hasText: email });
  await expectVisible(shown);
  return shown.getByRole('textbox', { name: 'Invitation link' }).inputValue();
}

/** React empties a form's fields once its action has answered: typing before that would be lost. */
async function untilEmpty(field: Locator): Promise<void> {
  const deadline = Date.now() + 5_000;
  while ((await field.inputValue()) !== '') {
    if (Date.now() > deadline) throw new Error('The field kept its value after the form answered');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** An alert with some text: Next.js keeps an empty one of its own for route announcements. */
function alert(page: Page, text: RegExp) {
  return page.getByRole('alert').filter({ hasText: text });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
