import type { Browser } from 'playwright-core';
import {
  appUrl,
  expectVisible,
  launchBrowser,
  registerBusiness,
  saveScreenshot,
  uniqueBusiness,
} from './support/browser';
import { linkIn, waitForMail } from './support/mail-catcher';

describe('Password reset', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('should mail a reset link from "Forgot password?", set the new password, and sign in with it', async () => {
    const business = uniqueBusiness('Reset');
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await registerBusiness(page, business);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');

    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.waitForURL((url) => url.pathname === '/forgot-password');
    await page.getByLabel('Email').fill(business.email);
    await page.getByRole('button', { name: 'Send the reset link' }).click();
    await expectVisible(page.getByText(/a link to choose a new password is on its way/));
    await saveScreenshot(page, 'forgot-password-1280');

    const link = linkIn(await waitForMail(business.email, 'Reset your Aerostic password'), '/reset-password');
    await page.goto(appUrl(`${link.pathname}${link.search}`));
    const newPassword = 'a brand new password 7';
    await page.getByLabel('New password').fill(newPassword);
    await saveScreenshot(page, 'reset-password-1280');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await expectVisible(page.getByText('Your password was changed. Log in with the new one.'));

    await page.getByLabel('Email').fill(business.email);
    await page.getByLabel('Password').fill(business.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expectVisible(page.getByRole('alert').filter({ hasText: /invalid email or password/i }));
    await page.getByLabel('Password').fill(newPassword);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard');
    await expectVisible(page.getByTestId('workspace-name').filter({ hasText: business.tenantName }));

    // The link worked once.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.goto(appUrl(`${link.pathname}${link.search}`));
    await page.getByLabel('New password').fill('one more new password');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await expectVisible(page.getByRole('alert').filter({ hasText: /already used, or has expired/ }));
    await context.close();
  });
});
