import { type ConversationDto, type Page, type TeamDto } from '@aerostic/shared';
import { TeamsController } from '../src/routing/teams/teams.controller';
import { addMember, deactivation, type Member, registerTenant } from './support/builders';
import { connectNumber } from './support/inbound-harness';
import { seedConversation } from './support/inbox-builders';
import { createTestApp, type TestApp } from './support/test-app';

describe(TeamsController.name, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const as = (member: Member) => ({
    get: (path: string) => t.http().get(path).auth(member.token, { type: 'bearer' }),
    post: (path: string, body: object) => t.http().post(path).auth(member.token, { type: 'bearer' }).send(body),
    patch: (path: string, body: object) => t.http().patch(path).auth(member.token, { type: 'bearer' }).send(body),
    delete: (path: string) => t.http().delete(path).auth(member.token, { type: 'bearer' }),
  });

  it('should let an admin create, rename, staff and delete a team, audited, and every member read them', async () => {
    const admin = await registerTenant(t, 'Teams Co');
    const ana = await addMember(t, admin);
    const ben = await addMember(t, admin);

    const created = (
      await as(admin)
        .post('/teams', { name: 'Billing', memberIds: [ana.userId] })
        .expect(201)
    ).body as TeamDto;
    expect(created).toMatchObject({ name: 'Billing', memberIds: [ana.userId] });

    const renamed = (
      await as(admin)
        .patch(`/teams/${created.id}`, { name: 'Payments', memberIds: [ben.userId, ana.userId] })
        .expect(200)
    ).body as TeamDto;
    expect(renamed.name).toBe('Payments');
    expect([...renamed.memberIds].sort()).toEqual([ana.userId, ben.userId].sort());

    const listed = (await as(ben).get('/teams').expect(200)).body as Page<TeamDto>;
    expect(listed.data).toEqual([renamed]);
    expect((await as(ben).get(`/teams/${created.id}`).expect(200)).body).toEqual(renamed);

    await as(admin).delete(`/teams/${created.id}`).expect(204);
    await as(admin).get(`/teams/${created.id}`).expect(404);
    const audit = await t.sql(
      `SELECT action FROM audit_logs WHERE tenant_id = $1 AND action LIKE 'team.%' ORDER BY created_at`,
      [admin.tenantId],
    );
    expect(audit.map((r) => r.action)).toEqual(['team.created', 'team.updated', 'team.deleted']);
  });

  it('should refuse agents managing teams', async () => {
    const admin = await registerTenant(t);
    const agent = await addMember(t, admin);
    const team = (await as(admin).post('/teams', { name: 'Sales' }).expect(201)).body as TeamDto;

    await as(agent).post('/teams', { name: 'Mine' }).expect(403);
    await as(agent).patch(`/teams/${team.id}`, { name: 'Taken' }).expect(403);
    await as(agent).delete(`/teams/${team.id}`).expect(403);
  });

  it('should refuse a second team of the same name and members who are not active members, naming the field', async () => {
    const admin = await registerTenant(t);
    const agent = await addMember(t, admin);
    const other = await registerTenant(t, 'Other Co');
    await as(admin).post('/teams', { name: 'Support' }).expect(201);

    const duplicate = await as(admin).post('/teams', { name: 'support' }).expect(409);
    expect(duplicate.body).toMatchObject({ fields: { name: expect.any(String) } });
    const stranger = await as(admin)
      .post('/teams', { name: 'Mixed', memberIds: [other.userId] })
      .expect(400);
    expect(stranger.body).toMatchObject({ fields: { memberIds: expect.any(String) } });
    await deactivation(t, admin, agent.userId).expect(200);
    await as(admin)
      .post('/teams', { name: 'Gone', memberIds: [agent.userId] })
      .expect(400);
    const empty = await as(admin).post('/teams', { name: ' ' }).expect(400);
    expect(empty.body).toMatchObject({ fields: { name: 'name is required' } });
  });

  it("should answer 404 for another workspace's team", async () => {
    const admin = await registerTenant(t);
    const other = await registerTenant(t, 'Other Co');
    const team = (await as(admin).post('/teams', { name: 'Private' }).expect(201)).body as TeamDto;

    await as(other).get(`/teams/${team.id}`).expect(404);
    await as(other).patch(`/teams/${team.id}`, { name: 'Mine' }).expect(404);
    await as(other).delete(`/teams/${team.id}`).expect(404);
    expect(((await as(other).get('/teams').expect(200)).body as Page<TeamDto>).data).toEqual([]);
  });

  describe('conversations', () => {
    it('should put a conversation in a team and filter the inbox by team', async () => {
      const admin = await registerTenant(t);
      const agent = await addMember(t, admin);
      const number = await connectNumber(t, admin);
      const team = (await as(admin).post('/teams', { name: 'VIP' }).expect(201)).body as TeamDto;
      const [inTeam, outside] = [
        await seedConversation(t, admin, number.id),
        await seedConversation(t, admin, number.id),
      ];

      const updated = (await as(agent).patch(`/conversations/${inTeam.id}`, { teamId: team.id }).expect(200))
        .body as ConversationDto;
      expect(updated.teamId).toBe(team.id);

      const filtered = (await as(agent).get(`/conversations?teamId=${team.id}`).expect(200))
        .body as Page<ConversationDto>;
      expect(filtered.data.map((c) => c.id)).toEqual([inTeam.id]);
      const all = (await as(agent).get('/conversations').expect(200)).body as Page<ConversationDto>;
      expect(all.data.map((c) => c.id)).toContain(outside.id);

      await as(admin).delete(`/teams/${team.id}`).expect(204);
      expect(
        ((await as(agent).get(`/conversations/${inTeam.id}`).expect(200)).body as ConversationDto).teamId,
      ).toBeNull();
    });

    it("should refuse another workspace's team and a malformed team filter, naming the field", async () => {
      const admin = await registerTenant(t);
      const other = await registerTenant(t, 'Other Co');
      const number = await connectNumber(t, admin);
      const foreign = (await as(other).post('/teams', { name: 'Theirs' }).expect(201)).body as TeamDto;
      const conversation = await seedConversation(t, admin, number.id);

      const res = await as(admin).patch(`/conversations/${conversation.id}`, { teamId: foreign.id }).expect(400);
      expect(res.body).toMatchObject({ fields: { teamId: expect.any(String) } });
      const query = await as(admin).get('/conversations?teamId=nope').expect(400);
      expect(query.body).toMatchObject({ fields: { teamId: 'teamId must be a team id' } });
    });
  });
});
