import { randomInt } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  AUTH_COOKIE_NAME,
  type ConversationDto,
  type AuthResponse,
  type CreatedInvitationDto,
  type MeResponse,
  type MessageDto,
  type Page as ApiPage,
  type WhatsAppAccountDto,
} from '@aerostic/shared';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { blockingAxeViolations } from './support/axe';
import {
  type Business,
  appUrl,
  expectVisible,
  launchBrowser,
  registerBusiness,
  uniqueBusiness,
} from './support/browser';
import { apiAs, apiBaseUrl, httpJson, sandbox } from './support/stack-clients';
import { REPO_ROOT } from './support/stack-config';

/** Connecting asks Meta (the sandbox) five things in a row; a small machine needs a moment. */
const CONNECT_TIMEOUT_MS = 30_000;
/** Sandbox → webhook-worker → queue → API, and Meta's template review (200 ms) → webhook → API. */
const PIPELINE_TIMEOUT_MS = 20_000;
const SCREENSHOTS_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');

describe('Dashboard: overview, contacts, team and settings', () => {
  let browser: Browser;
  let business: Business;
  let context: BrowserContext;
  let page: Page;
  let token: string;
  let me: MeResponse;
  let account: WhatsAppAccountDto;
  const customer = { waId: `4475${randomInt(10_000_000, 99_999_999)}`, name: 'Grace Customer' };

  beforeAll(async () => {
    browser = await launchBrowser();
    business = uniqueBusiness('Dashboard');
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    page = await context.newPage();
    await registerBusiness(page, business);
    token = await sessionToken(context);
    me = expectOk<MeResponse>(await apiAs(token).call('/auth/me'));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("should show today's figures and link the latest conversations into the inbox", async () => {
    await page.goto(appUrl('/dashboard'));
    await expectVisible(page.getByText('No conversations yet.'));
    expect(await figure(page, 'messages-received')).toBe('0');

    account = await connectNumber(page, business);
    // WhatsApp's timestamps are whole seconds and the two webhooks may be processed in either order: a second apart,
    // the later message is the conversation's last whichever lands first.
    const now = Math.floor(Date.now() / 1000);
    await sandbox().customerWrites({
      waId: customer.waId,
      phoneNumberId: account.phoneNumberId,
      text: 'Hi, is my order ready?',
      profileName: customer.name,
      timestamp: now - 1,
    });
    await sandbox().customerWrites({
      waId: customer.waId,
      phoneNumberId: account.phoneNumberId,
      text: 'Order 1234',
      profileName: customer.name,
      timestamp: now,
    });
    const conversation = await waitFor(
      'the customer’s two messages',
      async () => {
        const page = await apiAs(token).conversations(customer.waId);
        return page.data.find((c) => c.lastMessagePreview === 'Order 1234');
      },
      // Say where it stopped: did the sandbox deliver the webhooks, and what did the stack answer?
      () => sandbox().deliveries(),
    );

    await page.goto(appUrl('/dashboard'));
    expect(await figure(page, 'messages-received')).toBe('2');
    expect(await figure(page, 'messages-sent')).toBe('0');
    expect(await figure(page, 'failed-sends')).toBe('0');
    expect(await figure(page, 'open-conversations')).toBe('1');
    expect(await figure(page, 'unassigned')).toBe('1');
    const link = page.getByRole('link', { name: new RegExp(customer.name) });
    await expectVisible(link);
    expect(await link.getAttribute('href')).toBe(`/dashboard/inbox?c=${conversation.id}`);

    await expectNoBlockingViolations(page, 'overview');
    await docsScreenshot(page, 'overview');
    await expectFitsWidth(page, 768);
  });

  it('should create a contact, refuse a bad number beside the field, and edit the contact', async () => {
    await page.goto(appUrl('/dashboard/contacts'));
    const form = page.getByRole('form', { name: 'Add a contact' });

    await form.getByLabel('WhatsApp number').fill('0123 456');
    await form.getByLabel('Name', { exact: true }).fill('Nora Newman');
    await form.getByRole('button', { name: 'Add contact' }).click();
    await expectVisible(form.getByText(/has no country code/));
    // What was typed is kept for the correction.
    expect(await form.getByLabel('Name', { exact: true }).inputValue()).toBe('Nora Newman');

    await form.getByLabel('WhatsApp number').fill('+44 7700 900123');
    await form.getByLabel('Tags').fill('VIP, lisbon');
    await form.getByRole('button', { name: 'Add attribute' }).click();
    await form.getByLabel('Attribute 1 name').fill('City');
    await form.getByLabel('Attribute 1 value').fill('Porto');
    await form.getByRole('button', { name: 'Add contact' }).click();
    await expectVisible(form.getByRole('status').filter({ hasText: 'Nora Newman was added to your contacts.' }));

    const row = page.getByTestId('contact-row').filter({ hasText: 'Nora Newman' });
    await expectVisible(row);
    await expectVisible(row.getByText('+447700900123'));
    await expectVisible(row.getByRole('link', { name: 'Show contacts tagged vip' }));
    await expectVisible(row.getByText('Porto'));

    await row.getByRole('link', { name: 'Edit Nora Newman' }).click();
    const edit = page.getByRole('form', { name: 'Edit Nora Newman' });
    await expectVisible(edit);
    expect(await edit.getByLabel('Attribute 1 value').inputValue()).toBe('Porto');
    await edit.getByLabel('Name', { exact: true }).fill('Nora Nunes');
    await edit.getByLabel('Tags').fill('vip');
    await edit.getByLabel('Attribute 1 value').fill('Lisbon');
    await edit.getByLabel('Marketing consent').selectOption('opted_out');
    await edit.getByRole('button', { name: 'Save contact' }).click();
    // The form is named after the contact, whose new name the page shows once saved.
    const saved = page.getByRole('form', { name: 'Edit Nora Nunes' });
    await expectVisible(saved.getByRole('status').filter({ hasText: 'Nora Nunes is saved.' }));
    expect(await saved.getByLabel('Marketing consent').inputValue()).toBe('opted_out');

    const edited = page.getByTestId('contact-row').filter({ hasText: 'Nora Nunes' });
    await expectVisible(edited.getByText('Opted out of marketing'));
    await expectVisible(edited.getByText('Lisbon'));
    expect(await edited.getByRole('link', { name: 'Show contacts tagged lisbon' }).count()).toBe(0);

    await page.getByLabel('Search').fill('nunes');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL((url) => url.searchParams.get('search') === 'nunes');
    expect(await page.getByTestId('contact-row').count()).toBe(1);
    await page.getByRole('link', { name: 'Clear filters' }).click();
    await page.waitForURL((url) => url.search === '');
    expect(await page.getByTestId('contact-row').count()).toBe(2);
  });

  it('should import a CSV file, report the rejected rows, and export the filtered contacts', async () => {
    await page.goto(appUrl('/dashboard/contacts'));
    const csv = [
      'phone,name,tags,opted_out,shoe size',
      '+351 911 111 111,Iris Import,imported,no,38',
      'not-a-number,Bad Row,,,',
      '+351 922 222 222,Ivo Import,imported;vip,yes,44',
    ].join('\n');
    await page.getByLabel('CSV file').setInputFiles({
      name: 'contacts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByRole('button', { name: 'Import file' }).click();

    const report = page.getByTestId('import-report');
    await expectVisible(report.getByText('Import finished: 2 rows saved (2 new, 0 updated), 1 row rejected.'));
    const rejected = report.getByRole('row').filter({ hasText: 'not-a-number' });
    await expectVisible(rejected);
    expect(await rejected.getByRole('cell').first().textContent()).toBe('2');
    await expectVisible(page.getByTestId('contact-row').filter({ hasText: 'Ivo Import' }));

    await page.goto(appUrl('/dashboard/contacts?tag=imported'));
    expect(await page.getByTestId('contact-row').count()).toBe(2);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export these contacts (CSV)' }).click(),
    ]);
    const file = await download.path();
    const lines = readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('phone,name,profile_name,tags,marketing_consent,created_at,shoe_size');
    expect(lines.slice(1).sort()).toEqual([
      expect.stringMatching(/^351911111111,Iris Import,,imported,unknown,[^,]+,38$/),
      expect.stringMatching(/^351922222222,Ivo Import,,imported;vip,opted_out,[^,]+,44$/),
    ]);
    expect(download.suggestedFilename()).toMatch(/^contacts-\d{4}-\d{2}-\d{2}\.csv$/);

    await page.goto(appUrl('/dashboard/contacts'));
    await expectNoBlockingViolations(page, 'contacts');
    await docsScreenshot(page, 'contacts');
    await expectFitsWidth(page, 768);
  });

  it('should write to a contact first with an approved template and open the conversation', async () => {
    const name = `order_ready_${randomInt(1_000_000)}`;
    expectOk(
      await apiAs(token).call('/templates', {
        method: 'POST',
        body: {
          whatsappAccountId: account.id,
          name,
          language: 'en_US',
          category: 'UTILITY',
          components: [{ type: 'BODY', text: 'Hello {{1}}, your order is ready.', example: { body_text: [['Ada']] } }],
        },
      }),
    );
    await waitFor(`template ${name} approved`, async () => {
      const list = expectOk<{ data: Array<{ name: string }> }>(
        await apiAs(token).call(`/templates?whatsappAccountId=${account.id}&status=APPROVED`),
      );
      return list.data.find((t) => t.name === name);
    });

    await page.goto(appUrl('/dashboard/contacts?search=Iris'));
    await page.getByRole('link', { name: 'Send template to Iris Import' }).click();
    const form = page.getByRole('form', { name: 'Send a template' });
    await expectVisible(form);
    await form.getByLabel('Approved template').selectOption({ label: `${name} (en_US)` });
    await form.getByLabel('Body variable {{1}}').fill('Iris');
    await expectVisible(form.getByText('Hello Iris, your order is ready.'));
    await form.getByRole('button', { name: 'Send template and open conversation' }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard/inbox' && url.searchParams.has('c'));

    const conversationId = new URL(page.url()).searchParams.get('c') ?? '';
    const conversation = expectOk<ConversationDto>(await apiAs(token).call(`/conversations/${conversationId}`));
    expect(conversation.contact).toMatchObject({ waId: '351911111111', displayName: 'Iris Import' });
    const messages = expectOk<ApiPage<MessageDto>>(
      await apiAs(token).call(`/conversations/${conversationId}/messages`),
    );
    expect(messages.data).toEqual([
      expect.objectContaining({
        direction: 'outbound',
        type: 'template',
        content: expect.objectContaining({ template: expect.objectContaining({ name }) }),
      }),
    ]);
  });

  it('should show each member’s open conversations on the team page', async () => {
    const [conversation] = (await apiAs(token).conversations(customer.waId)).data;
    expectOk(
      await apiAs(token).call(`/conversations/${conversation!.id}`, {
        method: 'PATCH',
        body: { assigneeId: me.user.id },
      }),
    );

    await page.goto(appUrl('/dashboard/team'));
    await expectVisible(page.getByRole('columnheader', { name: 'Open conversations' }));
    expect((await page.getByTestId(`open-count-${me.user.id}`).textContent())?.trim()).toBe('1');
    await expectNoBlockingViolations(page, 'team');
    await expectFitsWidth(page, 768);
  });

  it('should change the name and the password, and log in with the new password', async () => {
    await page.goto(appUrl('/dashboard/settings'));
    const profile = page.getByRole('form', { name: 'Your profile' });
    await profile.getByLabel('Your name').fill('Ada Renamed');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await expectVisible(profile.getByRole('status').filter({ hasText: 'Your name is saved.' }));
    await expectVisible(page.getByRole('banner').getByText('Ada Renamed', { exact: true }));
    await expectNoBlockingViolations(page, 'settings');

    const password = page.getByRole('form', { name: 'Change password' });
    const newPassword = `${business.password}-new`;
    await password.getByLabel('Current password').fill('not my password');
    await password.getByLabel('New password', { exact: true }).fill(newPassword);
    await password.getByLabel('Repeat the new password').fill(newPassword);
    await password.getByRole('button', { name: 'Change password' }).click();
    await expectVisible(password.getByText('The current password is not correct').first());

    await password.getByLabel('Current password').fill(business.password);
    await password.getByLabel('New password', { exact: true }).fill(newPassword);
    await password.getByLabel('Repeat the new password').fill(newPassword);
    await password.getByRole('button', { name: 'Change password' }).click();
    await expectVisible(password.getByRole('status').filter({ hasText: 'Password changed.' }));

    // The cookie holds the new token: this browser is still signed in, the old token no longer works.
    await page.reload();
    await expectVisible(page.getByRole('form', { name: 'Your profile' }));
    expect((await apiAs(token).call('/auth/me')).status).toBe(401);

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByLabel('Email').fill(business.email);
    await page.getByLabel('Password').fill(business.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expectVisible(page.getByRole('main').getByRole('alert'));
    expect(new URL(page.url()).pathname).toBe('/login');

    await page.getByLabel('Password').fill(newPassword);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard');
    await expectVisible(page.getByRole('heading', { name: 'Welcome, Ada' }));
    token = await sessionToken(context);
  });

  it('should let an agent edit contacts and their own profile, without import, export or workspace settings', async () => {
    const invitation = expectOk<CreatedInvitationDto>(
      await apiAs(token).call('/users/invitations', {
        method: 'POST',
        body: { email: business.email.replace('admin-', 'agent-'), role: 'agent' },
      }),
    );
    const accepted = expectOk<AuthResponse>(
      await httpJson(new URL('/auth/accept-invitation', apiBaseUrl()).toString(), {
        method: 'POST',
        body: {
          token: new URL(invitation.invitationUrl).searchParams.get('token'),
          name: 'Alan Agent',
          password: 'agent-password-123',
        },
      }),
    );
    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      await agentContext.addCookies([{ name: AUTH_COOKIE_NAME, value: accepted.access_token, url: appUrl('/') }]);
      const agent = await agentContext.newPage();

      await agent.goto(appUrl('/dashboard/contacts'));
      await expectVisible(agent.getByRole('form', { name: 'Add a contact' }));
      await expectVisible(agent.getByRole('link', { name: 'Edit Nora Nunes' }));
      expect(await agent.getByRole('form', { name: 'Import contacts' }).count()).toBe(0);
      expect(await agent.getByRole('link', { name: /^Export/ }).count()).toBe(0);

      await agent.goto(appUrl('/dashboard/settings'));
      await expectVisible(agent.getByRole('form', { name: 'Your profile' }));
      await expectVisible(agent.getByRole('form', { name: 'Change password' }));
      await expectVisible(agent.getByRole('alert').filter({ hasText: 'You need admin rights' }));
      expect(await agent.getByLabel('Workspace name').count()).toBe(0);
    } finally {
      await agentContext.close();
    }
  });

  it('should have no serious or critical accessibility violations on the WhatsApp page', async () => {
    await page.goto(appUrl('/dashboard/whatsapp'));
    await expectVisible(page.getByRole('heading', { name: 'WhatsApp', exact: true }));
    await expectNoBlockingViolations(page, 'whatsapp');
    await docsScreenshot(page, 'whatsapp');
  });

  it('should have no serious or critical accessibility violations on the inbox', async () => {
    await page.goto(appUrl('/dashboard/inbox'));
    await expectVisible(page.getByRole('main'));
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await expectNoBlockingViolations(page, 'inbox');
  });
});

async function sessionToken(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === AUTH_COOKIE_NAME);
  if (!cookie?.value) throw new Error(`No ${AUTH_COOKIE_NAME} cookie in the browser`);
  return cookie.value;
}

async function figure(page: Page, name: string): Promise<string> {
  const cell = page.getByTestId(`figure-${name}`);
  await expectVisible(cell);
  return (await cell.textContent())?.trim() ?? '';
}

async function expectNoBlockingViolations(page: Page, name: string): Promise<void> {
  const violations = await blockingAxeViolations(page);
  if (violations.length > 0) throw new Error(`axe found on ${name}:\n${violations.join('\n')}`);
}

/** The page at a tablet's width: nothing wider than the screen, so no sideways scrolling of the whole page. */
async function expectFitsWidth(page: Page, width: number): Promise<void> {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width, height: 1024 });
  try {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  } finally {
    if (viewport) await page.setViewportSize(viewport);
  }
}

/** The README shows these; they are taken at 1280 px, the width the dashboard is designed for. */
async function docsScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  explain?: () => Promise<string>,
): Promise<T> {
  const deadline = Date.now() + PIPELINE_TIMEOUT_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}${explain ? `\n${await explain()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function expectOk<T>(result: { status: number; body: unknown; text: string }): T {
  if (result.status < 200 || result.status >= 300) {
    throw new Error(`The API answered ${result.status}: ${result.text.slice(0, 1_000)}`);
  }
  return result.body as T;
}

/** Embedded Signup through the sandbox's popup, as a person does it; answers the connected number. */
async function connectNumber(page: Page, business: Business): Promise<WhatsAppAccountDto> {
  await page.goto(appUrl('/dashboard/whatsapp'));
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('button', { name: 'Connect WhatsApp number' }).click(),
  ]);
  await popup.waitForLoadState();
  await popup.getByLabel('Business name').fill(`${business.tenantName} Shop`);
  const closed = popup.waitForEvent('close', { timeout: CONNECT_TIMEOUT_MS });
  await clickInClosingPopup(popup, popup.getByRole('button', { name: 'Connect', exact: true }));
  await closed;
  await expectVisible(page.getByRole('status').filter({ hasText: 'is connected' }));
  const token = await sessionToken(page.context());
  const [account] = await apiAs(token).whatsappAccounts();
  if (!account) throw new Error('No number is listed after connecting');
  return account;
}

async function clickInClosingPopup(popup: Page, button: Locator): Promise<void> {
  await button.click().catch((error: unknown) => {
    if (!popup.isClosed()) throw error;
  });
}
