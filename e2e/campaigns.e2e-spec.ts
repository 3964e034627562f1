import { randomInt, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  AUTH_COOKIE_NAME,
  type CampaignAudienceCsvResult,
  type CampaignDto,
  type CampaignTotals,
  type ContactDto,
  type MarketingConsent,
  type TemplateDto,
  type WhatsAppAccountDto,
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
import {
  type SandboxBusiness,
  apiAs,
  apiBaseUrl,
  connectSandboxNumber,
  nodeTarget,
  outboundSandbox,
  sandbox,
} from './support/stack-clients';
import { REPO_ROOT } from './support/stack-config';

/** API → queue → message-worker → sandbox → status webhooks → API → Socket.IO → the report. */
const LIVE_TIMEOUT_MS = 45_000;
const TEMPLATE_REVIEW_TIMEOUT_MS = 30_000;
const SCREENSHOTS_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');

const ukNumber = () => `4479${randomInt(10_000_000, 99_999_999)}`;
const usNumber = () => `1650${randomInt(1_000_000, 9_999_999)}`;

interface Customer {
  name: string;
  waId: string;
  consent: MarketingConsent;
  discount: string;
}

/** A CSV body for the API (the shared client sends JSON only); resolves with a 200's body. */
function postCsv(apiPath: string, token: string, csv: string): Promise<string> {
  const { url, host } = nodeTarget(new URL(apiPath, apiBaseUrl()).toString());
  const headers: Record<string, string> = {
    authorization: `Bearer ${token}`,
    'content-type': 'text/csv',
    'content-length': String(Buffer.byteLength(csv)),
    ...(host && { host }),
  };
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers, timeout: 60_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode === 200) resolve(text);
        else reject(new Error(`POST ${apiPath} answered ${res.statusCode}: ${text.slice(0, 2_000)}`));
      });
    });
    req.on('timeout', () => req.destroy(new Error(`POST ${apiPath} took longer than 60 s`)));
    req.on('error', reject);
    req.end(csv);
  });
}

describe('Broadcast campaigns', () => {
  const control = outboundSandbox();
  let browser: Browser;
  let page: Page;
  let token: string;
  let business: SandboxBusiness;
  let account: WhatsAppAccountDto;
  const id = randomUUID().slice(0, 8);
  const tag = `spring-${id}`;
  const templateName = `spring_sale_${id}`;

  /** Who receives the first campaign, and what happens to each. */
  const customers = {
    reads: { name: `Ana ${id}`, waId: ukNumber(), consent: 'granted', discount: '15%' },
    replies: { name: `Bruno ${id}`, waId: ukNumber(), consent: 'granted', discount: '20%' },
    alsoReads: { name: `Chloé ${id}`, waId: ukNumber(), consent: 'granted', discount: '10%' },
    fails: { name: `Dev ${id}`, waId: ukNumber(), consent: 'granted', discount: '5%' },
    noConsent: { name: `Eve ${id}`, waId: ukNumber(), consent: 'unknown', discount: '5%' },
    usNumber: { name: `Frank ${id}`, waId: usNumber(), consent: 'granted', discount: '5%' },
    optedOut: { name: `Gus ${id}`, waId: ukNumber(), consent: 'opted_out', discount: '5%' },
  } satisfies Record<string, Customer>;

  const api = () => apiAs(token);

  async function addContact(customer: Customer, tags: string[]): Promise<ContactDto> {
    const created = await api().call('/contacts', {
      method: 'POST',
      body: {
        phone: `+${customer.waId}`,
        name: customer.name,
        tags,
        attributes: { discount: customer.discount },
        marketingConsent: customer.consent,
      },
    });
    if (created.status !== 201) throw new Error(`POST /contacts answered ${created.status}: ${created.text}`);
    return created.body as ContactDto;
  }

  async function approvedMarketingTemplate(): Promise<void> {
    const created = await api().call('/templates', {
      method: 'POST',
      body: {
        whatsappAccountId: account.id,
        name: templateName,
        language: 'en',
        category: 'MARKETING',
        components: [
          {
            type: 'BODY',
            text: 'Hi {{1}}, your {{2}} spring discount is waiting in the shop.',
            example: { body_text: [['Ana', '15%']] },
          },
        ],
      },
    });
    if (created.status !== 201) throw new Error(`POST /templates answered ${created.status}: ${created.text}`);
    const template = created.body as TemplateDto;
    const deadline = Date.now() + TEMPLATE_REVIEW_TIMEOUT_MS;
    let status = template.status;
    while (status !== 'APPROVED' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      status = ((await api().call(`/templates/${template.id}`)).body as TemplateDto).status;
    }
    expect(status).toBe('APPROVED');
  }

  async function campaignNamed(name: string): Promise<CampaignDto> {
    const list = await api().call('/campaigns');
    const found = (list.body as { data: CampaignDto[] }).data.find((c) => c.name === name);
    if (!found) throw new Error(`No campaign named ${name}: ${list.text.slice(0, 1_000)}`);
    return found;
  }

  /** The totals the report shows, read from its cards. */
  async function shownTotals(): Promise<Record<string, string>> {
    const cards = page.getByTestId('campaign-totals').locator('[data-state]');
    const out: Record<string, string> = {};
    for (const card of await cards.all()) {
      const state = await card.getAttribute('data-state');
      if (state) out[state] = (await card.locator('dd').first().textContent()) ?? '';
    }
    return out;
  }

  /** Waits for the report, without a reload, to show exactly these totals. */
  async function waitForTotals(expected: Partial<CampaignTotals>, timeoutMs = LIVE_TIMEOUT_MS): Promise<void> {
    const want = Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, v.toLocaleString('en-US')]));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const shown = await shownTotals();
      if (Object.entries(want).every(([state, n]) => shown[state] === n)) return;
      if (Date.now() > deadline) {
        // Says whether the page or the campaign itself stopped short.
        const campaignId = new URL(page.url()).pathname.split('/').pop() ?? '';
        const stored = await api().call(`/campaigns/${campaignId}`);
        const totals = (stored.body as CampaignDto).totals;
        throw new Error(
          `The report shows ${JSON.stringify(shown)}, expected ${JSON.stringify(want)}; the API says ${JSON.stringify(totals)}`,
        );
      }
      await page.waitForTimeout(250);
    }
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    const owner = uniqueBusiness('Campaigns');
    await registerBusiness(page, owner);
    token = (await context.cookies()).find((c) => c.name === AUTH_COOKIE_NAME)?.value ?? '';
    if (!token) throw new Error(`No ${AUTH_COOKIE_NAME} cookie after registering`);
    // Unlimited tier: the tier's hold is the sending engine's test; here a thousand customers go out in seconds.
    ({ business, account } = await connectSandboxNumber(token, `${owner.tenantName} Shop`, {
      messaging_limit_tier: 'TIER_UNLIMITED',
    }));
    await approvedMarketingTemplate();
    for (const customer of Object.values(customers)) await addContact(customer, [tag]);
    // Meta refuses this one after accepting it: the report shows its reason.
    await control.setFaults({ fail_recipients: { [customers.fails.waId]: 131026 } });
  });

  afterAll(async () => {
    await control.clearFaults().catch(() => undefined);
    await browser?.close();
  });

  it('should lead from an empty list to the wizard', async () => {
    await page.goto(appUrl('/dashboard'));
    await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Campaigns' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Campaigns', level: 1 }));
    await expectVisible(page.getByText('No campaigns yet.'));
    expect(await blockingAxeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Create your first campaign' }).click();
    await expectVisible(page.getByRole('heading', { name: 'New campaign', level: 1 }));
  });

  it('should refuse an empty audience beside its field, then take the contacts of a tag', async () => {
    const step = page.getByRole('form', { name: /Step 1 of 5: Audience/ });
    await step.getByRole('button', { name: 'Continue' }).click();
    await expectVisible(step.getByText('Choose the recipients: give at least one tag or attribute'));
    expect(await step.getByRole('textbox', { name: 'Tags' }).getAttribute('aria-invalid')).toBe('true');
    expect(await blockingAxeViolations(page)).toEqual([]);
    await step.getByRole('textbox', { name: 'Tags' }).fill(tag);
    await step.getByRole('button', { name: 'Continue' }).click();
  });

  it('should offer the approved templates of the number', async () => {
    const step = page.getByRole('form', { name: /Step 2 of 5: Template/ });
    await expectVisible(step);
    await step.getByRole('radio', { name: new RegExp(`^${templateName} \\(en\\)`) }).check();
    expect(await blockingAxeViolations(page)).toEqual([]);
    await step.getByRole('button', { name: 'Continue' }).click();
  });

  it('should show a missing variable beside it, then each recipient’s message', async () => {
    const step = page.getByRole('form', { name: /Step 3 of 5: Variables/ });
    await expectVisible(step);
    // {{2}} has no source yet: a validation error, not an empty send.
    await step.getByRole('button', { name: 'Continue' }).click();
    await expectVisible(step.getByText('Name the custom attribute {{2}} comes from'));
    await step.getByLabel('Attribute name for {{2}}').fill('discount');
    await step.getByRole('button', { name: 'Update preview' }).click();
    const preview = step.getByTestId('recipient-preview').filter({ hasText: customers.reads.name });
    await expectVisible(preview.getByText(`Hi ${customers.reads.name}, your 15% spring discount is waiting`));
    expect(await blockingAxeViolations(page)).toEqual([]);
    await step.getByRole('button', { name: 'Continue' }).click();
  });

  it('should schedule on the workspace clock or send now', async () => {
    const step = page.getByRole('form', { name: /Step 4 of 5: Schedule/ });
    await step.getByRole('radio', { name: 'Schedule for a later date and time' }).check();
    await expectVisible(step.getByText("In your workspace's time zone, UTC", { exact: false }));
    expect(await blockingAxeViolations(page)).toEqual([]);
    await step.getByRole('radio', { name: 'Send now, once you confirm' }).check();
    await step.getByRole('button', { name: 'Continue' }).click();
  });

  it('should count skipped recipients by reason and the cost before sending', async () => {
    const step = page.getByRole('form', { name: /Step 5 of 5: Review/ });
    const counts = step.getByTestId('review-counts');
    await expectVisible(counts.getByText('Will receive it'));
    expect(await counts.locator('dd').allTextContents()).toEqual(['7', '4', '3']);
    const reasons = step.getByRole('list', { name: 'Skipped recipients by reason' });
    await expectVisible(reasons.getByText('No marketing consent'));
    await expectVisible(reasons.getByText('Opted out of marketing'));
    await expectVisible(reasons.getByText('+1 numbers', { exact: false }));
    await expectVisible(step.getByText('Estimated cost:', { exact: false }));
    // The name is required: the API's field error lands beside the field.
    await step.getByRole('button', { name: 'Send campaign now' }).click();
    await expectVisible(step.getByText('name is required'));
    expect(await blockingAxeViolations(page)).toEqual([]);
    await step.getByLabel('Campaign name').fill(`Spring sale ${id}`);
    await step.getByRole('button', { name: 'Send campaign now' }).click();
    await page.waitForURL((url) => /^\/dashboard\/campaigns\/[0-9a-f-]{36}$/.test(url.pathname));
  });

  it('should reach exact totals live, with the reason of each recipient not sent', async () => {
    await expectVisible(page.getByRole('heading', { name: `Spring sale ${id}`, level: 1 }));
    // The sandbox's customers read what they get: sent, delivered, then read, each announced live.
    await waitForTotals({ pending: 0, queued: 0, sent: 0, delivered: 0, read: 3, failed: 1, skipped: 3 });

    // A customer answers: the report follows without a reload.
    await sandbox().customerWrites({
      waId: customers.replies.waId,
      phoneNumberId: business.phone_number_id,
      text: 'Is the discount valid online too?',
      profileName: customers.replies.name,
    });
    await waitForTotals({
      pending: 0,
      queued: 0,
      sent: 0,
      delivered: 0,
      read: 2,
      replied: 1,
      failed: 1,
      skipped: 3,
      cancelled: 0,
    });
    await expectVisible(page.getByTestId('campaign-status').getByText('Completed'));

    await page.getByRole('link', { name: /^Skipped \(3\)/ }).click();
    await page.waitForURL((url) => url.searchParams.get('state') === 'skipped');
    const rows = page.getByTestId('recipient-row');
    await expectVisible(rows.filter({ hasText: customers.usNumber.name }).getByText('+1 numbers', { exact: false }));
    await expectVisible(rows.filter({ hasText: customers.noConsent.name }).getByText('No marketing consent'));
    expect(await rows.count()).toBe(3);
    await page.getByRole('link', { name: /^Failed \(1\)/ }).click();
    await expectVisible(
      page.getByTestId('recipient-row').filter({ hasText: customers.fails.name }).getByText('Meta error 131026'),
    );

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export recipients (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^campaign-[0-9a-f]{8}-recipients-\d{4}-\d{2}-\d{2}\.csv$/);
    const exported = readFileSync(await download.path(), 'utf8')
      .split('\n')
      .filter(Boolean);
    expect(exported).toHaveLength(1 + 7);
    expect(exported.find((line) => line.includes(customers.usNumber.name))).toContain('market_blocks_marketing');

    await page.getByRole('link', { name: /^All \(7\)/ }).click();
    expect(await blockingAxeViolations(page)).toEqual([]);
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'campaign-report.png'), fullPage: true });
    await saveScreenshot(page, 'campaign-report-1280');
  });

  it('should list the campaign with its progress and rates', async () => {
    await page.goto(appUrl('/dashboard/campaigns'));
    const row = page.getByTestId('campaign-row').filter({ hasText: `Spring sale ${id}` });
    await expectVisible(row.getByText('Completed'));
    await expectVisible(row.getByText('3 of 7 sent'));
    expect(await blockingAxeViolations(page)).toEqual([]);
  });

  it('should pause and resume a campaign while it sends, after a confirmation', async () => {
    // 600 customers at the number's 80 messages a second: about 7 seconds of sending to pause in.
    const lines = Array.from(
      { length: 600 },
      (_, i) => `+4479${String(10_000_000 + i * 7_919).slice(-8)},Slow ${i},granted`,
    );
    const uploaded = await postCsv(
      '/campaigns/audience.csv',
      token,
      ['phone,name,marketing_consent', ...lines].join('\n'),
    );
    const { contactIds, rejected } = JSON.parse(uploaded) as CampaignAudienceCsvResult;
    expect(rejected).toEqual([]);
    const name = `Big sale ${id}`;
    const created = await api().call('/campaigns', {
      method: 'POST',
      body: {
        name,
        whatsappAccountId: account.id,
        template: { name: templateName, language: 'en', variables: { '1': { field: 'name' }, '2': { text: 'big' } } },
        audience: { contactIds },
      },
    });
    if (created.status !== 201) throw new Error(`POST /campaigns answered ${created.status}: ${created.text}`);
    const campaign = created.body as CampaignDto;
    await page.goto(appUrl(`/dashboard/campaigns/${campaign.id}`));

    await page.getByRole('button', { name: `Pause ${name}` }).click();
    await expectVisible(page.getByRole('group', { name: `Pause ${name}?` }));
    expect(await blockingAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Yes, pause' }).click();
    await expectVisible(page.getByTestId('campaign-status').getByText('Paused'));
    // Nothing more is handed to the sender while it is paused.
    const paused = (await api().call(`/campaigns/${campaign.id}`)).body as CampaignDto;
    await page.waitForTimeout(3_000);
    const still = (await api().call(`/campaigns/${campaign.id}`)).body as CampaignDto;
    expect(still.totals.pending).toBeGreaterThan(0);
    expect(still.totals.pending).toBe(paused.totals.pending);

    await page.getByRole('button', { name: `Resume ${name}` }).click();
    await page.getByRole('button', { name: 'Yes, resume' }).click();
    await waitForTotals({ pending: 0, queued: 0, sent: 0, delivered: 0, read: 600, skipped: 0, failed: 0 }, 150_000);
    await expectVisible(page.getByTestId('campaign-status').getByText('Completed'));
  }, 240_000);

  it('should cancel a scheduled campaign after a confirmation', async () => {
    const name = `Later sale ${id}`;
    const created = await api().call('/campaigns', {
      method: 'POST',
      body: {
        name,
        whatsappAccountId: account.id,
        template: { name: templateName, language: 'en', variables: { '1': { field: 'name' }, '2': { text: 'big' } } },
        audience: { tags: [tag] },
        scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    if (created.status !== 201) throw new Error(`POST /campaigns answered ${created.status}: ${created.text}`);
    await page.goto(appUrl(`/dashboard/campaigns/${(created.body as CampaignDto).id}`));
    await expectVisible(page.getByTestId('campaign-status').getByText('Scheduled'));
    await page.getByRole('button', { name: `Cancel campaign ${name}` }).click();
    await page.getByRole('button', { name: 'Keep it' }).click();
    await page.getByRole('button', { name: `Cancel campaign ${name}` }).click();
    await page.getByRole('button', { name: 'Yes, cancel it' }).click();
    await expectVisible(page.getByTestId('campaign-status').getByText('Cancelled'));
    expect((await campaignNamed(name)).status).toBe('cancelled');
    expect(await blockingAxeViolations(page)).toEqual([]);
  });

  it('should list a CSV upload’s errors by line in the wizard', async () => {
    await page.goto(appUrl('/dashboard/campaigns/new'));
    const step = page.getByRole('form', { name: /Step 1 of 5: Audience/ });
    await step.getByRole('radio', { name: 'A CSV file of phone numbers' }).check();
    const csv = ['phone,name', `+${customers.reads.waId},Ana`, 'not a number,Nobody', `+${ukNumber()},New Person`].join(
      '\n',
    );
    await step
      .getByLabel('CSV file', { exact: true })
      .setInputFiles({ name: 'audience.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await step.getByRole('button', { name: 'Upload file' }).click();
    const report = step.getByTestId('audience-upload-report');
    await expectVisible(report.getByText('audience.csv: 2 recipients, 1 line with errors', { exact: false }));
    await expectVisible(report.getByTestId('audience-rejected-line').filter({ hasText: '3' }));
    expect(await blockingAxeViolations(page)).toEqual([]);
    await step.getByRole('button', { name: 'Continue' }).click();
    await expectVisible(page.getByRole('form', { name: /Step 2 of 5: Template/ }));
  });
});
