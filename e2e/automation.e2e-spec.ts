import { randomInt, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  AUTH_COOKIE_NAME,
  type AiSettingsDto,
  type AutomationRuleDto,
  type AutomationRunDto,
  type BusinessHoursDto,
  type Page as ApiPage,
} from '@aerostic/shared';
import type { Browser, Page } from 'playwright-core';
import { blockingAxeViolations } from './support/axe';
import {
  appUrl,
  expectVisible,
  launchBrowser,
  registerBusiness,
  saveScreenshot,
  uniqueBusiness,
} from './support/browser';
import { type SandboxBusiness, apiAs, connectSandboxNumber, outboundSandbox, sandbox } from './support/stack-clients';
import { REPO_ROOT } from './support/stack-config';

/** Webhook → API → automation queue → rule → message-worker → sandbox. */
const RULE_TIMEOUT_MS = 45_000;
const SCREENSHOTS_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');

/** Reads `read()` until it answers `expected`, or fails with the last answer after the timeout. */
async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (last !== expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    last = await read();
  }
  expect(last).toBe(expected);
}

describe('Automation page', () => {
  let browser: Browser;
  let page: Page;
  let token: string;
  let business: SandboxBusiness;
  const id = randomUUID().slice(0, 8);
  const ruleName = `Prices ${id}`;
  const reply = `Our prices are on the website, ref ${id}.`;
  const api = () => apiAs(token);

  async function ruleNamed(name: string): Promise<AutomationRuleDto> {
    const list = await api().call('/automation/rules');
    const found = (list.body as ApiPage<AutomationRuleDto>).data.find((r) => r.name === name);
    if (!found) throw new Error(`No rule named ${name}: ${list.text.slice(0, 1_000)}`);
    return found;
  }

  async function saved<T>(apiPath: string): Promise<T> {
    const result = await api().call(apiPath);
    if (result.status !== 200) throw new Error(`GET ${apiPath} answered ${result.status}: ${result.text}`);
    return result.body as T;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    const owner = uniqueBusiness('Automation');
    await registerBusiness(page, owner);
    token = (await context.cookies()).find((c) => c.name === AUTH_COOKIE_NAME)?.value ?? '';
    if (!token) throw new Error(`No ${AUTH_COOKIE_NAME} cookie after registering`);
    ({ business } = await connectSandboxNumber(token, `${owner.tenantName} Bakery`));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('should lead from the navigation to an empty list of rules', async () => {
    await page.goto(appUrl('/dashboard'));
    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Automation' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Automation', level: 1 }));
    await expectVisible(page.getByText('No rules yet.'));
    expect(await blockingAxeViolations(page)).toEqual([]);
  });

  it('should build a keyword rule, name its missing fields and say it in plain words', async () => {
    await page.getByRole('link', { name: 'New rule' }).click();
    const form = page.getByRole('form', { name: 'New rule' });
    await expectVisible(form);

    // Nothing typed yet: the errors land beside their fields.
    await form.getByRole('button', { name: 'Create rule' }).click();
    await expectVisible(form.getByText('name is required'));
    expect(await form.getByRole('textbox', { name: 'Name' }).getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByRole('textbox', { name: 'Reply' }).getAttribute('aria-invalid')).toBe('true');
    expect(await blockingAxeViolations(page)).toEqual([]);

    await form.getByRole('textbox', { name: 'Name' }).fill(ruleName);
    await form.getByRole('textbox', { name: 'Keywords, one per line' }).fill('price\ncost');
    await form.getByRole('textbox', { name: 'Reply' }).fill(reply);
    await form.getByRole('button', { name: 'Add action' }).click();
    await form.getByRole('combobox', { name: 'Action 2: what to do' }).selectOption({ label: 'Add a tag' });
    await form.getByRole('textbox', { name: 'Tag to add to the contact' }).fill('pricing');
    await form.getByRole('button', { name: 'Add condition' }).click();
    await form.getByRole('combobox', { name: 'Condition 1: what to check' }).selectOption({ label: 'Assignee' });
    await form.getByRole('combobox', { name: 'The conversation is assigned to' }).selectOption({ label: 'Nobody' });

    const summary = `When a message containing “price” or “cost” arrives, if the conversation is unassigned, reply “${reply}”, then tag the contact “pricing”.`;
    await expectVisible(form.getByTestId('rule-builder-summary').getByText(summary, { exact: true }));
    expect(await blockingAxeViolations(page)).toEqual([]);

    await form.getByRole('button', { name: 'Create rule' }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard/automation');
    const row = page.getByTestId('rule-row').filter({ hasText: ruleName });
    await expectVisible(row.getByTestId('rule-summary').getByText(summary, { exact: true }));

    const rule = await ruleNamed(ruleName);
    expect(rule).toMatchObject({
      enabled: true,
      trigger: { type: 'message_received', keywords: ['price', 'cost'], match: 'contains' },
      conditions: [{ type: 'assignee', is: 'nobody' }],
      actions: [
        { type: 'reply_text', text: reply },
        { type: 'add_tag', tag: 'pricing' },
      ],
    });
    expect(await blockingAxeViolations(page)).toEqual([]);
  });

  it('should switch the rule off and on', async () => {
    const row = page.getByTestId('rule-row').filter({ hasText: ruleName });
    await row.getByRole('switch', { name: `${ruleName}: on` }).click();
    await expectVisible(row.getByRole('switch', { name: `${ruleName}: off` }));
    await eventually(async () => (await ruleNamed(ruleName)).enabled, false);
    await page.reload();
    const switched = page.getByTestId('rule-row').filter({ hasText: ruleName }).getByRole('switch');
    expect(await switched.getAttribute('aria-checked')).toBe('false');
    await switched.click();
    await eventually(async () => (await ruleNamed(ruleName)).enabled, true);
    expect(await blockingAxeViolations(page)).toEqual([]);
  });

  it('should edit business hours and say whether the business is open now', async () => {
    await page
      .getByRole('navigation', { name: 'Automation sections' })
      .getByRole('link', { name: 'Business hours' })
      .click();
    const form = page.getByRole('form', { name: 'Business hours' });
    // A new workspace is open around the clock until it sets its hours.
    await expectVisible(form.getByTestId('open-now').getByText('Open now'));
    expect(await blockingAxeViolations(page)).toEqual([]);

    const zone = form.getByRole('combobox', { name: 'Time zone' });
    await zone.fill('Mars/Olympus');
    await form.getByRole('button', { name: 'Save business hours' }).click();
    await expectVisible(form.getByText('timeZone must be an IANA time zone name'));
    await zone.fill('UTC');

    // Today is a holiday: closed now, before saving and after.
    const today = new Date().toISOString().slice(0, 10);
    await form.getByRole('button', { name: 'Add holiday' }).click();
    await form.getByLabel('Holiday 1 date').fill(today);
    await form.getByLabel('Holiday 1 name (optional)').fill('Bakery day');
    await expectVisible(form.getByTestId('open-now').getByText('Closed now'));
    await form.getByRole('button', { name: 'Remove Sunday interval 1' }).click();
    await expectVisible(form.getByTestId('hours-sunday').getByText('Closed'));
    await form.getByRole('button', { name: 'Save business hours' }).click();
    await expectVisible(form.getByText('Business hours saved. You are closed now.'));
    const hours = await saved<BusinessHoursDto>('/automation/business-hours');
    expect(hours).toMatchObject({ timeZone: 'UTC', openNow: false, holidays: [{ date: today, name: 'Bakery day' }] });
    expect(hours.weekly.sunday).toEqual([]);
    expect(await blockingAxeViolations(page)).toEqual([]);

    await form.getByRole('button', { name: 'Remove holiday 1' }).click();
    await form.getByRole('button', { name: 'Save business hours' }).click();
    await eventually(async () => (await saved<BusinessHoursDto>('/automation/business-hours')).holidays.length, 0);
    await expectVisible(form.getByText(/Business hours saved\. You are (open|closed) now\./));
  });

  it('should keep the AI provider’s key write-only', async () => {
    await page
      .getByRole('navigation', { name: 'Automation sections' })
      .getByRole('link', { name: 'AI and knowledge' })
      .click();
    const form = page.getByRole('form', { name: 'AI settings' });
    await expectVisible(form);
    await form.getByRole('checkbox', { name: /AI replies on/ }).check();
    await form.getByRole('textbox', { name: 'Instructions' }).fill('Be brief and friendly. Never promise discounts.');
    await form.getByRole('radio', { name: /Our own OpenAI-compatible server/ }).check();
    await form.getByRole('textbox', { name: 'Base URL' }).fill('not a url');
    await form.getByRole('textbox', { name: 'Model' }).fill('bakery-model');
    await form.getByRole('button', { name: 'Save AI settings' }).click();
    await expectVisible(form.getByText('provider.baseUrl must be an http(s) URL'));
    // A refusal keeps the choice and what was typed (the key aside).
    expect(await form.getByRole('radio', { name: /Our own OpenAI-compatible server/ }).isChecked()).toBe(true);
    expect(await form.getByRole('textbox', { name: 'Model' }).inputValue()).toBe('bakery-model');
    expect(await blockingAxeViolations(page)).toEqual([]);

    const secret = `sk-e2e-${id}`;
    await form.getByRole('textbox', { name: 'Base URL' }).fill('https://llm.bakery.test/v1');
    await form.getByLabel('API key').fill(secret);
    await form.getByRole('button', { name: 'Save AI settings' }).click();
    await expectVisible(form.getByText('AI replies are on. Settings saved.'));
    expect(await saved<AiSettingsDto>('/automation/ai')).toEqual({
      enabled: true,
      instructions: 'Be brief and friendly. Never promise discounts.',
      provider: { baseUrl: 'https://llm.bakery.test/v1', model: 'bakery-model', hasApiKey: true },
    });
    await page.reload();
    await expectVisible(page.getByText('A key is stored and never shown.', { exact: false }));
    expect(await page.getByLabel('API key').inputValue()).toBe('');
    expect(await page.content()).not.toContain(secret);

    // Back to the platform's AI, so nothing else in the stack tries the made-up server.
    await page.getByRole('radio', { name: 'Aerostic’s AI' }).check();
    await page.getByRole('button', { name: 'Save AI settings' }).click();
    await expectVisible(page.getByText('AI replies are on. Settings saved.'));
    expect((await saved<AiSettingsDto>('/automation/ai')).provider).toBeNull();
  });

  it('should add, find, import and delete knowledge articles', async () => {
    const title = `Opening hours ${id}`;
    const add = page.getByRole('form', { name: 'Add an article' });
    await add.getByRole('textbox', { name: 'Title' }).fill(title);
    await add.getByRole('textbox', { name: 'Text' }).fill('We bake from Monday to Friday, 7:00 to 18:00.');
    await add.getByRole('button', { name: 'Add article' }).click();
    await expectVisible(page.getByText(`Article “${title}” added.`));
    const articles = page.getByTestId('knowledge-article');
    await expectVisible(articles.filter({ hasText: title }));

    await page.getByRole('searchbox', { name: 'Search articles' }).fill('bake Friday');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'bake Friday');
    await expectVisible(articles.filter({ hasText: title }));
    await page.getByRole('searchbox', { name: 'Search articles' }).fill('zebra');
    await page.getByRole('button', { name: 'Search' }).click();
    await expectVisible(page.getByText('No article matches “zebra”.'));
    await page.getByRole('link', { name: 'Clear search' }).click();

    const csv = ['title,body', `Delivery ${id},We deliver within two days.`, ',A row without a title'].join('\n');
    await page
      .getByLabel('CSV file of articles')
      .setInputFiles({ name: 'articles.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import file' }).click();
    const report = page.getByTestId('knowledge-import-report');
    await expectVisible(report.getByText('articles.csv: 1 article saved (1 new, 0 updated), 1 row with errors.'));
    const rejected = report.getByTestId('knowledge-rejected-row');
    expect(await rejected.count()).toBe(1);
    expect(await rejected.locator('td').allTextContents()).toEqual(['2', 'title is required']);
    await expectVisible(articles.filter({ hasText: `Delivery ${id}` }));
    expect(await blockingAxeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: `Delete article Delivery ${id}` }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await expectVisible(page.getByText(title));
    await eventually(() => articles.filter({ hasText: `Delivery ${id}` }).count(), 0);
  });

  it('should answer a customer once and show the run in the log', async () => {
    const waId = `4479${randomInt(10_000_000, 99_999_999)}`;
    await sandbox().customerWrites({
      waId,
      phoneNumberId: business.phone_number_id,
      text: 'Hello! What does a birthday cake COST?',
      profileName: `Cake ${id}`,
    });
    const rule = await ruleNamed(ruleName);
    const deadline = Date.now() + RULE_TIMEOUT_MS;
    let runs: AutomationRunDto[] = [];
    while (runs.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      runs = (await saved<ApiPage<AutomationRunDto>>(`/automation/runs?ruleId=${rule.id}`)).data;
    }
    if (runs.length === 0) throw new Error(`No run of ${ruleName} within ${RULE_TIMEOUT_MS} ms`);
    const repliesTo = async () =>
      (await outboundSandbox().outbox(business.phone_number_id)).filter((m) => m.to === waId).length;
    await eventually(repliesTo, 1, RULE_TIMEOUT_MS);
    // Once, not once so far.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await repliesTo()).toBe(1);

    await page.getByRole('navigation', { name: 'Automation sections' }).getByRole('link', { name: 'Run log' }).click();
    const run = page.getByTestId('run-row').filter({ hasText: ruleName });
    await expectVisible(run.getByText('Message received, on a customer message'));
    await expectVisible(run.getByRole('listitem').filter({ hasText: 'Reply with text' }).getByText('Done'));
    await expectVisible(run.getByRole('listitem').filter({ hasText: 'Add a tag' }).getByText('Done'));
    expect(await blockingAxeViolations(page)).toEqual([]);

    await run.getByRole('link', { name: `Only runs of ${ruleName}` }).click();
    await page.waitForURL((url) => url.searchParams.get('ruleId') === rule.id);
    await expectVisible(page.getByTestId('run-filters').getByText(`Showing runs of ${ruleName}.`));
    await page.getByTestId('run-row').first().getByRole('link', { name: 'Open the message’s conversation' }).click();
    await page.waitForURL(
      (url) => url.pathname === '/dashboard/inbox' && url.searchParams.get('c') === runs[0]!.conversationId,
    );
    await expectVisible(page.getByText(reply).first());
  });

  it('should show the rules as the README’s screenshot', async () => {
    await page.goto(appUrl('/dashboard/automation'));
    await expectVisible(page.getByTestId('rule-row').filter({ hasText: ruleName }));
    expect(await blockingAxeViolations(page)).toEqual([]);
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'automation.png'), fullPage: true });
    await saveScreenshot(page, 'automation-1280');
  });

  it('should keep the layout usable on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(appUrl('/dashboard/automation/rules/new'));
    await expectVisible(page.getByRole('form', { name: 'New rule' }));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await blockingAxeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'automation-rule-builder-390');
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
