import { createHash } from 'node:crypto';
import {
  type AdminAuthResponse,
  type AdminInvitationDto,
  type CreatedAdminInvitationDto,
  INVITATION_LIMIT_PER_IP,
  type PlatformAdminDto,
  type PlatformAdminRole,
} from '@aerostic/shared';
import { AdminsController } from '../src/admin/admins/admins.controller';
import { testAddress, uniqueEmail } from './support/builders';
import { adminCookieOf, createPlatformAdmin, type PlatformAdminAccount } from './support/platform-admins';
import { createTestApp, type TestApp } from './support/test-app';

const ADMIN_URL = 'http://admin.test';

describe(AdminsController.name, () => {
  let t: TestApp;
  let superAdmin: PlatformAdminAccount;

  const as = (admin: PlatformAdminAccount) => ({
    get: (path: string) => t.http().get(path).auth(admin.token, { type: 'bearer' }),
    post: (path: string, body: object) => t.http().post(path).auth(admin.token, { type: 'bearer' }).send(body),
    patch: (path: string, body: object) => t.http().patch(path).auth(admin.token, { type: 'bearer' }).send(body),
    delete: (path: string) => t.http().delete(path).auth(admin.token, { type: 'bearer' }),
  });
  const invite = async (role: PlatformAdminRole = 'admin', email = uniqueEmail('invitee')) => {
    const res = await as(superAdmin).post('/admin/admins/invitations', { email, role }).expect(201);
    const body = res.body as CreatedAdminInvitationDto;
    return { ...body, token: new URL(body.invitationUrl).searchParams.get('token') ?? '' };
  };
  const accept = (token: string, ip = testAddress(), password = 'new admin password') =>
    t
      .http()
      .post('/admin/auth/accept-invitation')
      .set('X-Forwarded-For', ip)
      .send({ token, name: 'Ivy Invited', password });
  const preview = (token: string, ip = testAddress()) =>
    t.http().get(`/admin/auth/invitations/${token}`).set('X-Forwarded-For', ip);
  const audit = (action: string, targetId: string) =>
    t.sql(`SELECT actor_admin_id, metadata FROM audit_logs WHERE action = $1 AND target_id = $2`, [action, targetId]);

  beforeAll(async () => {
    t = await createTestApp({ ADMIN_URL });
    superAdmin = await createPlatformAdmin(t, 'super_admin');
  });
  afterAll(async () => {
    await t.close();
  });

  describe('roles', () => {
    it('should refuse every admins route to an admin who is not a super admin, with 403', async () => {
      const support = await createPlatformAdmin(t, 'admin');
      const id = superAdmin.id;
      const attempts = [
        as(support).get('/admin/admins'),
        as(support).get('/admin/admins/invitations'),
        as(support).post('/admin/admins/invitations', { email: uniqueEmail(), role: 'admin' }),
        as(support).delete(`/admin/admins/invitations/${id}`),
        as(support).patch(`/admin/admins/${id}`, { role: 'admin' }),
      ];
      for (const attempt of attempts) {
        const res = await attempt.expect(403);
        expect(res.body).toMatchObject({ message: 'This action needs the super_admin role' });
      }
      await as(support).get('/admin/auth/me').expect(200);
    });
  });

  describe('GET /admin/admins', () => {
    it('should list every admin, without secrets', async () => {
      const support = await createPlatformAdmin(t, 'admin');
      const res = await as(superAdmin).get('/admin/admins').expect(200);
      const admins = res.body as PlatformAdminDto[];
      expect(admins).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: superAdmin.id, role: 'super_admin', status: 'active' }),
          expect.objectContaining({ id: support.id, email: support.email, role: 'admin', totpEnabled: false }),
        ]),
      );
      expect(JSON.stringify(admins)).not.toMatch(/password|secret|token/i);
    });
  });

  describe('invitations', () => {
    it('should answer a single-use admin panel link, store only its hash, list it and audit it', async () => {
      const email = uniqueEmail('invitee');
      const invitation = await invite('super_admin', email.toUpperCase());

      expect(invitation).toMatchObject({ email, role: 'super_admin', acceptedAt: null });
      expect(invitation.invitationUrl).toBe(`${ADMIN_URL}/accept-invitation?token=${invitation.token}`);
      expect(invitation.token.length).toBeGreaterThanOrEqual(43);
      const [row] = await t.sql('SELECT token_hash FROM admin_invitations WHERE id = $1', [invitation.id]);
      expect(row?.token_hash).toBe(createHash('sha256').update(invitation.token).digest('hex'));
      const pending = (await as(superAdmin).get('/admin/admins/invitations').expect(200)).body as AdminInvitationDto[];
      expect(pending).toContainEqual(expect.objectContaining({ id: invitation.id, email }));
      expect(JSON.stringify(pending)).not.toContain(invitation.token);
      expect(await audit('admin.invited', invitation.id)).toEqual([
        { actor_admin_id: superAdmin.id, metadata: { email, role: 'super_admin' } },
      ]);
    });

    it('should preview, then accept once, signing the new admin in with the role invited', async () => {
      const invitation = await invite('admin');
      const shown = await preview(invitation.token).expect(200);
      expect(shown.body).toEqual({ email: invitation.email, role: 'admin', expiresAt: invitation.expiresAt });

      const res = await accept(invitation.token).expect(200);
      const body = res.body as AdminAuthResponse;
      expect(body.admin).toMatchObject({
        email: invitation.email,
        name: 'Ivy Invited',
        role: 'admin',
        status: 'active',
      });
      expect(adminCookieOf(res)).toMatch(/HttpOnly/);
      await t.http().get('/admin/auth/me').auth(body.access_token, { type: 'bearer' }).expect(200);
      await t
        .http()
        .post('/admin/auth/login')
        .set('X-Forwarded-For', testAddress())
        .send({ email: invitation.email, password: 'new admin password' })
        .expect(200);

      await accept(invitation.token).expect(404);
      await preview(invitation.token).expect(404);
      const pending = (await as(superAdmin).get('/admin/admins/invitations').expect(200)).body as AdminInvitationDto[];
      expect(pending.map((i) => i.id)).not.toContain(invitation.id);
      expect(await audit('admin.invitation_accepted', invitation.id)).toEqual([
        { actor_admin_id: body.admin.id, metadata: { role: 'admin', invitedByAdminId: superAdmin.id } },
      ]);
    });

    it('should create one admin when two tabs accept the same link at once', async () => {
      const invitation = await invite();
      const answers = await Promise.all([accept(invitation.token), accept(invitation.token)]);

      expect(answers.map((r) => r.status).sort()).toEqual([200, 404]);
      const rows = await t.sql('SELECT id FROM platform_admins WHERE email = $1', [invitation.email]);
      expect(rows).toHaveLength(1);
    });

    it('should refuse an expired link', async () => {
      const invitation = await invite();
      await t.sql(`UPDATE admin_invitations SET expires_at = now() - interval '1 second' WHERE id = $1`, [
        invitation.id,
      ]);

      const res = await preview(invitation.token).expect(404);
      expect(res.body).toMatchObject({ message: expect.stringMatching(/invalid, was already used, or has expired/) });
      await accept(invitation.token).expect(404);
      const pending = (await as(superAdmin).get('/admin/admins/invitations').expect(200)).body as AdminInvitationDto[];
      expect(pending.map((i) => i.id)).not.toContain(invitation.id);
    });

    it('should refuse a weak password, naming the field, and leave the link usable', async () => {
      const invitation = await invite();
      const res = await accept(invitation.token, testAddress(), 'short').expect(400);
      expect(res.body).toMatchObject({ fields: { password: expect.stringMatching(/at least 10 characters/) } });
      await preview(invitation.token).expect(200);
    });

    it('should refuse to invite an address that already has an admin account, naming the email', async () => {
      const existing = await createPlatformAdmin(t, 'admin');
      const res = await as(superAdmin)
        .post('/admin/admins/invitations', { email: existing.email, role: 'admin' })
        .expect(409);
      expect(res.body).toMatchObject({ fields: { email: 'A platform admin with this email already exists' } });
    });

    it('should let only the newest link for one address work', async () => {
      const email = uniqueEmail('twice');
      const first = await invite('admin', email);
      const second = await invite('super_admin', email);

      await preview(first.token).expect(404);
      await accept(second.token).expect(200);
    });

    it('should revoke a pending invitation, audited, after which its link answers 404', async () => {
      const invitation = await invite();
      await as(superAdmin).delete(`/admin/admins/invitations/${invitation.id}`).expect(204);

      await preview(invitation.token).expect(404);
      await as(superAdmin).delete(`/admin/admins/invitations/${invitation.id}`).expect(404);
      expect(await audit('admin.invitation_revoked', invitation.id)).toEqual([
        { actor_admin_id: superAdmin.id, metadata: { email: invitation.email } },
      ]);
    });

    it('should answer 429 when one address keeps trying invalid links, and not to another', async () => {
      const invitation = await invite();
      const ip = testAddress();
      const madeUp = () => `made-up-${testAddress()}`.padEnd(43, 'x');
      for (let i = 0; i < INVITATION_LIMIT_PER_IP.points; i++) {
        const res = i % 2 === 0 ? await preview(madeUp(), ip) : await accept(madeUp(), ip);
        expect(res.status).toBe(404);
      }

      const blocked = await accept(invitation.token, ip).expect(429);
      expect(blocked.body).toMatchObject({ message: expect.stringMatching(/invalid invitation links.*Try again in/) });
      await accept(invitation.token, testAddress()).expect(200);
    });
  });

  describe('PATCH /admin/admins/:id', () => {
    it('should change a role, end the admin sessions at once and audit it with the reason', async () => {
      const admin = await createPlatformAdmin(t, 'admin');
      const res = await as(superAdmin)
        .patch(`/admin/admins/${admin.id}`, { role: 'super_admin', reason: 'On call this quarter' })
        .expect(200);

      expect(res.body).toMatchObject({ id: admin.id, role: 'super_admin', status: 'active' });
      const old = await t.http().get('/admin/auth/me').auth(admin.token, { type: 'bearer' }).expect(401);
      expect(old.body).toMatchObject({ message: expect.stringMatching(/sign in again/) });
      expect(await audit('admin.role_changed', admin.id)).toEqual([
        {
          actor_admin_id: superAdmin.id,
          metadata: { email: admin.email, from: 'admin', to: 'super_admin', reason: 'On call this quarter' },
        },
      ]);
    });

    it('should deactivate an admin, refused at once and at sign-in, then reactivate it, each audited', async () => {
      const admin = await createPlatformAdmin(t, 'admin');
      await as(superAdmin)
        .patch(`/admin/admins/${admin.id}`, { active: false, reason: 'Left the company' })
        .expect(200);

      await t.http().get('/admin/auth/me').auth(admin.token, { type: 'bearer' }).expect(403);
      const login = () =>
        t
          .http()
          .post('/admin/auth/login')
          .set('X-Forwarded-For', testAddress())
          .send({ email: admin.email, password: admin.password });
      await login().expect(403);

      const res = await as(superAdmin).patch(`/admin/admins/${admin.id}`, { active: true }).expect(200);
      expect(res.body).toMatchObject({ status: 'active' });
      // Deactivation ended the old token for good; a new sign-in works.
      await t.http().get('/admin/auth/me').auth(admin.token, { type: 'bearer' }).expect(401);
      await login().expect(200);
      expect(await audit('admin.deactivated', admin.id)).toEqual([
        { actor_admin_id: superAdmin.id, metadata: { email: admin.email, reason: 'Left the company' } },
      ]);
      expect(await audit('admin.reactivated', admin.id)).toHaveLength(1);
    });

    it('should answer 404 for an unknown admin and 400 naming the problem for a bad body', async () => {
      await as(superAdmin).patch('/admin/admins/2f1c7f6e-9a51-4f43-9d0e-0a6a4c1f0b11', { active: false }).expect(404);
      const empty = await as(superAdmin).patch(`/admin/admins/${superAdmin.id}`, {}).expect(400);
      expect(empty.body).toMatchObject({ message: expect.stringMatching(/at least one of: role, active/) });
      const badRole = await as(superAdmin).patch(`/admin/admins/${superAdmin.id}`, { role: 'owner' }).expect(400);
      expect(badRole.body).toMatchObject({ fields: { role: 'Role must be one of: super_admin, admin' } });
      await as(superAdmin).patch('/admin/admins/not-a-uuid', { active: false }).expect(400);
    });

    it('should refuse an admin deactivating itself', async () => {
      const res = await as(superAdmin).patch(`/admin/admins/${superAdmin.id}`, { active: false }).expect(409);
      expect(res.body).toMatchObject({ message: expect.stringMatching(/your own admin account/) });
    });
  });

  describe('the last active super admin', () => {
    /** Leaves exactly the given super admins active: the others of this file's database become support admins. */
    async function onlySuperAdmins(...admins: PlatformAdminAccount[]): Promise<void> {
      await t.sql(`UPDATE platform_admins SET role = 'admin' WHERE role = 'super_admin' AND NOT (id = ANY($1))`, [
        admins.map((a) => a.id),
      ]);
    }
    const activeSuperAdmins = async () =>
      Number(
        (await t.sql(`SELECT count(*) AS n FROM platform_admins WHERE role = 'super_admin' AND status = 'active'`))[0]
          ?.n,
      );

    it('should refuse to demote the last active super admin, with a message saying what to do', async () => {
      const last = await createPlatformAdmin(t, 'super_admin');
      await onlySuperAdmins(last);

      const res = await as(last).patch(`/admin/admins/${last.id}`, { role: 'admin' }).expect(409);
      expect(res.body).toMatchObject({ message: expect.stringMatching(/at least one active super admin/) });
      expect(await activeSuperAdmins()).toBe(1);
    });

    it('should let a super admin demote or deactivate another while one remains', async () => {
      const [a, b, c] = [
        await createPlatformAdmin(t, 'super_admin'),
        await createPlatformAdmin(t, 'super_admin'),
        await createPlatformAdmin(t, 'super_admin'),
      ];
      await onlySuperAdmins(a, b, c);

      await as(a).patch(`/admin/admins/${b.id}`, { role: 'admin' }).expect(200);
      await as(a).patch(`/admin/admins/${c.id}`, { active: false }).expect(200);
      await as(a).patch(`/admin/admins/${a.id}`, { role: 'admin' }).expect(409);
      expect(await activeSuperAdmins()).toBe(1);
    });

    it('should keep one active super admin when the last two remove each other at the same moment', async () => {
      for (let round = 0; round < 3; round++) {
        const a = await createPlatformAdmin(t, 'super_admin');
        const b = await createPlatformAdmin(t, 'super_admin');
        await onlySuperAdmins(a, b);

        const answers = await Promise.all([
          as(a).patch(`/admin/admins/${b.id}`, { active: false }),
          as(b).patch(`/admin/admins/${a.id}`, { role: 'admin' }),
        ]);

        // The loser is refused by the rule (409) or, when the winner's change reached its session first, at the door.
        expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
        expect(answers.every((r) => [200, 401, 403, 409].includes(r.status))).toBe(true);
        expect(await activeSuperAdmins()).toBe(1);
      }
    });
  });
});
