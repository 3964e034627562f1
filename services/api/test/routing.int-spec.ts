import { type ConversationDto, type Page, type TeamDto, type TeamMemberDto } from '@aerostic/shared';
import { ConversationRouter } from '../src/automation/ports';
import { LIFETIME_MS } from '../src/routing/presence/presence-keys';
import { PresenceService } from '../src/routing/presence/presence.service';
import { RoutingService } from '../src/routing/routing.service';
import { addMember, type Member, registerTenant } from './support/builders';
import { eventually } from './support/eventually';
import { connectNumber } from './support/inbound-harness';
import { seedConversation } from './support/inbox-builders';
import { assigneeOf, Dashboards, heard, openCounts, setCapacity, setPresence } from './support/routing';
import { createTestApp, type TestApp } from './support/test-app';
import { TenantScope } from '../src/database/tenant-scope';

describe(RoutingService.name, () => {
  let t: TestApp;
  /** A second API replica on the same database and Redis. */
  let replica: TestApp;
  let dashboards: Dashboards;
  let replicaUrl: string;

  beforeAll(async () => {
    t = await createTestApp();
    replica = await createTestApp({
      DATABASE_URL: t.config.DATABASE_URL,
      REDIS_PREFIX: t.config.REDIS_PREFIX,
      JWT_SECRET: t.config.JWT_SECRET,
      ENCRYPTION_KEY: t.config.ENCRYPTION_KEY,
    });
    dashboards = new Dashboards(await t.listen());
    replicaUrl = await replica.listen();
  });
  afterEach(() => dashboards.closeAll());
  afterAll(async () => {
    await replica.close();
    await t.close();
  });

  /** The router as automation calls it: in the conversation's tenant's scope. */
  const routerOf = (app: TestApp) => {
    const router = app.app.get(ConversationRouter);
    return {
      route: (request: Parameters<ConversationRouter['route']>[0]) =>
        TenantScope.forTenant(request.tenantId, () => router.route(request)),
    };
  };

  /** A workspace whose admin stays offline, with `n` agents and a number. */
  async function workspace(n: number): Promise<{ admin: Member; agents: Member[]; numberId: string }> {
    const admin = await registerTenant(t, 'Routing Co');
    const agents: Member[] = [];
    for (let i = 0; i < n; i++) agents.push(await addMember(t, admin, 'agent'));
    return { admin, agents, numberId: (await connectNumber(t, admin)).id };
  }

  async function conversations(admin: Member, numberId: string, n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await seedConversation(t, admin, numberId)).id);
    return ids;
  }

  it('should split four conversations routed at the same instant on two replicas two and two between two agents with capacity two', async () => {
    const { admin, agents, numberId } = await workspace(2);
    const [ana, ben] = agents as [Member, Member];
    await setCapacity(t, admin, ana.userId, 2).expect(200);
    await setCapacity(t, admin, ben.userId, 2).expect(200);
    await dashboards.open(ana);
    await dashboards.open(ben);
    const ids = await conversations(admin, numberId, 5);

    const outcomes = await Promise.all(
      ids.slice(0, 4).map((conversationId, i) =>
        routerOf(i % 2 === 0 ? t : replica).route({
          tenantId: admin.tenantId,
          conversationId,
          strategy: 'round_robin',
        }),
      ),
    );
    const fifth = await routerOf(t).route({
      tenantId: admin.tenantId,
      conversationId: ids[4]!,
      strategy: 'least_busy',
    });

    expect(outcomes.every((o) => o.assigned)).toBe(true);
    expect(await openCounts(t, admin.tenantId)).toEqual({ [ana.userId]: 2, [ben.userId]: 2 });
    expect(fifth).toEqual({ assigned: false, reason: expect.stringMatching(/Nobody is online with room/) });
    expect(await assigneeOf(t, ids[4]!)).toBeNull();
  });

  it('should assign one conversation once when two replicas route it at the same instant', async () => {
    const { admin, agents, numberId } = await workspace(2);
    for (const agent of agents) await dashboards.open(agent);
    const [conversationId] = await conversations(admin, numberId, 1);
    const request = { tenantId: admin.tenantId, conversationId: conversationId!, strategy: 'round_robin' as const };

    const [first, second] = await Promise.all([routerOf(t).route(request), routerOf(replica).route(request)]);

    expect(first).toEqual({ assigned: true, agentId: expect.any(String) });
    expect(second).toEqual(first);
    expect(await openCounts(t, admin.tenantId)).toEqual({ [(first as { agentId: string }).agentId]: 1 });
    const turns = await t.sql(`SELECT user_id FROM routing_turns WHERE tenant_id = $1`, [admin.tenantId]);
    expect(turns).toHaveLength(1);
  });

  it('should take online agents in turn when routing round robin', async () => {
    const { admin, agents, numberId } = await workspace(3);
    for (const agent of agents) await dashboards.open(agent);
    const ids = await conversations(admin, numberId, 6);

    const given: string[] = [];
    for (const conversationId of ids) {
      const outcome = await routerOf(t).route({ tenantId: admin.tenantId, conversationId, strategy: 'round_robin' });
      given.push(outcome.assigned ? outcome.agentId : 'nobody');
    }

    // Nobody had a turn yet: the oldest member first.
    const order = agents.map((a) => a.userId);
    expect(given).toEqual([...order, ...order]);
  });

  it('should give the conversation to the agent with the fewest open conversations when routing least busy', async () => {
    const { admin, agents, numberId } = await workspace(2);
    const [busy, idle] = agents as [Member, Member];
    for (const agent of agents) await dashboards.open(agent);
    await seedConversation(t, admin, numberId, { assigneeId: busy.userId });
    await seedConversation(t, admin, numberId, { assigneeId: busy.userId });
    // Pending and resolved conversations are not open work.
    await seedConversation(t, admin, numberId, { assigneeId: idle.userId, status: 'resolved' });
    const ids = await conversations(admin, numberId, 3);

    const given: string[] = [];
    for (const conversationId of ids) {
      const outcome = await routerOf(t).route({ tenantId: admin.tenantId, conversationId, strategy: 'least_busy' });
      given.push(outcome.assigned ? outcome.agentId : 'nobody');
    }

    // Two to the idle one (0 → 2 open), then the busy one, who was given none lately.
    expect(given).toEqual([idle.userId, idle.userId, busy.userId]);
  });

  it('should skip agents who are away or offline', async () => {
    const { admin, agents, numberId } = await workspace(3);
    const [online, away, offline] = agents as [Member, Member, Member];
    await dashboards.open(online);
    await dashboards.open(away);
    await setPresence(t, away, 'away');
    void offline;
    const ids = await conversations(admin, numberId, 3);

    for (const conversationId of ids)
      await routerOf(t).route({ tenantId: admin.tenantId, conversationId, strategy: 'round_robin' });

    expect(await openCounts(t, admin.tenantId)).toEqual({ [online.userId]: 3 });
  });

  it('should route only to members of the team when a team is asked for, and put the conversation in it', async () => {
    const { admin, agents, numberId } = await workspace(2);
    const [outside, member] = agents as [Member, Member];
    for (const agent of agents) await dashboards.open(agent);
    const team = (
      await t
        .http()
        .post('/teams')
        .auth(admin.token, { type: 'bearer' })
        .send({ name: 'Billing', memberIds: [member.userId] })
        .expect(201)
    ).body as TeamDto;
    const ids = await conversations(admin, numberId, 2);

    for (const conversationId of ids)
      await routerOf(t).route({ tenantId: admin.tenantId, conversationId, strategy: 'least_busy', teamId: team.id });

    expect(await openCounts(t, admin.tenantId)).toEqual({ [member.userId]: 2 });
    const listed = (
      await t.http().get(`/conversations?teamId=${team.id}`).auth(outside.token, { type: 'bearer' }).expect(200)
    ).body as Page<ConversationDto>;
    expect(listed.data.map((c) => c.id).sort()).toEqual([...ids].sort());
  });

  it('should assign waiting conversations in arrival order when an agent comes online and as they free capacity', async () => {
    const { admin, agents, numberId } = await workspace(1);
    const [agent] = agents as [Member];
    await setCapacity(t, admin, agent.userId, 1).expect(200);
    const watcher = await dashboards.open(admin);
    await setPresence(t, admin, 'away');
    const [first, second] = (await conversations(admin, numberId, 2)) as [string, string];
    for (const conversationId of [first, second]) {
      const outcome = await routerOf(t).route({ tenantId: admin.tenantId, conversationId, strategy: 'round_robin' });
      expect(outcome.assigned).toBe(false);
    }

    const announced = heard(watcher, 'conversation.updated', (e) => e.conversation.assigneeId === agent.userId);
    await dashboards.open(agent);

    expect((await announced).conversation.id).toBe(first);
    expect(await assigneeOf(t, second)).toBeNull();

    await t
      .http()
      .patch(`/conversations/${first}`)
      .auth(agent.token, { type: 'bearer' })
      .send({ status: 'resolved' })
      .expect(200);
    await eventually(
      () => assigneeOf(t, second),
      (assignee) => assignee === agent.userId,
    );
    expect(await t.sql(`SELECT * FROM routing_waits WHERE tenant_id = $1`, [admin.tenantId])).toEqual([]);
  });

  it('should assign a waiting conversation when an away agent sets themselves online', async () => {
    const { admin, agents, numberId } = await workspace(1);
    const [agent] = agents as [Member];
    await dashboards.open(agent);
    await setPresence(t, agent, 'away');
    const [conversationId] = (await conversations(admin, numberId, 1)) as [string];
    expect(
      (await routerOf(t).route({ tenantId: admin.tenantId, conversationId, strategy: 'least_busy' })).assigned,
    ).toBe(false);

    await setPresence(t, agent, 'online');

    await eventually(
      () => assigneeOf(t, conversationId),
      (assignee) => assignee === agent.userId,
    );
  });

  it('should give the conversation to the named agent, even offline, and fall back to round robin for a non-member', async () => {
    const { admin, agents, numberId } = await workspace(2);
    const [named, online] = agents as [Member, Member];
    await dashboards.open(online);
    const other = await registerTenant(t, 'Other Co');
    const [mine, stray] = (await conversations(admin, numberId, 2)) as [string, string];

    const direct = await routerOf(t).route({
      tenantId: admin.tenantId,
      conversationId: mine,
      strategy: 'agent',
      agentId: named.userId,
    });
    const fallback = await routerOf(t).route({
      tenantId: admin.tenantId,
      conversationId: stray,
      strategy: 'agent',
      agentId: other.userId,
    });

    expect(direct).toEqual({ assigned: true, agentId: named.userId });
    expect(fallback).toEqual({ assigned: true, agentId: online.userId });
  });

  describe('presence', () => {
    it('should show each member online, away or offline and tell the workspace when it changes', async () => {
      const { admin, agents } = await workspace(2);
      const [ana, ben] = agents as [Member, Member];
      const watcher = await dashboards.open(admin);

      const anaOnline = heard(watcher, 'presence.updated', (e) => e.userId === ana.userId);
      const anaSocket = await dashboards.open(ana);
      expect(await anaOnline).toEqual({ userId: ana.userId, presence: 'online', status: 'online' });

      const anaAway = heard(watcher, 'presence.updated', (e) => e.userId === ana.userId);
      expect(await setPresence(t, ana, 'away')).toEqual({ userId: ana.userId, presence: 'away', status: 'away' });
      expect((await anaAway).presence).toBe('away');

      const page = (await t.http().get('/users').auth(ben.token, { type: 'bearer' }).expect(200))
        .body as Page<TeamMemberDto>;
      expect(Object.fromEntries(page.data.map((m) => [m.id, m.presence]))).toEqual({
        [admin.userId]: 'online',
        [ana.userId]: 'away',
        [ben.userId]: 'offline',
      });

      const anaOffline = heard(watcher, 'presence.updated', (e) => e.userId === ana.userId);
      dashboards.close(anaSocket);
      expect(await anaOffline).toEqual({ userId: ana.userId, presence: 'offline', status: 'away' });
      const own = await t.http().get('/users/me/presence').auth(ana.token, { type: 'bearer' }).expect(200);
      expect(own.body).toEqual({ userId: ana.userId, presence: 'offline', status: 'away' });
    });

    it('should keep a member online while another dashboard of theirs is open', async () => {
      const { admin, agents } = await workspace(1);
      const [ana] = agents as [Member];
      const first = await dashboards.open(ana);
      await dashboards.open(ana, replicaUrl);

      dashboards.close(first);
      await new Promise((resolve) => setTimeout(resolve, 300));

      const page = (await t.http().get('/users').auth(admin.token, { type: 'bearer' }).expect(200))
        .body as Page<TeamMemberDto>;
      expect(page.data.find((m) => m.id === ana.userId)?.presence).toBe('online');
    });

    it("should take a dead replica's agents offline once their connections lapse", async () => {
      const { admin, agents, numberId } = await workspace(1);
      const [ana] = agents as [Member];
      const watcher = await dashboards.open(admin);
      await setPresence(t, admin, 'away');
      const online = heard(watcher, 'presence.updated', (e) => e.userId === ana.userId);
      await dashboards.open(ana, replicaUrl);
      expect((await online).presence).toBe('online');
      // The replica stops renewing its connections, as one that died would; its sockets stay open.
      replica.app.get(PresenceService).stopHeartbeat();

      const offline = heard(watcher, 'presence.updated', (e) => e.userId === ana.userId);
      await t.app.get(PresenceService).tick(Date.now() + LIFETIME_MS + 1000);

      expect((await offline).presence).toBe('offline');
      const [conversationId] = (await conversations(admin, numberId, 1)) as [string];
      const outcome = await routerOf(t).route({ tenantId: admin.tenantId, conversationId, strategy: 'round_robin' });
      expect(outcome.assigned).toBe(false);
    });

    it('should refuse a presence other than online or away, naming the field', async () => {
      const { agents } = await workspace(1);
      const res = await t
        .http()
        .put('/users/me/presence')
        .auth(agents[0]!.token, { type: 'bearer' })
        .send({ status: 'offline' })
        .expect(400);
      expect(res.body).toMatchObject({ fields: { status: 'status must be one of: online, away' } });
    });
  });

  describe('capacity', () => {
    it('should let an admin set and clear a capacity, audited', async () => {
      const { admin, agents } = await workspace(1);
      const [agent] = agents as [Member];

      expect((await setCapacity(t, admin, agent.userId, 3).expect(200)).body).toMatchObject({ capacity: 3 });
      expect((await setCapacity(t, admin, agent.userId, null).expect(200)).body).toMatchObject({ capacity: null });

      const audit = await t.sql(
        `SELECT metadata FROM audit_logs WHERE tenant_id = $1 AND action = 'user.capacity_changed' ORDER BY created_at`,
        [admin.tenantId],
      );
      expect(audit.map((r) => r.metadata)).toEqual([
        { from: null, to: 3 },
        { from: 3, to: null },
      ]);
    });

    it.each([0, 1.5, 1001, 'two'])('should refuse a capacity of %p naming the field', async (capacity) => {
      const { admin, agents } = await workspace(1);
      const res = await t
        .http()
        .patch(`/users/${agents[0]!.userId}`)
        .auth(admin.token, { type: 'bearer' })
        .send({ capacity })
        .expect(400);
      expect(res.body).toMatchObject({ fields: { capacity: expect.stringContaining('capacity') } });
    });

    it("should refuse an agent setting a capacity, and another workspace's member", async () => {
      const { admin, agents } = await workspace(1);
      const other = await registerTenant(t, 'Other Co');
      await setCapacity(t, agents[0]!, agents[0]!.userId, 5).expect(403);
      await setCapacity(t, other, agents[0]!.userId, 5).expect(404);
      void admin;
    });
  });
});
