import { AUTH_COOKIE_NAME } from '@aerostic/shared';
import type { Browser } from 'playwright-core';
import {
  appUrl,
  expectVisible,
  launchBrowser,
  registerBusiness,
  saveScreenshot,
  uniqueBusiness,
} from './support/browser';

describe('Registration and session', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('should land on the dashboard after registering and be sent to /login after logging out', async () => {
    const business = uniqueBusiness('Register');
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();

    await registerBusiness(page, business);

    await expectVisible(page.getByRole('heading', { name: `Welcome, Ada` }));
    await expectVisible(page.getByTestId('workspace-name').filter({ hasText: business.tenantName }));
    await expectVisible(page.getByText(business.name, { exact: true }));
    await expectVisible(page.getByRole('link', { name: 'Settings' }));
    // The team size streams in behind Suspense; a screenshot before it would show the skeleton.
    await expectVisible(page.getByText('1 active member', { exact: true }));
    await saveScreenshot(page, 'dashboard-admin-1280');
    await page.setViewportSize({ width: 768, height: 1024 });
    await saveScreenshot(page, 'dashboard-admin-768');

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect((await context.cookies()).some((cookie) => cookie.name === AUTH_COOKIE_NAME)).toBe(false);

    await page.goto(appUrl('/dashboard'));
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/dashboard');
    await context.close();
  });

  it('should keep the auth cookie away from scripts when a user is logged in', async () => {
    const business = uniqueBusiness('Cookie');
    const context = await browser.newContext();
    const page = await context.newPage();
    await registerBusiness(page, business);

    const cookie = (await context.cookies()).find((c) => c.name === AUTH_COOKIE_NAME);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.value).not.toBe('');
    const visibleToScripts = await page.evaluate(() => document.cookie);
    expect(visibleToScripts).not.toContain(AUTH_COOKIE_NAME);
    expect(visibleToScripts).not.toContain(cookie?.value ?? '<no cookie>');
    await context.close();
  });

  it('should log a registered user back in and return to the page they asked for', async () => {
    const business = uniqueBusiness('Login');
    const context = await browser.newContext();
    const page = await context.newPage();
    await registerBusiness(page, business);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');

    await page.goto(appUrl('/dashboard/team'));
    await page.getByLabel('Email').fill(business.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expectVisible(page.getByRole('alert').filter({ hasText: /invalid email or password/i }));

    await page.getByLabel('Password').fill(business.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard/team');
    await expectVisible(page.getByRole('heading', { name: 'Team', exact: true }));
    await context.close();
  });
});
