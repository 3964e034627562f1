import { type AuthResponse, type InvitationPreviewDto, type Page, type UserDto } from '@aerostic/shared';
import { UsersController } from '../src/users/users.controller';
import { addMember, deactivation, invite, registerTenant, uniqueEmail } from './support/builders';
import { createTestApp, type TestApp } from './support/test-app';

describe(UsersController.name, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('invitations', () => {
    it('should answer a link on the dashboard with a single-use token when an admin invites', async () => {
      const admin = await registerTenant(t, 'Invite Co');
      const invitation = await invite(t, admin, 'agent');
      expect(invitation.invitationUrl).toMatch(/^http:\/\/app\.test\/accept-invitation\?token=[\w-]{43}$/);
      const [row] = await t.sql('SELECT token_hash FROM invitations WHERE id = $1', [invitation.id]);
      expect(row?.token_hash).not.toContain(invitation.token);

      const preview = (await t.http().get(`/auth/invitations/${invitation.token}`).expect(200))
        .body as InvitationPreviewDto;
      expect(preview).toMatchObject({ email: invitation.email, role: 'agent', tenantName: 'Invite Co' });

      const accepted = await t
        .http()
        .post('/auth/accept-invitation')
        .send({ token: invitation.token, name: 'Nia New', password: 'a good password' })
        .expect(200);
      expect((accepted.body as AuthResponse).user).toMatchObject({
        email: invitation.email,
        role: 'agent',
        tenantId: admin.tenantId,
      });

      await t
        .http()
        .post('/auth/accept-invitation')
        .send({ token: invitation.token, name: 'Again', password: 'a good password' })
        .expect(404);
      await t.http().get(`/auth/invitations/${invitation.token}`).expect(404);
      await t.http().post('/auth/login').send({ email: invitation.email, password: 'a good password' }).expect(200);
    });

    it('should refuse an invitation when it has expired', async () => {
      const admin = await registerTenant(t);
      const invitation = await invite(t, admin);
      await t.sql(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [invitation.id]);
      const res = await t
        .http()
        .post('/auth/accept-invitation')
        .send({ token: invitation.token, name: 'Late', password: 'a good password' })
        .expect(404);
      expect((res.body as { message: string }).message).toMatch(/expired/);
    });

    it('should make only the newest link work when the same email is invited twice', async () => {
      const admin = await registerTenant(t);
      const email = uniqueEmail();
      const first = await invite(t, admin, 'agent', email);
      const second = await invite(t, admin, 'admin', email);
      await t.http().get(`/auth/invitations/${first.token}`).expect(404);
      const preview = (await t.http().get(`/auth/invitations/${second.token}`).expect(200))
        .body as InvitationPreviewDto;
      expect(preview.role).toBe('admin');
    });

    it('should refuse to invite an email that already has an account', async () => {
      const admin = await registerTenant(t);
      const other = await registerTenant(t);
      const res = await t
        .http()
        .post('/users/invitations')
        .auth(admin.token, { type: 'bearer' })
        .send({ email: other.email })
        .expect(409);
      expect(res.body).toMatchObject({ fields: { email: expect.any(String) } });
    });

    it('should list pending invitations and stop a revoked one from working', async () => {
      const admin = await registerTenant(t);
      const invitation = await invite(t, admin);
      const list = (await t.http().get('/users/invitations').auth(admin.token, { type: 'bearer' }).expect(200))
        .body as Page<{ id: string }>;
      expect(list.data.map((i) => i.id)).toEqual([invitation.id]);
      await t.http().delete(`/users/invitations/${invitation.id}`).auth(admin.token, { type: 'bearer' }).expect(204);
      await t.http().get(`/auth/invitations/${invitation.token}`).expect(404);
      const after = (await t.http().get('/users/invitations').auth(admin.token, { type: 'bearer' }).expect(200))
        .body as Page<unknown>;
      expect(after.data).toHaveLength(0);
    });

    it('should answer 400 naming the field when the role is unknown', async () => {
      const admin = await registerTenant(t);
      const res = await t
        .http()
        .post('/users/invitations')
        .auth(admin.token, { type: 'bearer' })
        .send({ email: uniqueEmail(), role: 'owner' })
        .expect(400);
      expect(res.body).toMatchObject({ fields: { role: expect.stringContaining('admin, agent') } });
    });
  });

  describe('team', () => {
    it('should list the team in pages with a cursor', async () => {
      const admin = await registerTenant(t);
      await addMember(t, admin);
      await addMember(t, admin);
      const first = (await t.http().get('/users?limit=2').auth(admin.token, { type: 'bearer' }).expect(200))
        .body as Page<UserDto>;
      expect(first.data).toHaveLength(2);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = (
        await t
          .http()
          .get(`/users?limit=2&cursor=${first.nextCursor}`)
          .auth(admin.token, { type: 'bearer' })
          .expect(200)
      ).body as Page<UserDto>;
      expect(second.data).toHaveLength(1);
      expect(second.nextCursor).toBeNull();
      expect(new Set([...first.data, ...second.data].map((u) => u.id)).size).toBe(3);
      await t.http().get('/users?cursor=garbage').auth(admin.token, { type: 'bearer' }).expect(400);
      await t.http().get('/users?limit=0').auth(admin.token, { type: 'bearer' }).expect(400);
    });

    it('should let an admin promote an agent, whose next request has admin rights', async () => {
      const admin = await registerTenant(t);
      const agent = await addMember(t, admin);
      await t.http().get('/audit-logs').auth(agent.token, { type: 'bearer' }).expect(403);
      const res = await t
        .http()
        .patch(`/users/${agent.userId}`)
        .auth(admin.token, { type: 'bearer' })
        .send({ role: 'admin' })
        .expect(200);
      expect((res.body as UserDto).role).toBe('admin');
      await t.http().get('/audit-logs').auth(agent.token, { type: 'bearer' }).expect(200);
    });

    it('should refuse to remove the last active admin', async () => {
      const admin = await registerTenant(t);
      const res = await t
        .http()
        .patch(`/users/${admin.userId}`)
        .auth(admin.token, { type: 'bearer' })
        .send({ role: 'agent' })
        .expect(409);
      expect((res.body as { message: string }).message).toMatch(/at least one active admin/);
      const second = await addMember(t, admin, 'admin');
      await t
        .http()
        .patch(`/users/${admin.userId}`)
        .auth(admin.token, { type: 'bearer' })
        .send({ role: 'agent' })
        .expect(200);
      await t
        .http()
        .patch(`/users/${second.userId}`)
        .auth(second.token, { type: 'bearer' })
        .send({ role: 'agent' })
        .expect(409);
    });

    it('should keep one admin when two admins demote each other at the same time', async () => {
      const admin = await registerTenant(t);
      const second = await addMember(t, admin, 'admin');
      const results = await Promise.all([
        t.http().patch(`/users/${second.userId}`).auth(admin.token, { type: 'bearer' }).send({ role: 'agent' }),
        t.http().patch(`/users/${admin.userId}`).auth(second.token, { type: 'bearer' }).send({ role: 'agent' }),
      ]);
      // The loser is refused either by the last-admin rule (409) or, having just lost the role, by the role guard (403).
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect([403, 409]).toContain(results.find((r) => r.status !== 200)?.status);
      const [row] = await t.sql(`SELECT count(*)::int AS admins FROM users WHERE tenant_id = $1 AND role = 'admin'`, [
        admin.tenantId,
      ]);
      expect(row?.admins).toBe(1);
    });

    it('should refuse when an admin deactivates themself', async () => {
      const admin = await registerTenant(t);
      await addMember(t, admin, 'admin');
      await deactivation(t, admin, admin.userId).expect(409);
    });

    it('should let a deactivated user back in when reactivated', async () => {
      const admin = await registerTenant(t);
      const agent = await addMember(t, admin);
      await deactivation(t, admin, agent.userId).expect(200);
      await t.http().post('/auth/login').send({ email: agent.email, password: agent.password }).expect(403);
      const res = await t
        .http()
        .patch(`/users/${agent.userId}`)
        .auth(admin.token, { type: 'bearer' })
        .send({ active: true })
        .expect(200);
      expect((res.body as UserDto).status).toBe('active');
      await t.http().post('/auth/login').send({ email: agent.email, password: agent.password }).expect(200);
    });

    it('should answer 400 when the update names no known field', async () => {
      const admin = await registerTenant(t);
      await t
        .http()
        .patch(`/users/${admin.userId}`)
        .auth(admin.token, { type: 'bearer' })
        .send({ email: 'x@y.z' })
        .expect(400);
      await t
        .http()
        .patch('/users/not-a-uuid')
        .auth(admin.token, { type: 'bearer' })
        .send({ role: 'agent' })
        .expect(400);
    });
  });
});
