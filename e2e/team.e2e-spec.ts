import type { Browser, BrowserContext, Page } from 'playwright-core';
import { blockingAxeViolations } from './support/axe';
import {
  type Business,
  appUrl,
  expectVisible,
  launchBrowser,
  registerBusiness,
  saveScreenshot,
  uniqueBusiness,
} from './support/browser';

describe('Team invitations and roles', () => {
  let browser: Browser;
  let business: Business;
  let adminContext: BrowserContext;
  let admin: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    business = uniqueBusiness('Team');
    adminContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    admin = await adminContext.newPage();
    await registerBusiness(admin, business);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('should let an invited agent join and keep the admin-only parts closed to them', async () => {
    const agentEmail = business.email.replace('admin-', 'agent-');

    await admin.goto(appUrl('/dashboard/team'));
    const inviteForm = admin.getByRole('form', { name: 'Invite a team member' });
    await inviteForm.getByLabel('Email').fill(agentEmail);
    await inviteForm.getByLabel('Role').selectOption('agent');
    await inviteForm.getByRole('button', { name: 'Create invitation' }).click();
    const linkField = admin.getByLabel('Invitation link');
    await expectVisible(linkField);
    const invitationLink = await linkField.inputValue();
    expect(invitationLink).toContain('/accept-invitation?token=');
    await expectVisible(admin.getByRole('button', { name: `Revoke invitation for ${agentEmail}` }));

    // A fresh context: the agent shares no cookie with the admin.
    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const agent = await agentContext.newPage();
    await agent.goto(invitationLink);
    await expectVisible(agent.getByRole('heading', { name: `Join ${business.tenantName}` }));
    expect(await agent.getByLabel('Email').inputValue()).toBe(agentEmail);
    await agent.getByLabel('Your name').fill('Grace Agent');
    await agent.getByLabel('Choose a password').fill('agent-password-123');
    await agent.getByRole('button', { name: 'Join workspace' }).click();
    await agent.waitForURL((url) => url.pathname === '/dashboard');

    await expectVisible(agent.getByText('Grace Agent', { exact: true }));
    await expectVisible(agent.getByText('Agent', { exact: true }));
    const sidebar = agent.getByRole('navigation', { name: 'Dashboard' });
    await expectVisible(sidebar.getByRole('link', { name: 'Team' }));
    // Settings holds the agent's own profile and password; the workspace part stays admin-only.
    await expectVisible(sidebar.getByRole('link', { name: 'Settings' }));
    expect(await sidebar.getByRole('link', { name: 'WhatsApp' }).count()).toBe(0);
    await expectVisible(agent.getByText('2 active members', { exact: true }));
    await saveScreenshot(agent, 'dashboard-agent-1280');

    await agent.goto(appUrl('/dashboard/team'));
    await expectVisible(agent.getByRole('cell', { name: new RegExp(escapeRegExp(agentEmail)) }));
    expect(await agent.getByRole('form', { name: 'Invite a team member' }).count()).toBe(0);
    expect(await agent.getByRole('button', { name: /^(Deactivate|Save role)/ }).count()).toBe(0);

    for (const section of ['settings', 'whatsapp']) {
      await agent.goto(appUrl(`/dashboard/${section}`));
      await expectVisible(agent.getByRole('alert').filter({ hasText: 'You need admin rights' }));
    }
    expect(await agent.getByLabel('Workspace name').count()).toBe(0);
    await agentContext.close();

    // The invitation is used up: the admin's list of pending invitations no longer offers it.
    await admin.goto(appUrl('/dashboard/team'));
    await expectVisible(admin.getByRole('cell', { name: new RegExp(escapeRegExp(agentEmail)) }));
    expect(await admin.getByRole('button', { name: `Revoke invitation for ${agentEmail}` }).count()).toBe(0);
  });

  it('should explain why when an admin tries to demote the only admin', async () => {
    await admin.goto(appUrl('/dashboard/team'));
    await admin.getByLabel(`Role for ${business.name}`, { exact: true }).selectOption('agent');
    await admin.getByRole('button', { name: `Save role for ${business.name}` }).click();

    await expectVisible(admin.getByRole('alert').filter({ hasText: /admin/i }));
    await admin.goto(appUrl('/dashboard/settings'));
    await expectVisible(admin.getByLabel('Workspace name'));
  });

  it('should show presence, take a capacity and teams from the admin, and filter the inbox by team', async () => {
    await admin.goto(appUrl('/dashboard/team'));
    const me = admin.getByRole('row').filter({ hasText: business.email });
    // This dashboard's socket makes the admin online; the page follows presence live.
    await expectVisible(me.getByText('Online', { exact: true }));

    await admin.getByLabel(`Capacity for ${business.name}`, { exact: true }).fill('3');
    await admin.getByRole('button', { name: `Save capacity for ${business.name}` }).click();
    await expectVisible(admin.getByText(`${business.name} is given at most 3 open conversations.`));

    const toggle = admin.getByTestId('presence-toggle');
    await toggle.getByRole('button', { name: 'Set away' }).click();
    await expectVisible(toggle.getByRole('button', { name: 'Go online' }));
    await expectVisible(me.getByText('Away', { exact: true }));

    const newTeam = admin.getByRole('form', { name: 'New team' });
    await newTeam.getByLabel('Team name').fill('Night shift');
    await newTeam.getByLabel(business.name, { exact: true }).check();
    await newTeam.getByRole('button', { name: 'Create team' }).click();
    await expectVisible(admin.getByText('Team Night shift created.'));
    await expectVisible(admin.getByText('Night shift', { exact: true }));
    expect(await blockingAxeViolations(admin)).toEqual([]);

    await toggle.getByRole('button', { name: 'Go online' }).click();
    await expectVisible(me.getByText('Online', { exact: true }));

    await admin.goto(appUrl('/dashboard/inbox'));
    await admin.getByRole('combobox', { name: /^Team/ }).selectOption({ label: 'Night shift' });
    await admin.waitForURL((url) => url.searchParams.has('team'));
    expect(await blockingAxeViolations(admin)).toEqual([]);
  });

  it('should show an invalid invitation plainly when the token is unknown', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(appUrl(`/accept-invitation?token=${'x'.repeat(43)}`));
    await expectVisible(page.getByRole('heading', { name: 'This invitation link is not valid' }));
    await context.close();
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
