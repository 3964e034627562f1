import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  appUrl,
  type Business,
  expectVisible,
  launchBrowser,
  registerBusiness,
  saveScreenshot,
  uniqueBusiness,
} from './support/browser';
import { REPO_ROOT } from './support/stack-config';

// The entra-sandbox's fixed tenants (services/entra-sandbox/README.md).
const CONTOSO = '11111111-1111-4111-8111-111111111111';
const FABRIKAM = '22222222-2222-4222-8222-222222222222';
const SANDBOX_URL = process.env.ENTRA_SANDBOX_PUBLIC_URL ?? 'https://localhost:4600';
const SANDBOX_CA = path.join(REPO_ROOT, '.stack', 'entra-sandbox', 'cert.pem');

/** Puts a person in the stand-in's directory, trusting its development certificate (as the API does). */
function addEntraAccount(tid: string, email: string, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${SANDBOX_URL}/accounts`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, ca: readFileSync(SANDBOX_CA) },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 201 ? resolve() : reject(new Error(`POST /accounts: ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ tid, email, name }));
  });
}

async function linkWorkspaceToContoso(page: Page, business: Business): Promise<void> {
  await page.goto(appUrl('/dashboard/settings/microsoft'));
  await page.getByLabel('Entra tenant id').fill(CONTOSO);
  await page.getByLabel('Allowed email domains').fill(business.email.split('@')[1] ?? '');
  await page.getByRole('button', { name: 'Save Microsoft sign-in' }).click();
  await expectVisible(page.getByText('Microsoft sign-in settings saved.'));
}

async function signInWithMicrosoft(page: Page, email: string): Promise<void> {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL((url) => url.pathname === '/login');
  await page.getByRole('link', { name: 'Sign in with Microsoft' }).click();
  await expectVisible(page.getByRole('heading', { name: 'Sign in to your account' }));
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Next' }).click();
}

describe('Sign in with Microsoft', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  // The stand-in's certificate is self-signed; only this test browser is told to accept it.
  const newPage = async () => (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();

  it('should sign a linked member in through the Entra stand-in and land on the dashboard', async () => {
    const business = uniqueBusiness('Microsoft');
    const page = await newPage();
    await registerBusiness(page, business);
    await linkWorkspaceToContoso(page, business);
    await saveScreenshot(page, 'settings-microsoft-sign-in-1280');
    await addEntraAccount(CONTOSO, business.email, business.name);

    await signInWithMicrosoft(page, business.email);

    await page.waitForURL((url) => url.pathname === '/dashboard');
    await expectVisible(page.getByTestId('workspace-name').filter({ hasText: business.tenantName }));
    await page.context().close();
  });

  it('should refuse a person from another Entra tenant with its message on the login page', async () => {
    const business = uniqueBusiness('WrongTenant');
    const page = await newPage();
    await registerBusiness(page, business);
    await linkWorkspaceToContoso(page, business);
    await addEntraAccount(FABRIKAM, business.email, business.name);

    await signInWithMicrosoft(page, business.email);

    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('microsoft_error')).toBe('wrong_tenant');
    await expectVisible(page.getByRole('alert').filter({ hasText: 'is not the one linked to this workspace' }));
    await saveScreenshot(page, 'login-microsoft-wrong-tenant-1280');
    await page.context().close();
  });
});
