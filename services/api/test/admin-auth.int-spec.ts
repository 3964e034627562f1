import {
  ADMIN_COOKIE_NAME,
  type AdminAuthResponse,
  type AdminMeResponse,
  AUTH_COOKIE_NAME,
  LOGIN_LIMIT_PER_ACCOUNT,
  LOGIN_LIMIT_PER_IP,
  type PlatformAdminDto,
  type TotpEnrolmentDto,
} from '@aerostic/shared';
import { AdminAuthController } from '../src/admin/auth/admin-auth.controller';
import { ADMIN_SESSION_SECONDS } from '../src/admin/auth/admin-token.service';
import { SecretBox } from '../src/common/crypto/secret-box';
import { registerTenant, testAddress, uniqueEmail } from './support/builders';
import {
  adminCookieOf,
  createPlatformAdmin,
  enrolAuthenticator,
  type PlatformAdminAccount,
  totpCode,
} from './support/platform-admins';
import { createTestApp, type TestApp } from './support/test-app';

const bodyWithoutRequestId = (body: unknown) => {
  const { requestId: _ignored, ...rest } = body as Record<string, unknown>;
  return rest;
};

describe(AdminAuthController.name, () => {
  let t: TestApp;
  const login = (body: Record<string, unknown>, ip = testAddress()) =>
    t.http().post('/admin/auth/login').set('X-Forwarded-For', ip).send(body);
  const me = (token: string) => t.http().get('/admin/auth/me').auth(token, { type: 'bearer' });
  const auditRows = (action: string, targetId: string) =>
    t.sql(
      `SELECT actor_admin_id, actor_user_id, tenant_id, ip, metadata FROM audit_logs
        WHERE action = $1 AND target_id = $2 ORDER BY created_at`,
      [action, targetId],
    );

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('POST /admin/auth/login', () => {
    it('should answer a token and the admin, set the cookie and audit it when the credentials are right', async () => {
      const admin = await createPlatformAdmin(t, 'admin');
      const ip = testAddress();
      const res = await login({ email: admin.email.toUpperCase(), password: admin.password }, ip).expect(200);

      const body = res.body as AdminAuthResponse;
      expect(body.admin).toEqual<PlatformAdminDto>({
        id: admin.id,
        email: admin.email,
        name: 'Pat Platform',
        role: 'admin',
        status: 'active',
        totpEnabled: false,
        lastLoginAt: expect.any(String) as string,
        createdAt: expect.any(String) as string,
      });
      expect(JSON.stringify(body)).not.toMatch(/password|secret/i);
      const cookie = adminCookieOf(res);
      expect(cookie).toContain(`${ADMIN_COOKIE_NAME}=${body.access_token};`);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).toContain(`Max-Age=${ADMIN_SESSION_SECONDS}`);
      await t.http().get('/admin/auth/me').set('Cookie', `${ADMIN_COOKIE_NAME}=${body.access_token}`).expect(200);
      expect(await auditRows('admin.login', admin.id)).toEqual([
        expect.objectContaining({ actor_admin_id: admin.id, actor_user_id: null, tenant_id: null, ip }),
      ]);
    });

    it('should answer exactly the same when the password is wrong as when the email is unknown', async () => {
      const admin = await createPlatformAdmin(t);
      const wrong = await login({ email: admin.email, password: 'wrong password' }).expect(401);
      const unknown = await login({ email: uniqueEmail(), password: 'wrong password' }).expect(401);

      expect(bodyWithoutRequestId(wrong.body)).toEqual(bodyWithoutRequestId(unknown.body));
      expect(wrong.body).toMatchObject({ message: 'Invalid email or password' });
      expect(adminCookieOf(wrong)).toBeUndefined();
      const failures = await auditRows('admin.login_failed', admin.id);
      expect(failures).toEqual([
        expect.objectContaining({ actor_admin_id: null, metadata: expect.objectContaining({ email: admin.email }) }),
      ]);
    });

    it('should not sign a tenant user in to the admin API, even with the right password', async () => {
      const member = await registerTenant(t);
      await login({ email: member.email, password: member.password }).expect(401);
    });

    it('should lock an admin account after repeated failures even when the right password follows', async () => {
      const admin = await createPlatformAdmin(t);
      for (let i = 0; i < LOGIN_LIMIT_PER_ACCOUNT.points; i++) {
        await login({ email: admin.email, password: 'wrong password' }).expect(401);
      }

      const res = await login({ email: admin.email, password: admin.password }).expect(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.body).toMatchObject({ message: expect.stringMatching(/Try again in/) });
    });

    it('should count an admin account apart from a tenant account with the same email, both ways', async () => {
      const member = await registerTenant(t);
      const admin = await createPlatformAdmin(t, 'admin', { email: member.email });
      for (let i = 0; i < LOGIN_LIMIT_PER_ACCOUNT.points; i++) {
        await login({ email: admin.email, password: 'wrong password' }).expect(401);
      }
      await login({ email: admin.email, password: admin.password }).expect(429);

      await t
        .http()
        .post('/auth/login')
        .set('X-Forwarded-For', testAddress())
        .send({ email: member.email, password: member.password })
        .expect(200);

      const other = await registerTenant(t);
      const otherAdmin = await createPlatformAdmin(t, 'admin', { email: other.email });
      for (let i = 0; i < LOGIN_LIMIT_PER_ACCOUNT.points; i++) {
        await t
          .http()
          .post('/auth/login')
          .set('X-Forwarded-For', testAddress())
          .send({ email: other.email, password: 'wrong password' })
          .expect(401);
      }
      await login({ email: otherAdmin.email, password: otherAdmin.password }).expect(200);
    });

    it('should block an address after repeated failures across admin accounts, and not another address', async () => {
      const admin = await createPlatformAdmin(t);
      const ip = testAddress();
      for (let i = 0; i < LOGIN_LIMIT_PER_IP.points; i++) {
        await login({ email: uniqueEmail(), password: 'guess' }, ip).expect(401);
      }

      await login({ email: admin.email, password: admin.password }, ip).expect(429);
      await login({ email: admin.email, password: admin.password }, testAddress()).expect(200);
    });

    it('should refuse a deactivated admin with the right password', async () => {
      const admin = await createPlatformAdmin(t);
      await t.sql(`UPDATE platform_admins SET status = 'deactivated' WHERE id = $1`, [admin.id]);

      const res = await login({ email: admin.email, password: admin.password }).expect(403);
      expect(res.body).toMatchObject({ message: expect.stringMatching(/deactivated/) });
      expect(adminCookieOf(res)).toBeUndefined();
    });

    it('should answer 400 naming each bad field when the body is malformed', async () => {
      const res = await login({ email: 'nope', totp: '12ab56', extra: true }).expect(400);
      expect(Object.keys((res.body as { fields: object }).fields).sort()).toEqual([
        'email',
        'extra',
        'password',
        'totp',
      ]);
    });
  });

  describe('one-time codes', () => {
    let admin: PlatformAdminAccount;
    let secret: string;

    beforeAll(async () => {
      admin = await createPlatformAdmin(t);
      secret = await enrolAuthenticator(t, admin);
    });

    it('should ask an enrolled admin for the code, naming the totp field, when it is left out', async () => {
      for (const totp of [undefined, '']) {
        const res = await login({ email: admin.email, password: admin.password, totp }).expect(401);
        expect(res.body).toMatchObject({ fields: { totp: expect.stringMatching(/6-digit code/) } });
        expect(adminCookieOf(res)).toBeUndefined();
      }
    });

    it('should answer 401 naming the totp field when the code is wrong, and audit the failure', async () => {
      const code = await totpCode(secret, 1);
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');

      const res = await login({ email: admin.email, password: admin.password, totp: wrong }).expect(401);
      expect(res.body).toMatchObject({ fields: { totp: expect.stringMatching(/wrong, expired or already used/) } });
      const failures = await auditRows('admin.login_failed', admin.id);
      expect(failures.at(-1)).toMatchObject({ metadata: { failure: 'wrong one-time code' } });
    });

    it('should sign in with the right code once, and refuse the same code a second time', async () => {
      const code = await totpCode(secret, 1);

      const res = await login({
        email: admin.email,
        password: admin.password,
        totp: `${code.slice(0, 3)} ${code.slice(3)}`,
      });
      expect(res.status).toBe(200);
      expect((res.body as AdminAuthResponse).admin.totpEnabled).toBe(true);
      await login({ email: admin.email, password: admin.password, totp: code }).expect(401);
      // The code that confirmed the enrolment is older than the last one used: never accepted again either.
      await login({ email: admin.email, password: admin.password, totp: await totpCode(secret) }).expect(401);
    });

    it('should count wrong codes as failed sign-ins, locking the account even for the right code', async () => {
      const locked = await createPlatformAdmin(t);
      const key = await enrolAuthenticator(t, locked);
      for (let i = 0; i < LOGIN_LIMIT_PER_ACCOUNT.points; i++) {
        await login({ email: locked.email, password: locked.password, totp: '000000' }).expect(401);
      }

      await login({ email: locked.email, password: locked.password, totp: await totpCode(key, 1) }).expect(429);
    });
  });

  describe('POST /admin/auth/totp/enrol and /confirm', () => {
    it('should hand out a key for "Aerostic" and the admin email, as a QR code, and keep it sealed', async () => {
      const admin = await createPlatformAdmin(t);
      const res = await t.http().post('/admin/auth/totp/enrol').auth(admin.token, { type: 'bearer' }).expect(200);

      const body = res.body as TotpEnrolmentDto;
      expect(body.secret).toMatch(/^[A-Z2-7]{32}$/);
      const url = new URL(body.otpauthUrl);
      expect(`${url.protocol}//${url.host}${decodeURIComponent(url.pathname)}`).toBe(
        `otpauth://totp/Aerostic:${admin.email}`,
      );
      expect(url.searchParams.get('issuer')).toBe('Aerostic');
      expect(url.searchParams.get('secret')).toBe(body.secret);
      const png = Buffer.from(body.qrCodeDataUrl.replace(/^data:image\/png;base64,/, ''), 'base64');
      expect(body.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      const [row] = await t.sql('SELECT totp_secret, totp_enabled_at FROM platform_admins WHERE id = $1', [admin.id]);
      expect(row?.totp_secret).not.toContain(body.secret);
      expect(t.app.get(SecretBox).open(String(row?.totp_secret))).toBe(body.secret);
      expect(row?.totp_enabled_at).toBeNull();
    });

    it('should refuse a code of another key naming the code field, then turn a right one on', async () => {
      const admin = await createPlatformAdmin(t);
      const first = (await t.http().post('/admin/auth/totp/enrol').auth(admin.token, { type: 'bearer' }).expect(200))
        .body as TotpEnrolmentDto;
      // Enrolling again replaces a key never confirmed: the first one's codes no longer count.
      const second = (await t.http().post('/admin/auth/totp/enrol').auth(admin.token, { type: 'bearer' }).expect(200))
        .body as TotpEnrolmentDto;
      const confirm = (code: string) =>
        t.http().post('/admin/auth/totp/confirm').auth(admin.token, { type: 'bearer' }).send({ code });

      const wrong = await confirm(await totpCode(first.secret)).expect(400);
      expect(wrong.body).toMatchObject({ fields: { code: expect.stringMatching(/does not match/) } });
      const res = await confirm(await totpCode(second.secret)).expect(200);
      expect(res.body).toMatchObject({ id: admin.id, totpEnabled: true });

      expect(await auditRows('admin.totp_enrolled', admin.id)).toEqual([
        expect.objectContaining({ actor_admin_id: admin.id }),
      ]);
      await me(admin.token)
        .expect(200)
        .expect((r) => expect((r.body as AdminMeResponse).admin.totpEnabled).toBe(true));
      await t.http().post('/admin/auth/totp/enrol').auth(admin.token, { type: 'bearer' }).expect(409);
      await confirm(await totpCode(second.secret, 1)).expect(409);
    });

    it('should answer 409 to a confirmation before any enrolment, and 400 naming code to a malformed one', async () => {
      const admin = await createPlatformAdmin(t);
      const confirm = (code: string) =>
        t.http().post('/admin/auth/totp/confirm').auth(admin.token, { type: 'bearer' }).send({ code });

      await confirm('123456').expect(409);
      const res = await confirm('12345').expect(400);
      expect(res.body).toMatchObject({ fields: { code: expect.any(String) } });
    });
  });

  describe('GET /admin/auth/me and POST /admin/auth/logout', () => {
    it('should answer the admin, with no enrolment required outside production', async () => {
      const admin = await createPlatformAdmin(t, 'admin');
      const res = await me(admin.token).expect(200);
      expect(res.body).toEqual({
        admin: expect.objectContaining({ id: admin.id, email: admin.email, role: 'admin', totpEnabled: false }),
        totpEnrolmentRequired: false,
      });
    });

    it('should sign this token out at once, clear the cookie and audit it, leaving other sessions', async () => {
      const admin = await createPlatformAdmin(t);
      const other = (await login({ email: admin.email, password: admin.password }).expect(200))
        .body as AdminAuthResponse;

      const res = await t
        .http()
        .post('/admin/auth/logout')
        .set('Cookie', `${ADMIN_COOKIE_NAME}=${admin.token}`)
        .set('Origin', new URL(t.config.ADMIN_URL).origin)
        .expect(204);
      expect(adminCookieOf(res)).toMatch(/^admin_token=;.*Expires=Thu, 01 Jan 1970/);
      const after = await me(admin.token).expect(401);
      expect(after.body).toMatchObject({ message: expect.stringMatching(/sign in again/) });
      await t.http().post('/admin/auth/logout').auth(admin.token, { type: 'bearer' }).expect(401);
      await me(other.access_token).expect(200);
      expect(await auditRows('admin.logout', admin.id)).toEqual([
        expect.objectContaining({ actor_admin_id: admin.id }),
      ]);
    });
  });

  describe('admin and tenant tokens', () => {
    it('should refuse an admin token on tenant routes, as a bearer token and as either cookie', async () => {
      const admin = await createPlatformAdmin(t);
      for (const path of ['/auth/me', '/users', '/conversations']) {
        await t.http().get(path).auth(admin.token, { type: 'bearer' }).expect(401);
        await t.http().get(path).set('Cookie', `${ADMIN_COOKIE_NAME}=${admin.token}`).expect(401);
        await t.http().get(path).set('Cookie', `${AUTH_COOKIE_NAME}=${admin.token}`).expect(401);
      }
      await me(admin.token).expect(200);
    });

    it('should refuse a tenant token on admin routes, as a bearer token and as either cookie', async () => {
      const member = await registerTenant(t);
      for (const path of ['/admin/auth/me', '/admin/admins']) {
        await t.http().get(path).auth(member.token, { type: 'bearer' }).expect(401);
        await t.http().get(path).set('Cookie', `${AUTH_COOKIE_NAME}=${member.token}`).expect(401);
        await t.http().get(path).set('Cookie', `${ADMIN_COOKIE_NAME}=${member.token}`).expect(401);
      }
      await t.http().get('/auth/me').auth(member.token, { type: 'bearer' }).expect(200);
    });

    it('should refuse an admin token whose admin was deactivated, at its very next request', async () => {
      const admin = await createPlatformAdmin(t);
      await me(admin.token).expect(200);
      await t.sql(`UPDATE platform_admins SET status = 'deactivated' WHERE id = $1`, [admin.id]);

      const res = await me(admin.token).expect(403);
      expect(res.body).toMatchObject({ message: expect.stringMatching(/deactivated/) });
    });
  });
});

describe(`${AdminAuthController.name} in production`, () => {
  let t: TestApp;

  beforeAll(async () => {
    // Only the configuration's NODE_ENV: the test app's secrets are random, and the gate reads nothing else.
    t = await createTestApp({ NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('should let an admin without an authenticator sign in, see itself and enrol, and nothing else', async () => {
    const admin = await createPlatformAdmin(t);
    const { access_token: token } = (
      await t
        .http()
        .post('/admin/auth/login')
        .set('X-Forwarded-For', testAddress())
        .send({ email: admin.email, password: admin.password })
        .expect(200)
    ).body as AdminAuthResponse;

    const me = await t.http().get('/admin/auth/me').auth(token, { type: 'bearer' }).expect(200);
    expect(me.body).toMatchObject({ totpEnrolmentRequired: true });
    const refused = await t.http().get('/admin/admins').auth(token, { type: 'bearer' }).expect(403);
    expect(refused.body).toMatchObject({ message: expect.stringMatching(/Enrol an authenticator app first/) });

    const { secret } = (await t.http().post('/admin/auth/totp/enrol').auth(token, { type: 'bearer' }).expect(200))
      .body as TotpEnrolmentDto;
    await t.http().get('/admin/admins').auth(token, { type: 'bearer' }).expect(403);
    await t
      .http()
      .post('/admin/auth/totp/confirm')
      .auth(token, { type: 'bearer' })
      .send({ code: await totpCode(secret) })
      .expect(200);

    await t.http().get('/admin/admins').auth(token, { type: 'bearer' }).expect(200);
    const after = await t.http().get('/admin/auth/me').auth(token, { type: 'bearer' }).expect(200);
    expect(after.body).toMatchObject({ totpEnrolmentRequired: false, admin: { totpEnabled: true } });
  });

  it('should let an admin without an authenticator sign out', async () => {
    const admin = await createPlatformAdmin(t);
    await t.http().post('/admin/auth/logout').auth(admin.token, { type: 'bearer' }).expect(204);
    await t.http().get('/admin/auth/me').auth(admin.token, { type: 'bearer' }).expect(401);
  });
});
