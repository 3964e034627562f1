import type { Browser } from 'playwright-core';
import { adminUrl, expectVisible, launchBrowser } from './support/browser';

describe('Admin panel', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('should send visitors without an admin session to a login that says it is not available yet', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();

    await page.goto(adminUrl('/dashboard/tenants'));

    expect(new URL(page.url()).pathname).toBe('/login');
    await expectVisible(page.getByText('Not available yet'));
    expect(await page.getByLabel('Email').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Log in' }).isDisabled()).toBe(true);
    await context.close();
  });
});
