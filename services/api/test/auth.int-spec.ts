import {
  AUTH_COOKIE_NAME,
  type AuthResponse,
  LOGIN_LIMIT_PER_ACCOUNT,
  LOGIN_LIMIT_PER_IP,
  REGISTER_LIMIT_PER_IP,
} from '@aerostic/shared';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { AuthController } from '../src/auth/auth.controller';
import { addMember, deactivation, passwordChange, registerTenant, testAddress, uniqueEmail } from './support/builders';
import { createTestApp, type TestApp } from './support/test-app';

describe(AuthController.name, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('POST /auth/register', () => {
    it('should create the workspace and its admin and set an HttpOnly cookie when the body is valid', async () => {
      const email = uniqueEmail();
      const res = await t
        .http()
        .post('/auth/register')
        .send({ tenantName: 'Bright Smiles', name: 'Bea', email: email.toUpperCase(), password: 'long enough pw' })
        .expect(201);
      const body = res.body as Required<AuthResponse>;
      expect(body.user).toMatchObject({
        email,
        name: 'Bea',
        role: 'admin',
        status: 'active',
        tenantId: body.tenant.id,
      });
      expect(body.tenant).toMatchObject({
        name: 'Bright Smiles',
        domain: 'bright-smiles',
        status: 'active',
      });
      expect(body.tenant).not.toHaveProperty('webhookUrl');
      expect(body.access_token.split('.')).toHaveLength(3);
      const cookie = ([] as string[])
        .concat(res.headers['set-cookie'] ?? [])
        .find((c) => c.startsWith(`${AUTH_COOKIE_NAME}=`));
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(JSON.stringify(body)).not.toMatch(/password/i);
    });

    it('should hash the password with bcrypt at cost 12 or more', async () => {
      const admin = await registerTenant(t);
      const [row] = await t.sql('SELECT password_hash FROM users WHERE id = $1', [admin.userId]);
      const cost = Number(String(row?.password_hash).split('$')[2]);
      expect(cost).toBeGreaterThanOrEqual(12);
    });

    it('should answer 409 when the email is already registered, whatever its case', async () => {
      const admin = await registerTenant(t);
      const res = await t
        .http()
        .post('/auth/register')
        .send({ tenantName: 'Other', name: 'X', email: admin.email.toUpperCase(), password: 'long enough pw' })
        .expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict', fields: { email: expect.any(String) } });
    });

    it('should answer 400 naming each bad field when the body is malformed', async () => {
      const res = await t
        .http()
        .post('/auth/register')
        .send({ tenantName: '', email: 'nope', password: 'short' })
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(Object.keys((res.body as { fields: object }).fields).sort()).toEqual([
        'email',
        'name',
        'password',
        'tenantName',
      ]);
      expect((res.body as { message: string }).message).toContain('password');
    });

    it('should answer 400 when the body is not JSON', async () => {
      const res = await t
        .http()
        .post('/auth/register')
        .set('content-type', 'application/json')
        .send('{"tenantName":')
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, message: expect.stringContaining('JSON') });
    });

    it('should answer 429 with Retry-After when one address keeps signing up, and not to another', async () => {
      const taken = await registerTenant(t);
      const ip = testAddress();
      // Every sign-up counts, whatever its answer; an email already taken is the cheapest to send.
      for (let i = 0; i < REGISTER_LIMIT_PER_IP.points; i++) {
        await t
          .http()
          .post('/auth/register')
          .set('X-Forwarded-For', ip)
          .send({ tenantName: 'Flood', name: 'F', email: taken.email, password: 'long enough pw' })
          .expect(409);
      }
      const fresh = { tenantName: 'Real Co', name: 'R', email: uniqueEmail(), password: 'long enough pw' };
      const res = await t.http().post('/auth/register').set('X-Forwarded-For', ip).send(fresh).expect(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.body).toMatchObject({ statusCode: 429, message: expect.stringMatching(/sign-ups.*Try again in/) });
      await t.http().post('/auth/register').set('X-Forwarded-For', testAddress()).send(fresh).expect(201);
    });

    it('should give two workspaces with the same name different domains', async () => {
      const a = await t
        .http()
        .post('/auth/register')
        .send({ tenantName: 'Twin Co', name: 'A', email: uniqueEmail(), password: 'long enough pw' });
      const b = await t
        .http()
        .post('/auth/register')
        .send({ tenantName: 'Twin Co', name: 'B', email: uniqueEmail(), password: 'long enough pw' });
      expect((a.body as Required<AuthResponse>).tenant.domain).not.toBe(
        (b.body as Required<AuthResponse>).tenant.domain,
      );
    });
  });

  describe('POST /auth/login', () => {
    it('should answer a token and the user when the credentials are right', async () => {
      const admin = await registerTenant(t);
      const res = await t.http().post('/auth/login').send({ email: admin.email, password: admin.password }).expect(200);
      expect(res.body).toMatchObject({
        access_token: expect.any(String),
        user: { id: admin.userId, lastLoginAt: expect.any(String) },
      });
      await t
        .http()
        .get('/auth/me')
        .auth((res.body as AuthResponse).access_token, { type: 'bearer' })
        .expect(200);
    });

    it('should answer exactly the same when the password is wrong as when the email is unknown', async () => {
      const admin = await registerTenant(t);
      const wrong = await t
        .http()
        .post('/auth/login')
        .set('X-Forwarded-For', '10.1.0.1')
        .send({ email: admin.email, password: 'wrong password' });
      const unknown = await t
        .http()
        .post('/auth/login')
        .set('X-Forwarded-For', '10.1.0.1')
        .send({ email: uniqueEmail(), password: 'wrong password' });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      const { requestId: _a, ...wrongBody } = wrong.body as Record<string, unknown>;
      const { requestId: _b, ...unknownBody } = unknown.body as Record<string, unknown>;
      expect(wrongBody).toEqual(unknownBody);
    });

    it('should lock an account after repeated failures even when the right password follows', async () => {
      const admin = await registerTenant(t);
      for (let i = 0; i < LOGIN_LIMIT_PER_ACCOUNT.points; i++) {
        await t
          .http()
          .post('/auth/login')
          .set('X-Forwarded-For', `10.2.0.${i + 1}`)
          .send({ email: admin.email, password: 'wrong password' })
          .expect(401);
      }
      const res = await t
        .http()
        .post('/auth/login')
        .set('X-Forwarded-For', '10.2.1.1')
        .send({ email: admin.email, password: admin.password })
        .expect(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect((res.body as { message: string }).message).toMatch(/Try again in/);
    });

    it('should block an IP after repeated failures across accounts', async () => {
      const admin = await registerTenant(t);
      const ip = '10.3.0.1';
      for (let i = 0; i < LOGIN_LIMIT_PER_IP.points; i++) {
        await t
          .http()
          .post('/auth/login')
          .set('X-Forwarded-For', ip)
          .send({ email: uniqueEmail(), password: 'guess' })
          .expect(401);
      }
      await t
        .http()
        .post('/auth/login')
        .set('X-Forwarded-For', ip)
        .send({ email: admin.email, password: admin.password })
        .expect(429);
      await t
        .http()
        .post('/auth/login')
        .set('X-Forwarded-For', '10.3.0.2')
        .send({ email: admin.email, password: admin.password })
        .expect(200);
    });

    it('should refuse with a message about suspension when the workspace is suspended', async () => {
      const admin = await registerTenant(t);
      await t.sql(`UPDATE tenants SET status = 'suspended' WHERE id = $1`, [admin.tenantId]);
      const login = await t
        .http()
        .post('/auth/login')
        .send({ email: admin.email, password: admin.password })
        .expect(403);
      expect((login.body as { message: string }).message).toMatch(/workspace is suspended/);
      const me = await t.http().get('/auth/me').auth(admin.token, { type: 'bearer' }).expect(403);
      expect((me.body as { message: string }).message).toMatch(/workspace is suspended/);
      const users = await t.http().get('/users').auth(admin.token, { type: 'bearer' }).expect(403);
      expect((users.body as { message: string }).message).toMatch(/workspace is suspended/);
    });
  });

  describe('tokens', () => {
    it('should accept the token from the auth_token cookie', async () => {
      const admin = await registerTenant(t);
      const res = await t.http().get('/auth/me').set('Cookie', `${AUTH_COOKIE_NAME}=${admin.token}`).expect(200);
      expect(res.body).toMatchObject({ user: { id: admin.userId }, tenant: { id: admin.tenantId } });
    });

    it('should refuse a token signed with another secret', async () => {
      const admin = await registerTenant(t);
      const forged = await new JwtService().signAsync(
        { sub: admin.userId, tid: admin.tenantId, ver: 0, jti: randomUUID() },
        { secret: 'x'.repeat(40), algorithm: 'HS256', expiresIn: 600 },
      );
      await t.http().get('/auth/me').auth(forged, { type: 'bearer' }).expect(401);
    });

    it('should refuse an expired token', async () => {
      const admin = await registerTenant(t);
      const expired = await new JwtService().signAsync(
        { sub: admin.userId, tid: admin.tenantId, ver: 0, jti: randomUUID(), exp: Math.floor(Date.now() / 1000) - 10 },
        { secret: t.config.JWT_SECRET, algorithm: 'HS256' },
      );
      await t.http().get('/auth/me').auth(expired, { type: 'bearer' }).expect(401);
    });

    it('should refuse an unsigned alg:none token', async () => {
      const admin = await registerTenant(t);
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const exp = Math.floor(Date.now() / 1000) + 600;
      const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: admin.userId, tid: admin.tenantId, ver: 0, jti: randomUUID(), exp })}.`;
      await t.http().get('/auth/me').auth(none, { type: 'bearer' }).expect(401);
    });

    it('should refuse a token signed with another algorithm of the same secret', async () => {
      const admin = await registerTenant(t);
      const hs512 = await new JwtService().signAsync(
        { sub: admin.userId, tid: admin.tenantId, ver: 0, jti: randomUUID() },
        { secret: t.config.JWT_SECRET, algorithm: 'HS512', expiresIn: 600 },
      );
      await t.http().get('/auth/me').auth(hs512, { type: 'bearer' }).expect(401);
    });

    it('should revoke the token and clear the cookie when the user logs out', async () => {
      const admin = await registerTenant(t);
      const res = await t.http().post('/auth/logout').auth(admin.token, { type: 'bearer' }).expect(204);
      expect(String(res.headers['set-cookie'])).toMatch(new RegExp(`${AUTH_COOKIE_NAME}=;`));
      await t.http().get('/auth/me').auth(admin.token, { type: 'bearer' }).expect(401);
    });

    it('should end every other session and keep working with the new token when the password changes', async () => {
      const admin = await registerTenant(t);
      const res = await passwordChange(t, admin).expect(200);
      await t.http().get('/auth/me').auth(admin.token, { type: 'bearer' }).expect(401);
      await t
        .http()
        .get('/auth/me')
        .auth((res.body as AuthResponse).access_token, { type: 'bearer' })
        .expect(200);
      await t.http().post('/auth/login').send({ email: admin.email, password: 'a brand new password' }).expect(200);
    });

    it('should answer 400 naming currentPassword when it is wrong', async () => {
      const admin = await registerTenant(t);
      const res = await t
        .http()
        .post('/auth/password')
        .auth(admin.token, { type: 'bearer' })
        .send({ currentPassword: 'not it at all', newPassword: 'a brand new password' })
        .expect(400);
      expect(res.body).toMatchObject({ fields: { currentPassword: expect.any(String) } });
    });

    it('should stop a deactivated user at once, whatever token they hold', async () => {
      const admin = await registerTenant(t);
      const agent = await addMember(t, admin);
      await t.http().get('/auth/me').auth(agent.token, { type: 'bearer' }).expect(200);
      await deactivation(t, admin, agent.userId).expect(200);
      await t.http().get('/auth/me').auth(agent.token, { type: 'bearer' }).expect(401);
      const login = await t
        .http()
        .post('/auth/login')
        .send({ email: agent.email, password: agent.password })
        .expect(403);
      expect((login.body as { message: string }).message).toMatch(/deactivated/);
    });
  });
});
