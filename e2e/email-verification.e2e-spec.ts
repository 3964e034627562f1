import type { Browser } from 'playwright-core';
import { appUrl, expectVisible, launchBrowser, saveScreenshot, uniqueBusiness } from './support/browser';
import { linkIn, waitForMail } from './support/mail-catcher';

describe('Email verification', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('should remind a new admin to confirm their address, resend the link, and confirm it from the mail', async () => {
    const business = uniqueBusiness('Verify');
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(appUrl('/register'));
    await page.getByLabel('Business name').fill(business.tenantName);
    await page.getByLabel('Your name').fill(business.name);
    await page.getByLabel('Work email').fill(business.email);
    await page.getByLabel('Password').fill(business.password);
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard');

    const banner = page.getByRole('status').filter({ hasText: 'Confirm your email address' });
    await expectVisible(banner);
    await waitForMail(business.email, 'Confirm your email address');
    await banner.getByRole('button', { name: 'Resend the link' }).click();
    await expectVisible(banner.getByText('A new link is on its way.'));
    await saveScreenshot(page, 'verify-email-banner-1280');

    // The newest mail holds the only link that still works.
    const link = linkIn(await waitForMail(business.email, 'Confirm your email address', 2), '/verify-email');
    await page.goto(appUrl(`${link.pathname}${link.search}`));
    await page.getByRole('button', { name: 'Confirm my email address' }).click();
    await expectVisible(page.getByText('Your email address is confirmed.'));

    await page.goto(appUrl('/dashboard'));
    await expectVisible(page.getByTestId('workspace-name').filter({ hasText: business.tenantName }));
    expect(await page.getByRole('status').filter({ hasText: 'Confirm your email address' }).count()).toBe(0);
    await context.close();
  });
});
