import { randomInt } from 'node:crypto';
import { AUTH_COOKIE_NAME, type WhatsAppAccountDto } from '@aerostic/shared';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  type Business,
  appUrl,
  expectVisible,
  launchBrowser,
  registerBusiness,
  saveScreenshot,
  uniqueBusiness,
} from './support/browser';
import { type RealtimeSocket, apiAs, connectRealtime, nextEvent, sandbox } from './support/stack-clients';

/** Connecting asks Meta (the sandbox) five things in a row; a small machine needs a moment. */
const CONNECT_TIMEOUT_MS = 30_000;
/** Sandbox → webhook-worker → queue → API → Socket.IO. */
const LIVE_MESSAGE_TIMEOUT_MS = 10_000;

describe('WhatsApp numbers', () => {
  let browser: Browser;
  let business: Business;
  let context: BrowserContext;
  let page: Page;
  let token: string;
  let account: WhatsAppAccountDto | undefined;
  let socket: RealtimeSocket | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
    business = uniqueBusiness('WhatsApp');
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    await registerBusiness(page, business);
    const cookie = (await context.cookies()).find((c) => c.name === AUTH_COOKIE_NAME);
    if (!cookie?.value) throw new Error(`No ${AUTH_COOKIE_NAME} cookie after registering`);
    token = cookie.value;
  });

  afterAll(async () => {
    socket?.close();
    await browser?.close();
  });

  it('should connect a number through the Embedded Signup popup and list it', async () => {
    await page.goto(appUrl('/dashboard/whatsapp'));
    await expectVisible(page.getByRole('heading', { name: 'WhatsApp', exact: true }));
    await expectVisible(page.getByText('No WhatsApp number connected yet'));

    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('button', { name: 'Connect WhatsApp number' }).click(),
    ]);
    await popup.waitForLoadState();
    expect(new URL(popup.url()).pathname).toBe('/_sandbox/signup');
    const shopName = `${business.tenantName} Shop`;
    await popup.getByLabel('Business name').fill(shopName);
    const closed = popup.waitForEvent('close', { timeout: CONNECT_TIMEOUT_MS });
    await clickInClosingPopup(popup, popup.getByRole('button', { name: 'Connect', exact: true }));
    await closed.catch(async (error: unknown) => {
      const status = await popup
        .getByRole('status')
        .textContent()
        .catch(() => null);
      throw new Error(`The sandbox popup did not close after Connect; it says: ${status}`, { cause: error });
    });

    // Success, or the page's explanation of what went wrong, whichever comes first.
    const connected = page.getByRole('status').filter({ hasText: 'is connected' });
    // Inside <main>: Next's route announcer is an alert too, outside it.
    const problem = page.getByRole('main').getByRole('alert');
    await connected.or(problem).first().waitFor({ state: 'visible', timeout: CONNECT_TIMEOUT_MS });
    if ((await problem.count()) > 0) {
      throw new Error(`Connecting failed on the page: ${await problem.first().textContent()}`);
    }

    const accounts = await apiAs(token).whatsappAccounts();
    expect(accounts).toHaveLength(1);
    account = accounts[0];
    expect(account).toMatchObject({ status: 'connected', tokenStatus: 'valid', verifiedName: shopName });

    // The list is re-rendered by the server after the action: the number is there without a reload.
    const number = `+${account.displayPhoneNumber}`;
    const card = page.getByRole('article', { name: number });
    await expectVisible(card);
    await expectVisible(card.getByText(shopName));
    await expectVisible(card.getByText('Connected', { exact: true }));
    await expectVisible(card.getByText(`${account.messagesPerSecond} messages/s`, { exact: false }));
    await expectVisible(card.getByRole('button', { name: `Disconnect ${number}` }));
    expect(await page.getByText('No WhatsApp number connected yet').count()).toBe(0);

    await saveScreenshot(page, 'whatsapp-1280');
    await page.setViewportSize({ width: 768, height: 1024 });
    await saveScreenshot(page, 'whatsapp-768');
    await page.setViewportSize({ width: 1280, height: 800 });

    // Still there after a fresh load, i.e. stored by the API and not only in the page's state.
    await page.reload();
    await expectVisible(page.getByRole('article', { name: number }));
  });

  it('should push a customer’s message to the workspace’s socket and list the conversation', async () => {
    if (!account) throw new Error('The previous test did not connect a number');
    socket = await connectRealtime(token);

    const waId = `4470${randomInt(10_000_000, 99_999_999)}`;
    const text = `Hello from e2e ${randomInt(1_000_000)}`;
    const created = nextEvent(
      socket,
      'message.created',
      ({ message }) => message.direction === 'inbound' && JSON.stringify(message.content).includes(text),
      LIVE_MESSAGE_TIMEOUT_MS,
    );
    const receipt = await sandbox().customerWrites({
      waId,
      phoneNumberId: account.phoneNumberId,
      text,
      profileName: 'Grace Customer',
    });

    let event: Awaited<typeof created>;
    try {
      event = await created;
    } catch (error) {
      // Say where it stopped: did the sandbox deliver the webhook, and what did the stack answer?
      const deliveries = await sandbox().deliveries(receipt.wamid);
      throw new Error(`${(error as Error).message}\n${deliveries}`, { cause: error });
    }
    expect(event.message).toMatchObject({ type: 'text', wamid: receipt.wamid, content: { text: { body: text } } });

    const conversations = await apiAs(token).conversations();
    const conversation = conversations.data.find((c) => c.contact.waId === waId);
    expect(conversation).toMatchObject({
      id: event.conversationId,
      whatsappAccountId: account.id,
      lastMessagePreview: text,
      contact: { waId, profileName: 'Grace Customer' },
    });
  });

  it('should say nothing was connected when the person cancels in the popup', async () => {
    await page.goto(appUrl('/dashboard/whatsapp'));
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('button', { name: 'Connect WhatsApp number' }).click(),
    ]);
    await popup.waitForLoadState();
    const closed = popup.waitForEvent('close');
    await clickInClosingPopup(popup, popup.getByRole('button', { name: 'Cancel', exact: true }));
    await closed;

    await expectVisible(
      page
        .getByRole('main')
        .getByRole('alert')
        .filter({ hasText: 'You left the sign-up at the phone number verification step, so nothing was connected' }),
    );
    expect(await apiAs(token).whatsappAccounts()).toHaveLength(1);
  });

  it('should notice when the sign-up window is closed before it finishes', async () => {
    await page.goto(appUrl('/dashboard/whatsapp'));
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('button', { name: 'Connect WhatsApp number' }).click(),
    ]);
    await popup.waitForLoadState();
    await expectVisible(page.getByRole('button', { name: 'Start over' }));
    await popup.close();

    await expectVisible(
      page.getByRole('main').getByRole('alert').filter({ hasText: 'The sign-up window was closed before it finished' }),
    );
    await expectVisible(page.getByRole('button', { name: 'Connect WhatsApp number' }));
  });

  it('should disconnect a number only after the admin confirms', async () => {
    if (!account) throw new Error('The first test did not connect a number');
    const number = `+${account.displayPhoneNumber}`;
    await page.goto(appUrl('/dashboard/whatsapp'));
    const card = page.getByRole('article', { name: number });

    await card.getByRole('button', { name: `Disconnect ${number}` }).click();
    await expectVisible(card.getByRole('group', { name: new RegExp(`Disconnect \\${number}\\?`) }));
    await card.getByRole('button', { name: 'Keep it connected' }).click();
    await expectVisible(card.getByRole('button', { name: `Disconnect ${number}` }));
    expect(await apiAs(token).whatsappAccounts()).toHaveLength(1);

    await card.getByRole('button', { name: `Disconnect ${number}` }).click();
    await card.getByRole('button', { name: 'Yes, disconnect' }).click();
    await expectVisible(page.getByText('No WhatsApp number connected yet'));
    expect(await page.getByRole('article', { name: number }).count()).toBe(0);
    expect(await apiAs(token).whatsappAccounts()).toEqual([]);
  });
});

/** Click a button that closes its own window: the window may go before Playwright's click bookkeeping ends. */
async function clickInClosingPopup(popup: Page, button: Locator): Promise<void> {
  await button.click().catch((error: unknown) => {
    if (!popup.isClosed()) throw error;
  });
}
