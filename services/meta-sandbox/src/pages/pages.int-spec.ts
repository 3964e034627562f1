import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { type Sandbox, startSandbox } from '../test-support/sandbox-harness';

/**
 * Clicks a button that closes its own window: the click can report the page closed while it is still returning,
 * which is the expected outcome here, not a failure. Any other failure still fails the test.
 */
async function clickClosing(popup: Page, button: Locator): Promise<void> {
  await button.click().catch((err: unknown) => {
    if (!popup.isClosed()) throw err;
  });
}

async function getPage(sandbox: Sandbox, path: string) {
  const res = await fetch(`${sandbox.baseUrl}${path}`);
  return { res, html: await res.text() };
}

describe('sandbox pages', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await startSandbox();
  });

  afterEach(async () => {
    await sandbox.close();
  });

  it('should serve the signup page with a nonce-only CSP, labelled fields and both buttons', async () => {
    const { res, html } = await getPage(sandbox, '/_sandbox/signup?origin=http://app.localhost');

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const nonce = /script-src 'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
    expect(nonce).toBeDefined();
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).not.toMatch(/<script(?![^>]*nonce)/);
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).toContain('<label for="business_name">Business name</label>');
    expect(html).toMatch(/<button type="submit" id="connect">Connect<\/button>/);
    expect(html).toMatch(/<button type="button" id="cancel">Cancel<\/button>/);
    expect(html).toContain('"openerOrigin":"http://app.localhost"');
  });

  it('should refuse an origin that is not a bare http(s) origin, escaping it', async () => {
    const { res, html } = await getPage(sandbox, `/_sandbox/signup?origin=${encodeURIComponent('javascript:"<x>')}`);

    expect(res.status).toBe(400);
    expect(html).toContain('role="alert"');
    expect(html).toContain('&quot;&lt;x&gt;');
    expect(html).toContain('"openerOrigin":null');
  });

  it('should list business numbers on the chat picker and open a chat for one', async () => {
    const business = await sandbox.createBusiness({ name: 'Corner Shop', display_phone_number: '15550100042' });

    const picker = await getPage(sandbox, '/_sandbox/chat');
    const chat = await getPage(sandbox, `/_sandbox/chat?phone_number_id=${business.phone_number_id}`);
    const unknown = await getPage(sandbox, '/_sandbox/chat?phone_number_id=1');

    expect(picker.html).toContain(`?phone_number_id=${business.phone_number_id}`);
    expect(picker.html).toContain('Corner Shop, +1 555-010-0042');
    expect(chat.res.status).toBe(200);
    expect(chat.html).toContain('<label for="wa_id">');
    expect(chat.html).toContain('<label for="body">Message</label>');
    expect(chat.html).toContain(`"phoneNumberId":"${business.phone_number_id}"`);
    expect(unknown.res.status).toBe(404);
  });
});

describe('signup popup in a browser', () => {
  let sandbox: Sandbox;
  let browser: Browser;
  let opener: Server;
  let openerOrigin: string;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    });
    // The platform's page, on another origin than the sandbox: it records what the popup posts to it.
    opener = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end(
        `<!doctype html><title>opener</title><script>
          window.received = [];
          window.addEventListener('message', (e) => window.received.push({ origin: e.origin, data: e.data }));
        </script>`,
      );
    });
    await new Promise<void>((resolve) => opener.listen(0, '127.0.0.1', resolve));
    openerOrigin = `http://127.0.0.1:${(opener.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await browser.close();
    opener.closeAllConnections();
    await new Promise((resolve) => opener.close(resolve));
  });

  beforeEach(async () => {
    sandbox = await startSandbox();
  });

  afterEach(async () => {
    await sandbox.close();
  });

  async function openPopup(): Promise<{ page: Page; popup: Page }> {
    const page = await browser.newPage();
    await page.goto(openerOrigin);
    const popupOpened = page.waitForEvent('popup');
    const url = `${sandbox.baseUrl}/_sandbox/signup?origin=${encodeURIComponent(openerOrigin)}`;
    // Page scripts as strings: this project compiles without the DOM library.
    await page.evaluate(`window.open(${JSON.stringify(url)}, 'signup', 'popup,width=500,height=600')`);
    const popup = await popupOpened;
    await popup.waitForLoadState();
    return { page, popup };
  }

  const received = (page: Page) => page.evaluate<{ origin: string; data: string }[]>('window.received');

  it('should post FINISH and the code to the opener, close itself, and hand over an exchangeable code', async () => {
    const { page, popup } = await openPopup();

    await popup.getByLabel('Business name').fill('Browser Bakery');
    const closed = popup.waitForEvent('close');
    await clickClosing(popup, popup.getByRole('button', { name: 'Connect' }));
    await closed;
    await page.waitForFunction('window.received.length === 2');

    const messages = await received(page);
    expect(messages.every((m) => m.origin === new URL(sandbox.baseUrl).origin)).toBe(true);
    const [finish, code] = messages.map((m) => JSON.parse(m.data) as Record<string, unknown>);
    expect(finish).toEqual({
      type: 'WA_EMBEDDED_SIGNUP',
      event: 'FINISH',
      version: 3,
      data: {
        phone_number_id: expect.stringMatching(/^\d+$/),
        waba_id: expect.stringMatching(/^\d+$/),
        business_id: expect.stringMatching(/^\d+$/),
        ad_account_ids: [],
        page_ids: [],
        dataset_ids: [],
      },
    });
    expect(code).toEqual({ type: 'WA_EMBEDDED_SIGNUP_CODE', code: expect.stringMatching(/^AQ/) });
    await expect(sandbox.exchangeCode(code!.code as string)).resolves.toMatch(/^EAA/);
    const { data } = (await sandbox.call<{ data: { waba_id: string; name: string }[] }>('GET', '/_sandbox/businesses'))
      .body;
    expect(data).toEqual([
      expect.objectContaining({ waba_id: (finish!.data as { waba_id: string }).waba_id, name: 'Browser Bakery' }),
    ]);
    await page.close();
  });

  it('should send what a person types on the chat page as a customer message webhook, without CSP errors', async () => {
    const business = await sandbox.createBusiness({ name: 'Chat Shop' });
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(`${sandbox.baseUrl}/_sandbox/chat?phone_number_id=${business.phone_number_id}`);

    await page.getByLabel('Your WhatsApp number (digits, with country code)').fill('+44 7700 900123');
    await page.getByLabel('Your profile name').fill('Ada');
    await page.getByLabel('Message').fill('Hello from the browser 👋');
    await page.getByRole('button', { name: 'Send' }).click();
    const [webhook] = await sandbox.receiver.waitForCount(1);
    await page.getByText('Hello from the browser 👋').waitFor();

    expect(webhook!.body.entry[0]!.changes[0]!.value).toMatchObject({
      contacts: [{ profile: { name: 'Ada' }, wa_id: '447700900123' }],
      messages: [{ from: '447700900123', type: 'text', text: { body: 'Hello from the browser 👋' } }],
    });
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('should post CANCEL at the phone number step when the person cancels', async () => {
    const { page, popup } = await openPopup();

    const closed = popup.waitForEvent('close');
    await clickClosing(popup, popup.getByRole('button', { name: 'Cancel' }));
    await closed;
    await page.waitForFunction('window.received.length === 1');

    const [message] = await received(page);
    expect(JSON.parse(message!.data)).toEqual({
      type: 'WA_EMBEDDED_SIGNUP',
      event: 'CANCEL',
      version: 3,
      data: { current_step: 'PHONE_NUMBER_VERIFICATION' },
    });
    expect((await sandbox.call('GET', '/_sandbox/businesses')).body).toEqual({ data: [] });
    await page.close();
  });
});
