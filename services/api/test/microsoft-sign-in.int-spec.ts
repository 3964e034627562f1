import { randomUUID } from 'node:crypto';
import { AUTH_COOKIE_NAME, type MicrosoftSignInSettingsInput } from '@aerostic/shared';
import { Redis } from 'ioredis';
import { addMember, deactivation, registerTenant, testAddress, type Member, uniqueEmail } from './support/builders';
import { type EntraSandbox, startEntraSandbox } from './support/entra-sandbox';
import { adminCookieOf, createPlatformAdmin } from './support/platform-admins';
import { createTestApp, type TestApp } from './support/test-app';

/** The company's own Entra tenant, whose platform admins may sign in to the admin panel with Microsoft. */
const COMPANY_TID = randomUUID();

describe('Sign in with Microsoft', () => {
  let t: TestApp;
  let sandbox: EntraSandbox;

  beforeAll(async () => {
    sandbox = await startEntraSandbox([
      'http://app.test/api/auth/microsoft/callback',
      'http://admin.test/api/auth/microsoft/callback',
    ]);
    t = await createTestApp({
      ENTRA_AUTHORITY: `${sandbox.url}/organizations/v2.0`,
      ENTRA_CLIENT_ID: sandbox.clientId,
      ENTRA_CLIENT_SECRET: sandbox.clientSecret,
      ENTRA_CA_FILE: sandbox.caFile,
      ADMIN_URL: 'http://admin.test',
      ADMIN_ENTRA_TENANT_ID: COMPANY_TID,
    });
  });

  afterAll(async () => {
    await t?.close();
    await sandbox?.stop();
  });

  const link = (admin: Member, settings: Partial<MicrosoftSignInSettingsInput> & { entraTenantId: string | null }) =>
    t
      .http()
      .put('/auth/microsoft/settings')
      .set('Authorization', `Bearer ${admin.token}`)
      .send({ allowedDomains: ['example.test'], joinPolicy: 'invitation', passwordSignIn: true, ...settings });

  /** The whole browser round trip; answers where the API's callback sends the browser, and the cookie it sets. */
  async function signIn(email: string) {
    const start = await t.http().get('/auth/microsoft').expect(302);
    const back = new URL(await sandbox.signIn(start.headers.location as string, email));
    expect(back.pathname).toBe('/api/auth/microsoft/callback');
    const res = await t
      .http()
      .get(`/auth/microsoft/callback${back.search}`)
      .set('X-Forwarded-For', testAddress())
      .expect(302);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const token = cookies.find((c) => c.startsWith(`${AUTH_COOKIE_NAME}=`))?.split(';')[0];
    return {
      location: res.headers.location as string,
      cookie: token,
      callbackPath: `/auth/microsoft/callback${back.search}`,
    };
  }

  const me = async (cookie: string) =>
    (await t.http().get('/auth/me').set('Cookie', cookie).expect(200)).body as { user: { id: string } };

  it('should link an existing user by email on the first sign-in and land on the dashboard with the cookie', async () => {
    const admin = await registerTenant(t);
    const tid = randomUUID();
    await link(admin, { entraTenantId: tid }).expect(200);
    await sandbox.upsertAccount({ tid, email: admin.email });

    const { location, cookie } = await signIn(admin.email);

    expect(location).toBe('http://app.test/dashboard');
    expect(cookie).toBeDefined();
    expect((await me(cookie ?? '')).user.id).toBe(admin.userId);
    const [identity] = await t.sql(`SELECT entra_tenant_id FROM microsoft_identities WHERE user_id = $1`, [
      admin.userId,
    ]);
    expect(identity?.entra_tenant_id).toBe(tid);
    const audit = await t.sql(`SELECT action FROM audit_logs WHERE actor_user_id = $1 ORDER BY created_at`, [
      admin.userId,
    ]);
    expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['auth.microsoft_linked', 'auth.login']));
  });

  it('should match the object id, not the email, on later sign-ins when the email changed', async () => {
    const admin = await registerTenant(t);
    const tid = randomUUID();
    await link(admin, { entraTenantId: tid }).expect(200);
    const { oid } = await sandbox.upsertAccount({ tid, email: admin.email });
    await signIn(admin.email);
    const renamed = uniqueEmail('renamed');
    await sandbox.upsertAccount({ tid, oid, email: renamed });

    const { cookie } = await signIn(renamed);

    expect((await me(cookie ?? '')).user.id).toBe(admin.userId);
  });

  it('should refuse another Entra tenant than the linked one with wrong_tenant', async () => {
    const admin = await registerTenant(t);
    await link(admin, { entraTenantId: randomUUID() }).expect(200);
    await sandbox.upsertAccount({ tid: randomUUID(), email: admin.email });

    const { location, cookie } = await signIn(admin.email);

    expect(location).toBe('http://app.test/login?microsoft_error=wrong_tenant');
    expect(cookie).toBeUndefined();
    const [failed] = await t.sql(
      `SELECT metadata FROM audit_logs WHERE action = 'auth.login_failed' AND tenant_id = $1`,
      [admin.tenantId],
    );
    expect(failed?.metadata).toMatchObject({ method: 'microsoft', reason: 'wrong_tenant' });
  });

  it('should refuse a user whose email domain is not allowed with domain_not_allowed', async () => {
    const admin = await registerTenant(t);
    const tid = randomUUID();
    await link(admin, { entraTenantId: tid, allowedDomains: ['contoso.test'] }).expect(200);
    await sandbox.upsertAccount({ tid, email: admin.email });

    expect((await signIn(admin.email)).location).toBe('http://app.test/login?microsoft_error=domain_not_allowed');
  });

  it('should refuse a deactivated user with deactivated', async () => {
    const admin = await registerTenant(t);
    const agent = await addMember(t, admin);
    const tid = randomUUID();
    await link(admin, { entraTenantId: tid }).expect(200);
    await deactivation(t, admin, agent.userId).expect(200);
    await sandbox.upsertAccount({ tid, email: agent.email });

    expect((await signIn(agent.email)).location).toBe('http://app.test/login?microsoft_error=deactivated');
  });

  it('should refuse a suspended workspace with suspended', async () => {
    const admin = await registerTenant(t);
    const tid = randomUUID();
    await link(admin, { entraTenantId: tid }).expect(200);
    await t.sql(`UPDATE tenants SET status = 'suspended' WHERE id = $1`, [admin.tenantId]);
    await sandbox.upsertAccount({ tid, email: admin.email });

    expect((await signIn(admin.email)).location).toBe('http://app.test/login?microsoft_error=suspended');
  });

  it('should let a newcomer from an allowed domain join as an agent only when the join policy says so', async () => {
    const admin = await registerTenant(t);
    const tid = randomUUID();
    await link(admin, { entraTenantId: tid }).expect(200);
    const newcomer = uniqueEmail('newcomer');
    await sandbox.upsertAccount({ tid, email: newcomer });
    expect((await signIn(newcomer)).location).toBe('http://app.test/login?microsoft_error=invitation_required');

    await link(admin, { entraTenantId: tid, joinPolicy: 'agent' }).expect(200);
    const { cookie } = await signIn(newcomer);

    const [user] = await t.sql(`SELECT tenant_id, role FROM users WHERE email = $1`, [newcomer]);
    expect(user).toEqual({ tenant_id: admin.tenantId, role: 'agent' });
    expect(cookie).toBeDefined();
  });

  it('should accept a state once only', async () => {
    const admin = await registerTenant(t);
    const tid = randomUUID();
    await link(admin, { entraTenantId: tid }).expect(200);
    await sandbox.upsertAccount({ tid, email: admin.email });
    const { callbackPath } = await signIn(admin.email);

    const again = await t.http().get(callbackPath).expect(302);

    expect(again.headers.location).toBe('http://app.test/login?microsoft_error=expired');
  });

  it('should refuse a state that expired before the browser came back', async () => {
    const admin = await registerTenant(t);
    const tid = randomUUID();
    await link(admin, { entraTenantId: tid }).expect(200);
    await sandbox.upsertAccount({ tid, email: admin.email });
    const start = await t.http().get('/auth/microsoft').expect(302);
    const state = new URL(start.headers.location as string).searchParams.get('state');
    const redis = new Redis(t.config.REDIS_URL, { keyPrefix: `${t.config.REDIS_PREFIX}:` });
    await redis.pexpire(`microsoft-sign-in:app-state:${state}`, 1);
    await redis.quit();
    const back = new URL(await sandbox.signIn(start.headers.location as string, admin.email));

    const res = await t.http().get(`/auth/microsoft/callback${back.search}`).expect(302);

    expect(res.headers.location).toBe('http://app.test/login?microsoft_error=expired');
  });

  describe('password sign-in switch', () => {
    it('should refuse password sign-in with 403 once an admin turned it off', async () => {
      const admin = await registerTenant(t);
      await link(admin, { entraTenantId: randomUUID(), passwordSignIn: false }).expect(200);

      const res = await t
        .http()
        .post('/auth/login')
        .set('X-Forwarded-For', testAddress())
        .send({ email: admin.email, password: admin.password })
        .expect(403);

      expect(JSON.stringify(res.body)).toContain('Password sign-in is turned off for this workspace');
    });

    it('should answer 400 naming passwordSignIn when no Entra tenant is linked', async () => {
      const admin = await registerTenant(t);

      const res = await link(admin, { entraTenantId: null, passwordSignIn: false }).expect(400);

      expect(JSON.stringify(res.body)).toContain('passwordSignIn');
    });

    it('should answer 403 to an agent reading the settings', async () => {
      const admin = await registerTenant(t);
      const agent = await addMember(t, admin);

      await t.http().get('/auth/microsoft/settings').set('Authorization', `Bearer ${agent.token}`).expect(403);
    });
  });

  describe('admin panel', () => {
    async function adminSignIn(email: string) {
      const start = await t.http().get('/admin/auth/microsoft').expect(302);
      const back = new URL(await sandbox.signIn(start.headers.location as string, email));
      expect(back.origin + back.pathname).toBe('http://admin.test/api/auth/microsoft/callback');
      return t.http().get(`/admin/auth/microsoft/callback${back.search}`).expect(302);
    }

    it('should sign a platform admin of the company tenant in with the admin cookie', async () => {
      const admin = await createPlatformAdmin(t, 'admin');
      await sandbox.upsertAccount({ tid: COMPANY_TID, email: admin.email });

      const res = await adminSignIn(admin.email);

      expect(res.headers.location).toBe('http://admin.test/');
      const cookie = adminCookieOf(res);
      expect(cookie).toBeDefined();
      await t
        .http()
        .get('/admin/auth/me')
        .set('Cookie', cookie ?? '')
        .expect(200);
    });

    it('should refuse a platform admin signing in from another Entra tenant', async () => {
      const admin = await createPlatformAdmin(t, 'admin');
      await sandbox.upsertAccount({ tid: randomUUID(), email: admin.email });

      const res = await adminSignIn(admin.email);

      expect(res.headers.location).toBe('http://admin.test/login?microsoft_error=wrong_tenant');
      expect(adminCookieOf(res)).toBeUndefined();
    });

    it('should refuse a person of the company tenant who is not a platform admin', async () => {
      const email = uniqueEmail('staff');
      await sandbox.upsertAccount({ tid: COMPANY_TID, email });

      expect((await adminSignIn(email)).headers.location).toBe(
        'http://admin.test/login?microsoft_error=not_platform_admin',
      );
    });

    it('should not redeem a dashboard sign-in state at the admin callback', async () => {
      const admin = await registerTenant(t);
      const tid = randomUUID();
      await link(admin, { entraTenantId: tid }).expect(200);
      await sandbox.upsertAccount({ tid, email: admin.email });
      const start = await t.http().get('/auth/microsoft').expect(302);
      const back = new URL(await sandbox.signIn(start.headers.location as string, admin.email));

      const res = await t.http().get(`/admin/auth/microsoft/callback${back.search}`).expect(302);

      expect(res.headers.location).toBe('http://admin.test/login?microsoft_error=expired');
    });
  });
});
