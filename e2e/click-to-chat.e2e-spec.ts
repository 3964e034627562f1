import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AUTH_COOKIE_NAME, type ConversationDto, type WhatsAppAccountDto } from '@aerostic/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  type Business,
  appUrl,
  expectVisible,
  launchBrowser,
  registerBusiness,
  saveScreenshot,
  uniqueBusiness,
} from './support/browser';
import { type SandboxBusiness, apiAs, connectSandboxNumber, sandbox } from './support/stack-clients';

/** Sandbox → webhook-worker → queue → API. */
const INBOUND_TIMEOUT_MS = 15_000;

describe('Click to chat', () => {
  let browser: Browser;
  let business: Business;
  let context: BrowserContext;
  let page: Page;
  let token: string;
  let number: { business: SandboxBusiness; account: WhatsAppAccountDto };
  let site: Server | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
    business = uniqueBusiness('ClickToChat');
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await registerBusiness(page, business);
    const cookie = (await context.cookies()).find((c) => c.name === AUTH_COOKIE_NAME);
    if (!cookie?.value) throw new Error(`No ${AUTH_COOKIE_NAME} cookie after registering`);
    token = cookie.value;
    number = await connectSandboxNumber(token, `${business.tenantName} Shop`);
  });

  afterAll(async () => {
    await new Promise((resolve) => (site ? site.close(resolve) : resolve(undefined)));
    await browser?.close();
  });

  it('should open the wa.me link with the prefilled text and ref from the widget embedded on a website', async () => {
    await page.goto(appUrl('/dashboard/whatsapp/click-to-chat'));
    await expectVisible(page.getByRole('heading', { name: 'Click to chat', exact: true }));

    await page.getByLabel('Name').first().fill('Homepage');
    await page.getByLabel('Kind').selectOption('widget');
    await page.getByLabel('Prefilled message').first().fill('Hi, I have a question');
    await page.getByLabel('Greeting').first().fill('Questions? Ask us on WhatsApp');
    // The preview runs the real script with the unsaved settings.
    const preview = page.frameLocator('iframe[title="Widget preview"]').first();
    await expectVisible(preview.getByText('Questions? Ask us on WhatsApp'));
    await page.getByRole('button', { name: 'Create' }).click();
    await expectVisible(page.getByRole('status').filter({ hasText: '“Homepage” created.' }));

    const snippet = await page.getByLabel('Website snippet of Homepage').inputValue();
    const link = await page.getByLabel('Link of Homepage').inputValue();
    const ref = /data-ref="([a-z0-9]{6})"/.exec(snippet)?.[1];
    if (!ref) throw new Error(`No ref in the snippet ${snippet}`);
    expect(link).toBe(
      `https://wa.me/${number.account.displayPhoneNumber}?text=${encodeURIComponent(`Hi, I have a question (ref: ${ref})`)}`,
    );
    await saveScreenshot(page, 'click-to-chat');

    // A plain website of another origin that only pastes the snippet.
    site = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html><head><title>Shop</title></head><body><h1>Our shop</h1>${snippet}</body></html>`);
    });
    await new Promise<void>((resolve) => site!.listen(0, '127.0.0.1', resolve));
    const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
    // wa.me is outside the test machine: a stand-in page answers it so the new tab's URL can be read.
    await context.route('https://wa.me/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<p>WhatsApp</p>' }),
    );

    const visitor = await context.newPage();
    await visitor.goto(siteUrl);
    const button = visitor.getByRole('button', { name: 'Chat on WhatsApp' });
    await expectVisible(button);
    await expectVisible(visitor.getByText('Questions? Ask us on WhatsApp'));
    const [opened] = await Promise.all([context.waitForEvent('page'), button.click()]);
    await opened.waitForURL((url) => url.hostname === 'wa.me');
    expect(opened.url()).toBe(link);
    const text = new URL(opened.url()).searchParams.get('text');
    expect(text).toBe(`Hi, I have a question (ref: ${ref})`);

    // The customer sends the prefilled text: the conversation records the widget as its source.
    const waId = `4477${String(Date.now()).slice(-8)}`;
    await sandbox().customerWrites({ waId, phoneNumberId: number.business.phone_number_id, text: text! });
    const deadline = Date.now() + INBOUND_TIMEOUT_MS;
    let conversation: ConversationDto | undefined;
    while (Date.now() < deadline && !conversation?.source) {
      conversation = (await apiAs(token).conversations(waId)).data[0];
      if (!conversation?.source) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(conversation?.source).toMatchObject({ type: 'entry_point', kind: 'widget', name: 'Homepage', ref });

    // The inbox's conversation details say where the customer came from.
    await page.goto(appUrl(`/dashboard/inbox?c=${conversation!.id}`));
    await expectVisible(page.getByTestId('conversation-source').filter({ hasText: 'From: Widget “Homepage”' }));
  });
});
