import { randomUUID } from 'node:crypto';
import { AUTH_COOKIE_NAME } from '@aerostic/shared';
import type { Browser, Page } from 'playwright-core';
import {
  appUrl,
  expectVisible,
  launchBrowser,
  registerBusiness,
  saveScreenshot,
  uniqueBusiness,
} from './support/browser';
import { blockingAxeViolations } from './support/axe';
import { connectSandboxNumber, sandbox, type SandboxBusiness } from './support/stack-clients';

/** A 1×1 PNG: the header sample. */
const ONE_PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** Sandbox review (200 ms) → signed webhook → webhook-worker → queue → API → Socket.IO → the page refreshes. */
const REVIEW_TIMEOUT_MS = 20_000;

describe('Message templates', () => {
  let browser: Browser;
  let page: Page;
  let number: SandboxBusiness;
  const id = randomUUID().slice(0, 8);

  beforeAll(async () => {
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    const business = uniqueBusiness('Templates');
    await registerBusiness(page, business);
    const token = (await context.cookies()).find((c) => c.name === AUTH_COOKIE_NAME)?.value;
    if (!token) throw new Error(`No ${AUTH_COOKIE_NAME} cookie after registering`);
    ({ business: number } = await connectSandboxNumber(token, `${business.tenantName} Shop`));
  });

  afterAll(async () => {
    await browser?.close();
  });

  const form = () => page.getByRole('form', { name: 'New template' });
  const listed = (name: string) => page.getByRole('listitem', { name: new RegExp(`^${name} \\(`) });

  /** Reloads until the template's row says `text` (Meta decides after the page was rendered). */
  async function waitForRow(name: string, text: string): Promise<void> {
    const deadline = Date.now() + REVIEW_TIMEOUT_MS;
    for (;;) {
      if ((await listed(name).getByText(text).count()) > 0) return;
      if (Date.now() > deadline) {
        throw new Error(`"${name}" did not show "${text}"; it shows: ${await listed(name).textContent()}`);
      }
      await page.waitForTimeout(500);
      await page.reload();
    }
  }

  it('should open from the WhatsApp page and preview the template while it is typed', async () => {
    await page.goto(appUrl('/dashboard/whatsapp'));
    await page.getByRole('link', { name: 'Manage message templates' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Message templates', level: 1 }));
    await expectVisible(page.getByText('No templates yet'));

    await form().getByLabel('Name').fill(`order_update_${id}`);
    await form().getByLabel('Header').fill('Your order');
    await form().getByLabel('Body').fill('Hi {{1}}, order {{2}} has shipped.');
    await form().getByLabel('{{1}}', { exact: true }).fill('Ana');
    await form().getByLabel('{{2}}', { exact: true }).fill('A-100');
    await form().getByLabel('Footer').fill('Thanks for shopping with us');
    await form().getByRole('button', { name: 'Add a button' }).click();
    await form().getByLabel('Button text').fill('Track my order');

    const preview = page.getByTestId('template-preview').first();
    await expectVisible(preview.getByText('Hi Ana, order A-100 has shipped.'));
    await expectVisible(preview.getByText('Track my order'));
    await saveScreenshot(page, 'templates-form-1280');
  });

  it('should submit it, show it pending, then approved once Meta decides, without a reload', async () => {
    const name = `order_update_${id}`;
    await form().getByRole('button', { name: 'Submit for review' }).click();
    await expectVisible(page.getByRole('status').filter({ hasText: 'was sent to Meta for review' }));
    await expectVisible(listed(name));
    // Meta's decision arrives as a template.updated event; the list renders again by itself.
    await listed(name).getByText('Approved').waitFor({ timeout: REVIEW_TIMEOUT_MS });
    await expectVisible(listed(name).getByText('Hi Ana, order A-100 has shipped.'));
    await saveScreenshot(page, 'templates-list-1280');
    expect(await blockingAxeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 768, height: 1024 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    await saveScreenshot(page, 'templates-list-768');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('should show a decision Meta makes later while the page stays open', async () => {
    // `pending_` templates wait in the sandbox until a decision is made through its control API.
    const name = `pending_notice_${id}`;
    await form().getByLabel('Name').fill(name);
    await form().getByLabel('Body').fill('Your appointment is confirmed.');
    await form().getByRole('button', { name: 'Submit for review' }).click();
    await expectVisible(listed(name).getByText('Pending review'));

    const control = sandbox();
    const list = await control.call(`/_sandbox/templates?waba_id=${number.waba_id}`);
    const held = (list.body as { data: Array<{ id: string; name: string }> }).data.find((t) => t.name === name);
    if (!held) throw new Error(`${name} is not in the sandbox: ${list.text.slice(0, 500)}`);
    const decided = await control.call(`/_sandbox/templates/${held.id}/status`, {
      method: 'POST',
      body: { status: 'REJECTED', reason: 'PROMOTIONAL' },
    });
    expect(decided.status).toBe(200);
    await listed(name).getByText('Rejected', { exact: true }).waitFor({ timeout: REVIEW_TIMEOUT_MS });
    await expectVisible(listed(name).getByText('The content is promotional', { exact: false }));
  });

  it('should put Meta’s rules beside the fields they concern', async () => {
    await form().getByLabel('Name').fill(`Bad Name ${id}`);
    await form().getByLabel('Body').fill('Ends with a variable {{1}}');
    await form().getByLabel('{{1}}', { exact: true }).fill('x');
    await form().getByRole('button', { name: 'Submit for review' }).click();
    await expectVisible(form().getByText('Name may only use lower-case letters'));
    await expectVisible(form().getByText('The body cannot start or end with a variable'));
    // What was typed is still there.
    expect(await form().getByLabel('Body').inputValue()).toBe('Ends with a variable {{1}}');
    expect(await blockingAxeViolations(page)).toEqual([]);
  });

  it('should show why Meta rejected a template', async () => {
    const name = `reject_offer_${id}`;
    await page.goto(appUrl('/dashboard/whatsapp/templates'));
    await form().getByLabel('Name').fill(name);
    await form().getByLabel('Category').selectOption('MARKETING');
    await form().getByLabel('Body').fill('Our summer sale starts today.');
    await form().getByRole('button', { name: 'Submit for review' }).click();
    await expectVisible(page.getByRole('status').filter({ hasText: 'was sent to Meta for review' }));
    await waitForRow(name, 'Rejected');
    await expectVisible(listed(name).getByText('INVALID_FORMAT', { exact: false }));

    await page.getByRole('link', { name: 'Rejected', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('status') === 'REJECTED');
    await listed(`order_update_${id}`).waitFor({ state: 'detached', timeout: 15_000 });
    await expectVisible(listed(name));
  });

  it('should sync from Meta and delete a template only after the admin confirms', async () => {
    const name = `order_update_${id}`;
    await page.goto(appUrl('/dashboard/whatsapp/templates'));
    await page.getByRole('button', { name: 'Sync from Meta' }).click();
    await expectVisible(page.getByRole('status').filter({ hasText: 'Templates synced' }));

    const row = listed(name);
    await row.getByRole('button', { name: `Delete ${name} (en_US)` }).click();
    await row.getByRole('button', { name: 'Keep it' }).click();
    await expectVisible(row.getByRole('button', { name: `Delete ${name} (en_US)` }));

    await row.getByRole('button', { name: `Delete ${name} (en_US)` }).click();
    await row.getByRole('button', { name: 'Yes, delete' }).click();
    await listed(name).waitFor({ state: 'detached', timeout: 15_000 });
    await page.reload();
    expect(await listed(name).count()).toBe(0);
  });
  it('should create a template with an image header from a sample uploaded to Meta', async () => {
    const name = `spring_banner_${id}`;
    await page.goto(appUrl('/dashboard/whatsapp/templates'));
    await form().getByLabel('Name').fill(name);
    await form().getByLabel('Category').selectOption('MARKETING');
    await form().getByRole('radio', { name: 'Image' }).check();
    await form()
      .getByLabel('Sample image')
      .setInputFiles({ name: 'banner.png', mimeType: 'image/png', buffer: Buffer.from(ONE_PIXEL_PNG, 'base64') });
    await expectVisible(form().getByRole('status').filter({ hasText: 'banner.png is uploaded.' }));
    await form().getByLabel('Body').fill('Our spring collection is here.');
    await expectVisible(page.getByTestId('template-preview').getByRole('img', { name: 'Header image: banner.png' }));
    expect(await blockingAxeViolations(page)).toEqual([]);

    await form().getByRole('button', { name: 'Submit for review' }).click();
    await expectVisible(page.getByRole('status').filter({ hasText: 'was sent to Meta for review' }));
    await listed(name).getByText('Approved').waitFor({ timeout: REVIEW_TIMEOUT_MS });
  });
});
