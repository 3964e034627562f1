import {
  AUTH_COOKIE_NAME,
  type CreatedApiKeyDto,
  KNOWN_DEVICE_COOKIE_NAME,
  LOGIN_LIMIT_PER_ACCOUNT,
  LOGIN_LIMIT_PER_DEVICE,
  type LoginResponse,
} from '@aerostic/shared';
import { CsrfGuard } from '../src/auth/csrf.guard';
import { createPlatformAdmin } from './support/platform-admins';
import { type Member, registerTenant, testAddress } from './support/builders';
import { createTestApp, type TestApp } from './support/test-app';

const cookieOf = (member: Member) => `${AUTH_COOKIE_NAME}=${member.token}`;

function setCookies(res: { headers: Record<string, unknown> }): string[] {
  return ([] as string[]).concat((res.headers['set-cookie'] as string[] | string | undefined) ?? []);
}

describe(CsrfGuard.name, () => {
  let t: TestApp;
  let appOrigin: string;

  beforeAll(async () => {
    t = await createTestApp();
    appOrigin = new URL(t.config.APP_URL).origin;
  });
  afterAll(async () => {
    await t.close();
  });

  const rename = (member: Member) =>
    t.http().patch('/auth/me').send({ name: 'Renamed' }).set('Cookie', cookieOf(member));

  it('should refuse a cookie-authenticated change with 403 when the Origin is another site', async () => {
    const admin = await registerTenant(t);
    const res = await rename(admin).set('Origin', 'https://evil.example').expect(403);
    expect((res.body as { message: string }).message).toMatch(/Cross-site request refused/);
    const me = await t.http().get('/auth/me').auth(admin.token, { type: 'bearer' }).expect(200);
    expect(me.body).toMatchObject({ user: { name: 'Ada Admin' } });
  });

  it('should refuse a cookie-authenticated change when it has neither Origin nor a same-site Sec-Fetch-Site', async () => {
    const admin = await registerTenant(t);
    await rename(admin).expect(403);
    await rename(admin).set('Sec-Fetch-Site', 'cross-site').expect(403);
  });

  it('should accept a cookie-authenticated change when the Origin is the dashboard or admin panel', async () => {
    const admin = await registerTenant(t);
    await rename(admin).set('Origin', appOrigin).expect(200);
    await rename(admin).set('Origin', new URL(t.config.ADMIN_URL).origin).expect(200);
  });

  it('should accept a cookie-authenticated change without Origin when Sec-Fetch-Site is same-origin or same-site', async () => {
    const admin = await registerTenant(t);
    await rename(admin).set('Sec-Fetch-Site', 'same-origin').expect(200);
    await rename(admin).set('Sec-Fetch-Site', 'same-site').expect(200);
  });

  it('should let reads through with the cookie whatever the Origin', async () => {
    const admin = await registerTenant(t);
    await t.http().get('/auth/me').set('Cookie', cookieOf(admin)).set('Origin', 'https://evil.example').expect(200);
  });

  it('should leave bearer tokens and API keys alone when the Origin is another site', async () => {
    const admin = await registerTenant(t);
    await t
      .http()
      .patch('/auth/me')
      .auth(admin.token, { type: 'bearer' })
      .set('Origin', 'https://evil.example')
      .send({ name: 'By bearer' })
      .expect(200);
    const created = await t
      .http()
      .post('/api-keys')
      .auth(admin.token, { type: 'bearer' })
      .send({ name: 'CRM', scopes: ['contacts'] })
      .expect(201);
    await t
      .http()
      .post('/contacts')
      .auth((created.body as CreatedApiKeyDto).key, { type: 'bearer' })
      .set('Origin', 'https://evil.example')
      .set('Cookie', cookieOf(admin))
      .send({ waId: '491510003333', name: 'Grace' })
      .expect(201);
  });

  it('should refuse an admin-cookie change from another site and accept it from the admin panel', async () => {
    const admin = await createPlatformAdmin(t);
    const logout = () => t.http().post('/admin/auth/logout').set('Cookie', `admin_token=${admin.token}`);
    await logout().set('Origin', 'https://evil.example').expect(403);
    await logout().set('Origin', new URL(t.config.ADMIN_URL).origin).expect(204);
  });

  it('should leave public routes alone when a cookie rides along: sign-in and Stripe webhooks', async () => {
    const admin = await registerTenant(t);
    await t
      .http()
      .post('/auth/login')
      .set('Cookie', cookieOf(admin))
      .set('Origin', 'https://evil.example')
      .send({ email: admin.email, password: admin.password })
      .expect(200);
    const webhook = await t
      .http()
      .post('/billing/stripe/webhook')
      .set('Cookie', cookieOf(admin))
      .set('Content-Type', 'application/json')
      .send('{}');
    expect(webhook.status).not.toBe(403);
  });

  it('should set the session and known-device cookies host-only, without a Domain', async () => {
    const admin = await registerTenant(t);
    const res = await t.http().post('/auth/login').send({ email: admin.email, password: admin.password }).expect(200);
    const cookies = setCookies(res);
    expect(cookies.find((c) => c.startsWith(`${AUTH_COOKIE_NAME}=`))).toMatch(/HttpOnly/);
    expect(cookies.find((c) => c.startsWith(`${KNOWN_DEVICE_COOKIE_NAME}=`))).toMatch(/HttpOnly/);
    for (const cookie of cookies) expect(cookie).not.toMatch(/Domain=/i);
  });

  it('should answer JSON with nosniff and a policy that allows no sources', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  });
});

describe('API docs in production', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('should answer 401 for the docs page and document when signed out', async () => {
    const page = await t.http().get('/docs').redirects(1).expect(401);
    expect((page.body as { message: string }).message).toMatch(/Sign in/);
    await t.http().get('/docs-json').expect(401);
    await t.http().get('/docs').set('Cookie', `${AUTH_COOKIE_NAME}=forged.token.here`).redirects(1).expect(401);
  });

  it('should serve the docs to a signed-in user', async () => {
    const admin = await registerTenant(t);
    const page = await t.http().get('/docs/').set('Cookie', cookieOf(admin)).expect(200);
    expect(page.text).toMatch(/swagger/i);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    const doc = await t.http().get('/docs-json').auth(admin.token, { type: 'bearer' }).expect(200);
    expect(doc.body).toMatchObject({ openapi: expect.any(String) });
  });
});

describe('Sign-in limiter', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const login = (email: string, password: string, ip = testAddress()) =>
    t.http().post('/auth/login').set('X-Forwarded-For', ip).send({ email, password });

  it('should let exactly the account cap through when many wrong attempts arrive at once', async () => {
    const admin = await registerTenant(t);
    const attempts = LOGIN_LIMIT_PER_ACCOUNT.points * 4;
    const statuses = await Promise.all(
      Array.from({ length: attempts }, async () => (await login(admin.email, 'wrong password')).status),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_LIMIT_PER_ACCOUNT.points);
    expect(statuses.filter((s) => s === 429)).toHaveLength(attempts - LOGIN_LIMIT_PER_ACCOUNT.points);
  });

  it('should let the owner in from a known device when the account is locked, and not from elsewhere', async () => {
    const admin = await registerTenant(t);
    const first = await login(admin.email, admin.password).expect(200);
    const device = (first.body as LoginResponse).device_token;
    for (let i = 0; i < LOGIN_LIMIT_PER_ACCOUNT.points; i++) await login(admin.email, 'wrong').expect(401);
    await login(admin.email, admin.password).expect(429);

    const fromDevice = await t
      .http()
      .post('/auth/login')
      .set('X-Forwarded-For', testAddress())
      .set('Cookie', `${KNOWN_DEVICE_COOKIE_NAME}=${device}`)
      .send({ email: admin.email, password: admin.password })
      .expect(200);
    expect((fromDevice.body as LoginResponse).access_token).toEqual(expect.any(String));
    // The header is how the dashboard's server forwards the browser's cookie.
    await t
      .http()
      .post('/auth/login')
      .set('X-Known-Device', device)
      .send({ email: admin.email, password: admin.password })
      .expect(200);
    await login(admin.email, admin.password).expect(429);
  });

  it('should refuse a device token made for another account or tampered with', async () => {
    const owner = await registerTenant(t);
    const other = await registerTenant(t);
    const device = ((await login(other.email, other.password).expect(200)).body as LoginResponse).device_token;
    for (let i = 0; i < LOGIN_LIMIT_PER_ACCOUNT.points; i++) await login(owner.email, 'wrong').expect(401);
    const withDevice = (token: string) =>
      t.http().post('/auth/login').set('X-Known-Device', token).send({ email: owner.email, password: owner.password });
    await withDevice(device).expect(429);
    await withDevice(`${device.slice(0, -2)}xx`).expect(429);
  });

  it('should still limit wrong passwords from a known device, per device', async () => {
    const admin = await registerTenant(t);
    const device = ((await login(admin.email, admin.password).expect(200)).body as LoginResponse).device_token;
    const withDevice = (password: string) =>
      t
        .http()
        .post('/auth/login')
        .set('X-Forwarded-For', testAddress())
        .set('X-Known-Device', device)
        .send({ email: admin.email, password });
    const statuses = await Promise.all(
      Array.from({ length: LOGIN_LIMIT_PER_DEVICE.points * 2 }, async () => (await withDevice('wrong')).status),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_LIMIT_PER_DEVICE.points);
    await withDevice(admin.password).expect(429);
  });
});
