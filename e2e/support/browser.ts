import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type Locator, type Page, chromium } from 'playwright-core';
import { ARTIFACTS_DIR } from './stack-config';
import { confirmEmail } from './stack-clients';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The tenant dashboard; set by globalSetup, or by whoever runs the tests against a stack of their own. */
export function appUrl(pathname = '/'): string {
  return urlFrom('E2E_APP_URL', pathname);
}

/** The platform admin panel. */
export function adminUrl(pathname = '/'): string {
  return urlFrom('E2E_ADMIN_URL', pathname);
}

function urlFrom(variable: 'E2E_APP_URL' | 'E2E_ADMIN_URL', pathname: string): string {
  const base = process.env[variable];
  if (!base) throw new Error(`${variable} is not set: run the tests through \`npm run test:e2e\``);
  return new URL(pathname, base).toString();
}

/** Each test registers its own business, so tests share no data and may run in any order. */
export function uniqueBusiness(label: string) {
  const id = randomUUID().slice(0, 8);
  return {
    tenantName: `${label} ${id}`,
    name: `Ada ${label}`,
    email: `admin-${id}@e2e.aerostic.test`,
    password: `e2e-password-${id}`,
  };
}

export type Business = ReturnType<typeof uniqueBusiness>;

export async function registerBusiness(page: Page, business: Business): Promise<void> {
  await page.goto(appUrl('/register'));
  await page.getByLabel('Business name').fill(business.tenantName);
  await page.getByLabel('Your name').fill(business.name);
  await page.getByLabel('Work email').fill(business.email);
  await page.getByLabel('Password').fill(business.password);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.waitForURL((url) => url.pathname === '/dashboard');
  // The new admin opens the mailed link (connecting a number waits for it); the page then shows no reminder.
  await confirmEmail(business.email);
  await page.reload();
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
}

/** Waits for the first match to be visible, failing with Playwright's explanation otherwise. */
export async function expectVisible(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: 15_000 });
}
