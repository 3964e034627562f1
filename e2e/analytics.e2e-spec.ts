import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  AUTH_COOKIE_NAME,
  type AnalyticsAgentDto,
  type AnalyticsSummaryDto,
  type ConversationDto,
  type WhatsAppAccountDto,
} from '@aerostic/shared';
import type { Browser, Page } from 'playwright-core';
import { blockingAxeViolations } from './support/axe';
import { appUrl, expectVisible, launchBrowser, registerBusiness, uniqueBusiness } from './support/browser';
import { apiAs, connectSandboxNumber, sandbox } from './support/stack-clients';

/** Webhook → API → conversation: a customer's message is a conversation within this long. */
const INBOUND_TIMEOUT_MS = 20_000;

describe('Analytics page', () => {
  let browser: Browser;
  let page: Page;
  let token: string;
  let account: WhatsAppAccountDto;
  const owner = uniqueBusiness('Analytics');
  const customers = [`4917${randomInt(10_000_000, 99_999_999)}`, `4917${randomInt(10_000_000, 99_999_999)}`];
  const api = () => apiAs(token);

  async function conversationOf(waId: string): Promise<ConversationDto> {
    const deadline = Date.now() + INBOUND_TIMEOUT_MS;
    for (;;) {
      const found = (await api().conversations(waId)).data[0];
      if (found || Date.now() > deadline) {
        if (!found) throw new Error(`No conversation with ${waId}: ${await sandbox().deliveries()}`);
        return found;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** The workspace's today, as the page's "Today" asks for it. */
  const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'UTC' });
  const figure = (label: string) =>
    page.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]').textContent();

  beforeAll(async () => {
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    await registerBusiness(page, owner);
    token = (await context.cookies()).find((c) => c.name === AUTH_COOKIE_NAME)?.value ?? '';
    if (!token) throw new Error(`No ${AUTH_COOKIE_NAME} cookie after registering`);
    ({ account } = await connectSandboxNumber(token, `${owner.tenantName} Shop`));

    // Two customers write; the owner answers the first and resolves its conversation.
    for (const [i, waId] of customers.entries())
      await sandbox().customerWrites({ waId, phoneNumberId: account.phoneNumberId, text: `Hello ${i}` });
    const first = await conversationOf(customers[0]!);
    await conversationOf(customers[1]!);
    const reply = await api().call(`/conversations/${first.id}/messages`, {
      method: 'POST',
      body: { type: 'text', text: { body: 'Hello, how can we help?' } },
    });
    if (reply.status !== 201) throw new Error(`The reply answered ${reply.status}: ${reply.text}`);
    const resolved = await api().call(`/conversations/${first.id}`, { method: 'PATCH', body: { status: 'resolved' } });
    if (resolved.status !== 200) throw new Error(`Resolving answered ${resolved.status}: ${resolved.text}`);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('should lead from the navigation to today figures that match the API', async () => {
    await page.goto(appUrl('/dashboard'));
    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Analytics' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Analytics', level: 1 }));
    await page.getByRole('navigation', { name: 'Date range' }).getByRole('link', { name: 'Today' }).click();
    await page.waitForURL((url) => url.searchParams.get('range') === 'today');

    const summary = (await api().call(`/analytics/summary?from=${today()}&to=${today()}`)).body as AnalyticsSummaryDto;
    expect(summary).toMatchObject({ conversationsOpened: 2, conversationsResolved: 1 });
    expect(await figure('Conversations opened')).toBe('2');
    expect(await figure('Conversations resolved')).toBe('1');
    expect(await figure('Messages received')).toBe(summary.messagesIn.toLocaleString('en-US'));
    expect(await figure('Messages sent')).toBe(summary.messagesOut.toLocaleString('en-US'));

    await expectVisible(page.getByRole('cell', { name: owner.name, exact: true }));
    const [row] = (await api().call(`/analytics/agents?from=${today()}&to=${today()}`)).body as AnalyticsAgentDto[];
    expect(row).toMatchObject({ name: owner.name, conversations: 1, resolved: 1 });
    expect(await blockingAxeViolations(page)).toEqual([]);
  });

  it('should download a table as CSV', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV of agents' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^analytics-agents-.*\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'user_id,name,conversations,replies,first_response_median_seconds,first_response_p90_seconds,resolved',
    );
    expect(csv).toContain(`,${owner.name},1,`);
  });
});
