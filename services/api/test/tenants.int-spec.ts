import { type AuditLogDto, type Page, type TenantDto } from '@aerostic/shared';
import { TenantsController } from '../src/tenants/tenants.controller';
import { addMember, deactivation, registerTenant, uniqueEmail } from './support/builders';
import { createTestApp, type TestApp } from './support/test-app';

describe(TenantsController.name, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('should update the name when an admin asks, and answer no webhookUrl', async () => {
    const admin = await registerTenant(t);
    const res = await t
      .http()
      .patch('/tenants/me')
      .auth(admin.token, { type: 'bearer' })
      .send({ name: 'Renamed Co' })
      .expect(200);
    expect(res.body as TenantDto).toMatchObject({ name: 'Renamed Co' });
    expect(res.body).not.toHaveProperty('webhookUrl');
  });

  it('should refuse webhookUrl with 400 naming it and pointing to /integrations/webhooks, whatever its value', async () => {
    const admin = await registerTenant(t);
    for (const webhookUrl of ['https://crm.example.test/hooks/aerostic', null]) {
      const res = await t
        .http()
        .patch('/tenants/me')
        .auth(admin.token, { type: 'bearer' })
        .send({ name: 'Still Co', webhookUrl })
        .expect(400);
      expect((res.body as { fields: Record<string, string> }).fields['webhookUrl']).toMatch(/\/integrations\/webhooks/);
    }
    const mine = await t.http().get('/tenants/me').auth(admin.token, { type: 'bearer' }).expect(200);
    expect((mine.body as TenantDto).name).not.toBe('Still Co');
    await t.http().patch('/tenants/me').auth(admin.token, { type: 'bearer' }).send({ status: 'active' }).expect(400);
  });

  it('should keep the workspace’s time zone, UTC until set, and refuse a name that is not an IANA zone', async () => {
    const admin = await registerTenant(t);
    const mine = () => t.http().get('/tenants/me').auth(admin.token, { type: 'bearer' }).expect(200);
    expect(((await mine()).body as TenantDto).timeZone).toBe('UTC');

    const set = await t
      .http()
      .patch('/tenants/me')
      .auth(admin.token, { type: 'bearer' })
      .send({ timeZone: 'Asia/Kolkata' })
      .expect(200);
    const bad = await t
      .http()
      .patch('/tenants/me')
      .auth(admin.token, { type: 'bearer' })
      .send({ timeZone: 'Mars/Olympus' })
      .expect(400);

    expect((set.body as TenantDto).timeZone).toBe('Asia/Kolkata');
    expect(bad.body).toMatchObject({
      fields: { timeZone: 'timeZone must be an IANA time zone name, such as Europe/Lisbon or UTC' },
    });
    expect(((await mine()).body as TenantDto).timeZone).toBe('Asia/Kolkata');
  });

  it('should let an agent read but not change the workspace', async () => {
    const admin = await registerTenant(t);
    const agent = await addMember(t, admin);
    await t.http().get('/tenants/me').auth(agent.token, { type: 'bearer' }).expect(200);
    await t.http().patch('/tenants/me').auth(agent.token, { type: 'bearer' }).send({ name: 'Hijacked' }).expect(403);
  });

  describe('audit log', () => {
    it('should record every security-relevant action with actor, target, IP and time', async () => {
      const admin = await registerTenant(t);
      const ip = '10.9.0.7';
      await t
        .http()
        .post('/auth/login')
        .set('X-Forwarded-For', ip)
        .send({ email: admin.email, password: 'wrong one!' })
        .expect(401);
      await t
        .http()
        .post('/auth/login')
        .set('X-Forwarded-For', ip)
        .send({ email: admin.email, password: admin.password })
        .expect(200);
      const agent = await addMember(t, admin);
      await t
        .http()
        .patch(`/users/${agent.userId}`)
        .auth(admin.token, { type: 'bearer' })
        .send({ role: 'admin' })
        .expect(200);
      await deactivation(t, admin, agent.userId).expect(200);
      await t
        .http()
        .patch('/tenants/me')
        .auth(admin.token, { type: 'bearer' })
        .set('X-Forwarded-For', ip)
        .send({ name: 'New Name' })
        .expect(200);

      const logs = (await t.http().get('/audit-logs?limit=50').auth(admin.token, { type: 'bearer' }).expect(200))
        .body as Page<AuditLogDto>;
      const actions = logs.data.map((l) => l.action);
      for (const action of [
        'auth.register',
        'auth.login_failed',
        'auth.login',
        'invitation.created',
        'invitation.accepted',
        'user.role_changed',
        'user.deactivated',
        'tenant.settings_changed',
      ]) {
        expect(actions).toContain(action);
      }
      expect(logs.data[0]?.action).toBe('tenant.settings_changed');
      expect(logs.data[0]).toMatchObject({
        actorUserId: admin.userId,
        ip,
        targetType: 'tenant',
        targetId: admin.tenantId,
      });
      const roleChange = logs.data.find((l) => l.action === 'user.role_changed');
      expect(roleChange).toMatchObject({ targetId: agent.userId, metadata: { from: 'agent', to: 'admin' } });
      expect(logs.data.find((l) => l.action === 'auth.login_failed')).toMatchObject({ ip, actorUserId: null });
    });

    it('should record a failed login for an unknown email without a workspace', async () => {
      const email = uniqueEmail('ghost');
      await t.http().post('/auth/login').send({ email, password: 'whatever' }).expect(401);
      const rows = await t.sql(
        `SELECT tenant_id, metadata FROM audit_logs WHERE action = 'auth.login_failed' AND metadata->>'email' = $1`,
        [email],
      );
      expect(rows).toEqual([{ tenant_id: null, metadata: expect.objectContaining({ email }) }]);
    });

    it('should refuse to change or delete an audit record', async () => {
      await registerTenant(t);
      await expect(t.sql(`UPDATE audit_logs SET action = 'tampered'`)).rejects.toThrow(/append-only/);
      await expect(t.sql(`DELETE FROM audit_logs`)).rejects.toThrow(/append-only/);
    });
  });
});
