import { type AuthResponse, type LimitValues, type TenantLimitsDto } from '@aerostic/shared';
import { AdminLimitsController } from '../src/admin/limits/admin-limits.controller';
import { addMember, deactivation, invite, type Member, registerTenant, uniqueEmail } from './support/builders';
import { limitReached, setTenantLimits } from './support/limits';
import { createPlatformAdmin, type PlatformAdminAccount } from './support/platform-admins';
import { createTestApp, type TestApp } from './support/test-app';

const SEEDED_DEFAULTS: LimitValues = {
  agents: 25,
  whatsappNumbers: 5,
  contacts: 100_000,
  outboundMessagesPerMonth: 100_000,
  campaignRecipientsPerMonth: 50_000,
  aiRepliesPerMonth: 10_000,
};
const NO_USE = {
  agents: 1,
  whatsappNumbers: 0,
  contacts: 0,
  outboundMessagesPerMonth: 0,
  campaignRecipientsPerMonth: 0,
  aiRepliesPerMonth: 0,
};
/** New workspaces try Growth, whose quotas are the seeded defaults. */
const GROWTH = { id: expect.any(String) as unknown as string, code: 'growth', name: 'Growth', quotas: SEEDED_DEFAULTS };
const UNKNOWN_TENANT = '00000000-0000-4000-8000-000000000000';

const agentsReached = (max: number) =>
  `Your workspace has reached its limit of ${max} agent${max === 1 ? '' : 's'}. Deactivate a member or revoke a pending invitation, or ask Aerostic support to raise the limit.`;

describe(AdminLimitsController.name, () => {
  let t: TestApp;
  let superAdmin: PlatformAdminAccount;
  let supportAdmin: PlatformAdminAccount;

  beforeAll(async () => {
    t = await createTestApp();
    superAdmin = await createPlatformAdmin(t, 'super_admin');
    supportAdmin = await createPlatformAdmin(t, 'admin');
  });
  afterAll(async () => {
    await t.close();
  });

  const getDefaults = (token: string) => t.http().get('/admin/limits').auth(token, { type: 'bearer' });
  const putDefaults = (token: string, body: object) =>
    t.http().put('/admin/limits').auth(token, { type: 'bearer' }).send(body);
  const getTenantLimits = (token: string, tenantId: string) =>
    t.http().get(`/admin/tenants/${tenantId}/limits`).auth(token, { type: 'bearer' });
  const putTenantLimits = (token: string, tenantId: string, body: object) =>
    t.http().put(`/admin/tenants/${tenantId}/limits`).auth(token, { type: 'bearer' }).send(body);
  const inviteRequest = (admin: Member, email = uniqueEmail('agent')) =>
    t.http().post('/users/invitations').auth(admin.token, { type: 'bearer' }).send({ email, role: 'agent' });
  const accept = (token: string) =>
    t.http().post('/auth/accept-invitation').send({ token, name: 'Nia New', password: 'a good password' });
  const seats = async (tenantId: string) =>
    ((await getTenantLimits(supportAdmin.token, tenantId).expect(200)).body as TenantLimitsDto).usage.agents;

  describe('platform defaults', () => {
    it('should answer the seeded defaults to admins of both roles', async () => {
      expect((await getDefaults(superAdmin.token).expect(200)).body).toEqual(SEEDED_DEFAULTS);
      expect((await getDefaults(supportAdmin.token).expect(200)).body).toEqual(SEEDED_DEFAULTS);
    });

    it('should refuse a tenant token and a missing token on the admin limits', async () => {
      const member = await registerTenant(t);
      await getDefaults(member.token).expect(401);
      await t.http().get('/admin/limits').expect(401);
      await getTenantLimits(member.token, member.tenantId).expect(401);
    });

    it('should change the defaults when a super admin puts them, audited with before, after and the reason', async () => {
      const values = {
        agents: 10,
        whatsappNumbers: 2,
        contacts: null,
        outboundMessagesPerMonth: 5000,
        campaignRecipientsPerMonth: 2000,
        aiRepliesPerMonth: null,
      };
      try {
        const res = await putDefaults(superAdmin.token, { values, reason: 'Launch pricing' }).expect(200);

        expect(res.body).toEqual(values);
        expect((await getDefaults(supportAdmin.token).expect(200)).body).toEqual(values);
        // A workspace without a plan follows the defaults; one on a plan follows its plan's quotas.
        const [bare] = await t.sql(`INSERT INTO tenants (name, domain) VALUES ('Bare', 'bare-defaults') RETURNING id`);
        const limits = (await getTenantLimits(supportAdmin.token, String(bare?.id)).expect(200))
          .body as TenantLimitsDto;
        expect(limits).toMatchObject({ defaults: values, overrides: {}, plan: null, effective: values });
        const member = await registerTenant(t);
        const onPlan = (await getTenantLimits(supportAdmin.token, member.tenantId).expect(200)).body as TenantLimitsDto;
        expect(onPlan).toMatchObject({ defaults: values, plan: GROWTH, effective: SEEDED_DEFAULTS });
        const audit = await t.sql(
          `SELECT tenant_id, actor_admin_id, actor_user_id, metadata FROM audit_logs WHERE action = 'limits.defaults_changed'`,
        );
        expect(audit).toEqual([
          {
            tenant_id: null,
            actor_admin_id: superAdmin.id,
            actor_user_id: null,
            metadata: { before: SEEDED_DEFAULTS, after: values, reason: 'Launch pricing' },
          },
        ]);
      } finally {
        await putDefaults(superAdmin.token, { values: SEEDED_DEFAULTS }).expect(200);
      }
    });

    it('should answer 403 and change nothing when an admin who is not a super admin puts the defaults', async () => {
      const res = await putDefaults(supportAdmin.token, { values: { ...SEEDED_DEFAULTS, agents: 1 } }).expect(403);

      expect(res.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
      expect((await getDefaults(superAdmin.token).expect(200)).body).toEqual(SEEDED_DEFAULTS);
    });

    it('should answer 400 naming each bad field when a default is missing, not a positive whole number or unknown', async () => {
      const res = await putDefaults(superAdmin.token, {
        values: { agents: 0, whatsappNumbers: 2.5, contacts: '100', seats: 3 },
      }).expect(400);

      expect((res.body as { fields: Record<string, string> }).fields).toEqual({
        'values.agents': 'Must be at least 1, or null for unlimited',
        'values.whatsappNumbers': 'Must be a whole number of at least 1, or null for unlimited',
        'values.contacts': 'Must be a whole number of at least 1, or null for unlimited',
        'values.outboundMessagesPerMonth': 'Must be a whole number of at least 1, or null for unlimited',
        'values.campaignRecipientsPerMonth': 'Must be a whole number of at least 1, or null for unlimited',
        'values.aiRepliesPerMonth': 'Must be a whole number of at least 1, or null for unlimited',
        'values.seats': expect.stringMatching(/^Unknown field; remove it: the limits are agents, whatsappNumbers/),
      });
      expect((await getDefaults(superAdmin.token).expect(200)).body).toEqual(SEEDED_DEFAULTS);
    });
  });

  describe('a workspace’s limits', () => {
    it('should answer the defaults, no overrides, its trial plan, the effective limits and the usage of a new workspace', async () => {
      const member = await registerTenant(t);

      const res = await getTenantLimits(supportAdmin.token, member.tenantId).expect(200);

      expect(res.body).toEqual({
        tenantId: member.tenantId,
        defaults: SEEDED_DEFAULTS,
        overrides: {},
        plan: GROWTH,
        effective: SEEDED_DEFAULTS,
        usage: NO_USE,
      });
    });

    it('should replace the overrides when a super admin puts them, audited with the workspace, before, after and the reason', async () => {
      const member = await registerTenant(t);
      await setTenantLimits(t, superAdmin, member.tenantId, { agents: 40 });

      const res = await putTenantLimits(superAdmin.token, member.tenantId, {
        overrides: { agents: 3, contacts: null },
        reason: 'Ticket 4411: trial',
      }).expect(200);

      const expected: TenantLimitsDto = {
        tenantId: member.tenantId,
        defaults: SEEDED_DEFAULTS,
        overrides: { agents: 3, contacts: null },
        plan: GROWTH,
        effective: { ...SEEDED_DEFAULTS, agents: 3, contacts: null },
        usage: NO_USE,
      };
      expect(res.body).toEqual(expected);
      expect((await getTenantLimits(supportAdmin.token, member.tenantId).expect(200)).body).toEqual(expected);
      const audit = await t.sql(
        `SELECT tenant_id, actor_admin_id, target_type, target_id, metadata FROM audit_logs
         WHERE action = 'tenant.limits_changed' AND tenant_id = $1 ORDER BY created_at`,
        [member.tenantId],
      );
      expect(audit).toHaveLength(2);
      expect(audit[1]).toEqual({
        tenant_id: member.tenantId,
        actor_admin_id: superAdmin.id,
        target_type: 'tenant',
        target_id: member.tenantId,
        metadata: { before: { agents: 40 }, after: { agents: 3, contacts: null }, reason: 'Ticket 4411: trial' },
      });
    });

    it('should follow the default again when a limit is left out of the overrides', async () => {
      const member = await registerTenant(t);
      await setTenantLimits(t, superAdmin, member.tenantId, { agents: 3, whatsappNumbers: 1 });

      const limits = await setTenantLimits(t, superAdmin, member.tenantId, { whatsappNumbers: 1 });

      expect(limits).toMatchObject({
        overrides: { whatsappNumbers: 1 },
        effective: { ...SEEDED_DEFAULTS, whatsappNumbers: 1 },
      });
      const stored = await t.sql(`SELECT name FROM tenant_limit_overrides WHERE tenant_id = $1`, [member.tenantId]);
      expect(stored).toEqual([{ name: 'whatsappNumbers' }]);
    });

    it('should answer 403 and change nothing when an admin who is not a super admin puts the overrides', async () => {
      const member = await registerTenant(t);

      await putTenantLimits(supportAdmin.token, member.tenantId, { overrides: { agents: 1 } }).expect(403);

      expect((await getTenantLimits(supportAdmin.token, member.tenantId).expect(200)).body).toMatchObject({
        overrides: {},
      });
    });

    it('should answer 404 when the workspace does not exist', async () => {
      const read = await getTenantLimits(supportAdmin.token, UNKNOWN_TENANT).expect(404);
      const write = await putTenantLimits(superAdmin.token, UNKNOWN_TENANT, { overrides: { agents: 2 } }).expect(404);

      expect(read.body).toMatchObject({ message: 'Workspace not found' });
      expect(write.body).toMatchObject({ message: 'Workspace not found' });
      expect(await t.sql(`SELECT 1 FROM tenant_limit_overrides WHERE tenant_id = $1`, [UNKNOWN_TENANT])).toEqual([]);
    });

    it('should answer 400 naming the field when an override is not valid', async () => {
      const member = await registerTenant(t);

      const res = await putTenantLimits(superAdmin.token, member.tenantId, {
        overrides: { agents: -1, seats: 4 },
        reason: '',
      }).expect(400);

      expect((res.body as { fields: Record<string, string> }).fields).toEqual({
        'overrides.agents': 'Must be at least 1, or null for unlimited',
        'overrides.seats': expect.stringMatching(/^Unknown field/),
        reason: 'Leave the reason out, or say why',
      });
      await getTenantLimits(supportAdmin.token, 'not-a-uuid').expect(400);
    });
  });

  describe('agents', () => {
    it('should refuse the next invitation with 402 when a super admin lowers the agent limit, and let it through once raised', async () => {
      const admin = await registerTenant(t);
      await addMember(t, admin);
      await setTenantLimits(t, superAdmin, admin.tenantId, { agents: 2 });

      const refused = await inviteRequest(admin).expect(402);

      expect(refused.body).toEqual(limitReached('agents', 2, 2, agentsReached(2)));
      expect(await t.sql(`SELECT 1 FROM invitations WHERE tenant_id = $1`, [admin.tenantId])).toHaveLength(1);
      await setTenantLimits(t, superAdmin, admin.tenantId, { agents: 3 });
      await inviteRequest(admin).expect(201);
    });

    it('should count pending invitations as seats, and free one when an invitation is revoked', async () => {
      const admin = await registerTenant(t);
      await setTenantLimits(t, superAdmin, admin.tenantId, { agents: 2 });
      const pending = await invite(t, admin);

      const refused = await inviteRequest(admin).expect(402);

      expect(refused.body).toEqual(limitReached('agents', 2, 2, agentsReached(2)));
      // Inviting the same address again replaces its invitation, so it needs no seat more.
      await inviteRequest(admin, pending.email).expect(201);
      const [replacement] = await t.sql(
        `SELECT id FROM invitations WHERE tenant_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC LIMIT 1`,
        [admin.tenantId],
      );
      await t
        .http()
        .delete(`/users/invitations/${String(replacement?.id)}`)
        .auth(admin.token, { type: 'bearer' })
        .expect(204);
      await inviteRequest(admin).expect(201);
    });

    it('should let only as many concurrent invitations through as there are free seats', async () => {
      const admin = await registerTenant(t);
      await setTenantLimits(t, superAdmin, admin.tenantId, { agents: 3 });

      const answers = await Promise.all(Array.from({ length: 6 }, () => inviteRequest(admin)));

      expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 402, 402, 402, 402]);
      const [row] = await t.sql(
        `SELECT count(*)::int AS pending FROM invitations WHERE tenant_id = $1 AND revoked_at IS NULL`,
        [admin.tenantId],
      );
      expect(row?.pending).toBe(2);
      expect(await seats(admin.tenantId)).toBe(3);
    });

    it('should refuse to accept an invitation when the limit was lowered below the members since it was sent', async () => {
      const admin = await registerTenant(t);
      const first = await invite(t, admin);
      const second = await invite(t, admin);
      await setTenantLimits(t, superAdmin, admin.tenantId, { agents: 1 });

      const refused = await accept(first.token).expect(402);

      expect(refused.body).toEqual(limitReached('agents', 1, 1, agentsReached(1)));
      await setTenantLimits(t, superAdmin, admin.tenantId, { agents: 2 });
      const accepted = (await accept(first.token).expect(200)).body as AuthResponse;
      expect(accepted.user).toMatchObject({ email: first.email, tenantId: admin.tenantId });
      expect((await accept(second.token).expect(402)).body).toEqual(limitReached('agents', 2, 2, agentsReached(2)));
    });

    it('should refuse to reactivate a member when no seat is free', async () => {
      const admin = await registerTenant(t);
      const agent = await addMember(t, admin);
      await setTenantLimits(t, superAdmin, admin.tenantId, { agents: 2 });
      await deactivation(t, admin, agent.userId).expect(200);
      const pending = await invite(t, admin);
      const reactivate = () =>
        t.http().patch(`/users/${agent.userId}`).auth(admin.token, { type: 'bearer' }).send({ active: true });

      const refused = await reactivate().expect(402);

      expect(refused.body).toEqual(limitReached('agents', 2, 2, agentsReached(2)));
      const [row] = await t.sql(`SELECT status FROM users WHERE id = $1`, [agent.userId]);
      expect(row?.status).toBe('deactivated');
      await t.http().delete(`/users/invitations/${pending.id}`).auth(admin.token, { type: 'bearer' }).expect(204);
      await reactivate().expect(200);
    });

    it('should count active members and usable invitations only, not deactivated members nor revoked or expired invitations', async () => {
      const admin = await registerTenant(t);
      const gone = await addMember(t, admin);
      await addMember(t, admin);
      await deactivation(t, admin, gone.userId).expect(200);
      await invite(t, admin);
      const revoked = await invite(t, admin);
      const expired = await invite(t, admin);
      await t.http().delete(`/users/invitations/${revoked.id}`).auth(admin.token, { type: 'bearer' }).expect(204);
      await t.sql(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [expired.id]);

      expect(await seats(admin.tenantId)).toBe(3);
    });
  });
});
