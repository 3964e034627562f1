import {
  type AdminTenantDetailDto,
  type AdminTenantSummaryDto,
  type ConversationDto,
  type MessageDto,
  type Page,
  QUEUES,
  type WhatsAppAccountDto,
} from '@aerostic/shared';
import { SUSPENDED_TENANTS_KEY } from '@aerostic/shared/node';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import { AdminTenantsController } from '../src/admin/tenants/admin-tenants.controller';
import { SESSION_CHANGES_APPLICATION_NAME } from '../src/auth/session-changes';
import { queueOptions } from '../src/common/queue/queue-connection';
import { addMember, type Member, registerTenant } from './support/builders';
import { eventually, within } from './support/eventually';
import { seedConversation, seedMessage } from './support/inbox-builders';
import { connectNumber } from './support/inbound-harness';
import { type MetaStack, planMetaStack, startMetaStack } from './support/meta-stack';
import { createPlatformAdmin, type PlatformAdminAccount } from './support/platform-admins';
import { json } from './support/processes';
import { createTestApp, type TestApp } from './support/test-app';

describe(AdminTenantsController.name, () => {
  let t: TestApp;
  let stack: MetaStack;
  let url: string;
  let redis: Redis;
  let outbound: Queue;
  let superAdmin: PlatformAdminAccount;
  let supportAdmin: PlatformAdminAccount;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    const plan = await planMetaStack();
    t = await createTestApp(plan.appEnv);
    url = await t.listen();
    stack = await startMetaStack(t, plan, { webhookWorker: true, messageWorker: true });
    redis = new Redis(t.config.REDIS_URL, { keyPrefix: `${t.config.REDIS_PREFIX}:` });
    outbound = new Queue(QUEUES.outboundMessages.name, queueOptions(t.config));
    superAdmin = await createPlatformAdmin(t, 'super_admin');
    supportAdmin = await createPlatformAdmin(t, 'admin');
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await Promise.all([stack?.stop(), outbound?.close()]);
    redis?.disconnect();
    await t.close();
  });

  const as = (admin: PlatformAdminAccount) => ({
    get: (path: string) => t.http().get(path).auth(admin.token, { type: 'bearer' }),
    post: (path: string, body: object = {}) => t.http().post(path).auth(admin.token, { type: 'bearer' }).send(body),
  });
  const list = async (query: string, admin = supportAdmin) =>
    (await as(admin).get(`/admin/tenants?${query}`).expect(200)).body as Page<AdminTenantSummaryDto>;
  const detail = async (tenantId: string) =>
    (await as(supportAdmin).get(`/admin/tenants/${tenantId}`).expect(200)).body as AdminTenantDetailDto;
  const suspend = (tenantId: string, reason = 'Unpaid invoices since October', admin = supportAdmin) =>
    as(admin).post(`/admin/tenants/${tenantId}/suspend`, { reason });
  const reactivate = (tenantId: string, body: object = {}, admin = supportAdmin) =>
    as(admin).post(`/admin/tenants/${tenantId}/reactivate`, body);
  const memberStatus = async (member: Member) =>
    (await t.http().get('/conversations').auth(member.token, { type: 'bearer' })).status;
  const flagged = async (tenantId: string) => (await redis.sismember(SUSPENDED_TENANTS_KEY, tenantId)) === 1;

  describe('access', () => {
    it('should refuse a request without an admin token and a tenant user’s token', async () => {
      const member = await registerTenant(t, 'Curious Co');
      await t.http().get('/admin/tenants').expect(401);
      await t.http().get('/admin/tenants').auth(member.token, { type: 'bearer' }).expect(401);
      await t.http().post(`/admin/tenants/${member.tenantId}/suspend`).send({ reason: 'Not allowed' }).expect(401);
      expect(await memberStatus(member)).toBe(200);
    });

    it('should accept the admin_token cookie', async () => {
      await t.http().get('/admin/tenants').set('Cookie', `admin_token=${supportAdmin.token}`).expect(200);
    });
  });

  describe('list', () => {
    it('should list newest first with users, connected numbers and this month’s messages of each workspace', async () => {
      const older = await registerTenant(t, 'Figures Older Co');
      const newer = await registerTenant(t, 'Figures Newer Co');
      await addMember(t, newer, 'agent');
      const gone = await addMember(t, newer, 'agent');
      await t.sql(`UPDATE users SET status = 'deactivated' WHERE id = $1`, [gone.userId]);
      const number = await connectNumber(t, newer);
      const old = await connectNumber(t, newer);
      await t.sql(`UPDATE whatsapp_accounts SET status = 'disconnected' WHERE id = $1`, [old.id]);
      const conversation = await seedConversation(t, newer, number.id);
      const monthStart = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1));
      await seedMessage(t, newer, conversation.id, { direction: 'inbound' });
      await seedMessage(t, newer, conversation.id, { direction: 'outbound', createdAt: monthStart });
      await seedMessage(t, newer, conversation.id, {
        direction: 'inbound',
        createdAt: new Date(monthStart.getTime() - 1),
      });

      const page = await list('search=figures');

      expect(page.data.map((row) => row.id)).toEqual([newer.tenantId, older.tenantId]);
      expect(page.data[0]).toEqual({
        id: newer.tenantId,
        name: 'Figures Newer Co',
        slug: expect.stringMatching(/^figures-newer-co/),
        status: 'active',
        plan: 'free',
        userCount: 2,
        numberCount: 1,
        messagesThisMonth: 2,
        suspendedAt: null,
        suspendedReason: null,
        createdAt: expect.any(String),
      });
      expect(page.data[1]).toMatchObject({ userCount: 1, numberCount: 0, messagesThisMonth: 0 });
    });

    it('should find a workspace by part of its name or slug in any case, and only what matches', async () => {
      const target = await registerTenant(t, 'Zebrafish Dental');
      await registerTenant(t, 'Unrelated Bakery');
      const [row] = (await list('search=FISH%20DEN')).data;
      expect(row?.id).toBe(target.tenantId);
      const slug = row!.slug;

      expect((await list(`search=${slug.toUpperCase()}`)).data.map((r) => r.id)).toEqual([target.tenantId]);
      expect((await list('search=100%25')).data).toEqual([]);
      expect((await list('search=zebrafish_dental')).data).toEqual([]);
    });

    it('should filter by status and page through every workspace with the cursor', async () => {
      const names = ['Paged One', 'Paged Two', 'Paged Three'];
      const members: Member[] = [];
      for (const name of names) members.push(await registerTenant(t, name));
      await suspend(members[1]!.tenantId).expect(200);

      const first = await list('search=paged&limit=2');
      const second = await list(`search=paged&limit=2&cursor=${first.nextCursor}`);
      const suspended = await list('search=paged&status=suspended');
      const active = await list('search=paged&status=active');

      expect([...first.data, ...second.data].map((r) => r.name)).toEqual(['Paged Three', 'Paged Two', 'Paged One']);
      expect(first.nextCursor).not.toBeNull();
      expect(second.nextCursor).toBeNull();
      expect(suspended.data.map((r) => r.name)).toEqual(['Paged Two']);
      expect(active.data.map((r) => r.name)).toEqual(['Paged Three', 'Paged One']);
    });

    it('should name the field when a filter is not valid', async () => {
      const status = await as(supportAdmin).get('/admin/tenants?status=closed').expect(400);
      expect(status.body).toMatchObject({ fields: { status: expect.stringMatching(/active, suspended/) } });
      const cursor = await as(supportAdmin).get('/admin/tenants?cursor=nonsense').expect(400);
      expect(cursor.body).toMatchObject({ fields: { cursor: expect.any(String) } });
    });
  });

  describe('detail', () => {
    it('should show the members, the numbers with their health and the latest 20 audit records', async () => {
      const admin = await registerTenant(t, 'Detail Co');
      const agent = await addMember(t, admin, 'agent');
      const number = await connectNumber(t, admin);
      await t.sql(
        `UPDATE whatsapp_accounts SET token_status = 'expiring', token_expires_at = now() + interval '3 days',
           quality_rating = 'YELLOW', messaging_limit_tier = 'TIER_1K', health_checked_at = now(),
           health_error = 'Token expires soon' WHERE id = $1`,
        [number.id],
      );
      for (let i = 0; i < 25; i++) {
        await t.sql(
          `INSERT INTO audit_logs (tenant_id, actor_user_id, action, metadata, created_at)
           VALUES ($1, $2, 'contact.deleted', $3, now() + $4 * interval '1 millisecond')`,
          [admin.tenantId, admin.userId, JSON.stringify({ n: i }), i],
        );
      }
      const elsewhere = await registerTenant(t, 'Detail Elsewhere');

      const body = await detail(admin.tenantId);

      expect(body).toMatchObject({ id: admin.tenantId, name: 'Detail Co', status: 'active' });
      expect(body).not.toHaveProperty('webhookUrl');
      expect(body.users.map((u) => [u.id, u.email, u.role])).toEqual([
        [admin.userId, admin.email, 'admin'],
        [agent.userId, agent.email, 'agent'],
      ]);
      expect(body.users[0]).not.toHaveProperty('passwordHash');
      expect(body.numbers).toEqual([
        {
          id: number.id,
          tenantId: admin.tenantId,
          tenantName: 'Detail Co',
          phoneNumberId: number.phoneNumberId,
          displayPhoneNumber: number.displayPhoneNumber,
          verifiedName: 'Test Business',
          wabaId: number.wabaId,
          status: 'connected',
          tokenStatus: 'expiring',
          tokenExpiresAt: expect.any(String),
          qualityRating: 'YELLOW',
          messagingLimitTier: 'TIER_1K',
          throughputLevel: 'STANDARD',
          metaStatus: null,
          metaStatusReason: null,
          metaStatusChangedAt: null,
          lastCheckedAt: expect.any(String),
          lastCheckError: 'Token expires soon',
        },
      ]);
      expect(JSON.stringify(body.numbers)).not.toMatch(/access|encrypted/i);
      expect(body.recentAudit).toHaveLength(20);
      expect(body.recentAudit[0]).toMatchObject({
        action: 'contact.deleted',
        tenantId: admin.tenantId,
        tenantName: 'Detail Co',
        actorUserId: admin.userId,
        actorEmail: admin.email,
        metadata: { n: 24 },
      });
      expect(body.recentAudit.map((a) => a.tenantId)).toEqual(Array(20).fill(admin.tenantId));
      expect(body.recentAudit.every((a) => a.tenantId !== elsewhere.tenantId)).toBe(true);
    });

    it('should answer 404 for an unknown workspace and 400 naming the id when it is not a UUID', async () => {
      await as(supportAdmin).get('/admin/tenants/00000000-0000-4000-8000-000000000000').expect(404);
      const bad = await as(supportAdmin).get('/admin/tenants/acme').expect(400);
      expect(bad.body).toMatchObject({ fields: { id: expect.any(String) } });
    });
  });

  describe('suspend and reactivate', () => {
    it('should require a reason of 3 to 500 characters and name the field', async () => {
      const member = await registerTenant(t, 'Reasonless Co');
      for (const body of [{}, { reason: 'no' }, { reason: 'x'.repeat(501) }, { reason: 42 }]) {
        const res = await as(supportAdmin).post(`/admin/tenants/${member.tenantId}/suspend`, body).expect(400);
        expect(res.body).toMatchObject({ fields: { reason: expect.any(String) } });
      }
      await as(supportAdmin)
        .post(`/admin/tenants/${member.tenantId}/suspend`, { reason: 'Spam reports', extra: true })
        .expect(400);
      await as(supportAdmin).post(`/admin/tenants/${member.tenantId}/reactivate`, { reason: 'ok' }).expect(400);
      await suspend('00000000-0000-4000-8000-000000000000').expect(404);
      expect(await memberStatus(member)).toBe(200);
    });

    it('should refuse the members at once, audit it, and undo it all on reactivation', async () => {
      const admin = await registerTenant(t, 'Lifecycle Co');
      const agent = await addMember(t, admin, 'agent');
      expect(await memberStatus(agent)).toBe(200);

      const suspended = (await suspend(admin.tenantId, '  Repeated spam complaints  ').expect(200))
        .body as AdminTenantSummaryDto;

      expect(suspended).toMatchObject({
        id: admin.tenantId,
        status: 'suspended',
        suspendedReason: 'Repeated spam complaints',
        suspendedAt: expect.any(String),
        userCount: 2,
      });
      expect(suspended).not.toHaveProperty('webhookUrl');
      // The very next request, on the instance that suspended it.
      expect(await memberStatus(agent)).toBe(403);
      expect(await memberStatus(admin)).toBe(403);
      const login = await t.http().post('/auth/login').send({ email: agent.email, password: agent.password });
      expect(login.status).toBe(403);
      expect(await flagged(admin.tenantId)).toBe(true);

      const again = await suspend(admin.tenantId, 'Another reason').expect(409);
      expect((again.body as { message: string }).message).toMatch(/already suspended/);

      const reactivated = (await reactivate(admin.tenantId, { reason: 'Invoices paid' }, superAdmin).expect(200))
        .body as AdminTenantSummaryDto;
      expect(reactivated).toMatchObject({ status: 'active', suspendedAt: null, suspendedReason: null });
      expect(await memberStatus(agent)).toBe(200);
      expect(await flagged(admin.tenantId)).toBe(false);
      const twice = await reactivate(admin.tenantId).expect(409);
      expect((twice.body as { message: string }).message).toMatch(/active/);

      const audit = (await detail(admin.tenantId)).recentAudit.filter((a) => a.action.startsWith('tenant.'));
      expect(audit).toEqual([
        expect.objectContaining({
          action: 'tenant.reactivated',
          tenantId: admin.tenantId,
          actorAdminId: superAdmin.id,
          actorEmail: superAdmin.email,
          actorUserId: null,
          reason: 'Invoices paid',
          metadata: { reason: 'Invoices paid', suspendedReason: 'Repeated spam complaints' },
        }),
        expect.objectContaining({
          action: 'tenant.suspended',
          tenantId: admin.tenantId,
          actorAdminId: supportAdmin.id,
          actorEmail: supportAdmin.email,
          reason: 'Repeated spam complaints',
          targetType: 'tenant',
          targetId: admin.tenantId,
        }),
      ]);
    });

    it('should disconnect a signed-in agent’s live inbox at once', async () => {
      const admin = await registerTenant(t, 'Socket Co');
      const agent = await addMember(t, admin, 'agent');
      const socket = io(url, { transports: ['websocket'], reconnection: false, auth: { token: agent.token } });
      sockets.push(socket);
      const heard: { event: string; payload: unknown }[] = [];
      socket.onAny((event: string, payload: unknown) => heard.push({ event, payload }));
      const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
      await eventually(
        async () => heard.map((h) => h.event),
        (events) => events.includes('ready'),
        5_000,
      );

      await suspend(admin.tenantId).expect(200);
      const since = Date.now();

      const reason = await within(disconnected, 5_000, 'the agent’s socket was still connected after 5 s');
      expect(Date.now() - since).toBeLessThan(1_000);
      expect(reason).toBe('io server disconnect');
      expect(heard.find((h) => h.event === 'unauthorized')?.payload).toEqual({
        message: expect.stringMatching(/workspace is suspended/),
      });
      const retry = io(url, { transports: ['websocket'], reconnection: false, auth: { token: agent.token } });
      sockets.push(retry);
      const refused = await new Promise<{ message: string }>((resolve) => retry.once('unauthorized', resolve));
      expect(refused.message).toMatch(/workspace is suspended/);
    });

    it('should fail a send queued before the suspension without Meta receiving it, keep inbound messages, and send again once reactivated', async () => {
      const admin = await registerTenant(t, 'Outbound Co');
      const account: WhatsAppAccountDto = await stack.connectNumber(admin, 'Outbound Co');
      const customer = '351916000001';
      const customerWrites = (body: string) =>
        json<{ wamid: string }>(`${stack.sandbox.url}/_sandbox/customers/${customer}/messages`, {
          body: { phone_number_id: account.phoneNumberId, type: 'text', text: { body } },
        });
      const outbox = async () =>
        (
          await json<{ data: { wamid: string; request: { text?: { body: string } } }[] }>(
            `${stack.sandbox.url}/_sandbox/outbox?phone_number_id=${account.phoneNumberId}`,
          )
        ).data;
      const messageRow = async (id: string) =>
        (await t.sql(`SELECT status, error FROM messages WHERE id = $1`, [id]))[0] as {
          status: string;
          error: { title: string; details: string } | null;
        };

      await customerWrites('Is my order on its way?');
      const conversation = await eventually(
        async () =>
          (
            (await t.http().get(`/conversations?search=${customer}`).auth(admin.token, { type: 'bearer' }))
              .body as Page<ConversationDto>
          ).data[0],
        (c) => c !== undefined,
      );
      const send = (body: string) =>
        t
          .http()
          .post(`/conversations/${conversation!.id}/messages`)
          .auth(admin.token, { type: 'bearer' })
          .send({ type: 'text', text: { body } });

      // The worker takes no job until the suspension is in place: the send waits in the queue, as under load.
      await outbound.pause();
      let queued: MessageDto;
      try {
        queued = (await send('It left the warehouse today').expect(201)).body as MessageDto;
        expect(queued.status).toBe('queued');
        await suspend(admin.tenantId, 'Chargebacks under review').expect(200);
      } finally {
        await outbound.resume();
      }

      const failed = await eventually(
        () => messageRow(queued.id),
        (row) => row.status === 'failed',
      );
      expect(failed.error).toMatchObject({
        title: 'Workspace suspended',
        details: expect.stringMatching(/workspace suspended/),
      });
      expect(await outbox()).toEqual([]);
      expect(await (await outbound.getJob(queued.id))?.getState()).toBe('failed');

      // Meta keeps delivering while the workspace is suspended: nothing is lost.
      const during = await customerWrites('Hello? Anyone there?');
      await eventually(
        async () => (await t.sql(`SELECT id FROM messages WHERE wamid = $1`, [during.wamid])).length,
        (found) => found === 1,
      );
      expect(await memberStatus(admin)).toBe(403);

      await reactivate(admin.tenantId, { reason: 'Review closed' }).expect(200);
      const thread = (
        await t
          .http()
          .get(`/conversations/${conversation!.id}/messages`)
          .auth(admin.token, { type: 'bearer' })
          .expect(200)
      ).body as Page<MessageDto>;
      expect(thread.data.map((m) => m.wamid)).toContain(during.wamid);
      expect(thread.data.find((m) => m.id === queued.id)).toMatchObject({
        status: 'failed',
        error: { title: 'Workspace suspended' },
      });

      const after = (await send('Sorry for the wait: it arrives tomorrow').expect(201)).body as MessageDto;
      const sent = await eventually(outbox, (entries) => entries.length > 0);
      expect(sent.map((e) => e.request.text?.body)).toEqual(['Sorry for the wait: it arrives tomorrow']);
      await eventually(
        () => messageRow(after.id),
        (row) => row.status !== 'queued',
      );
    });
  });

  describe('the message-worker’s suspension flags', () => {
    it('should flag a workspace suspended in SQL and clear the flag when it is reactivated in SQL', async () => {
      const member = await registerTenant(t, 'Hand Made Co');

      await t.sql(`UPDATE tenants SET status = 'suspended' WHERE id = $1`, [member.tenantId]);
      await eventually(
        () => flagged(member.tenantId),
        (f) => f,
        5_000,
      );
      await t.sql(`UPDATE tenants SET status = 'active' WHERE id = $1`, [member.tenantId]);
      await eventually(
        () => flagged(member.tenantId),
        (f) => !f,
        5_000,
      );
    });

    it('should repair lost and stale flags when the session-changes listener reconnects', async () => {
      const suspended = await registerTenant(t, 'Lost Flag Co');
      const active = await registerTenant(t, 'Stale Flag Co');
      await suspend(suspended.tenantId).expect(200);
      // As after a crash between the flag's write and the commit, or a Redis restart that lost the set.
      await redis.srem(SUSPENDED_TENANTS_KEY, suspended.tenantId);
      await redis.sadd(SUSPENDED_TENANTS_KEY, active.tenantId);

      await t.sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [
        SESSION_CHANGES_APPLICATION_NAME,
      ]);

      await eventually(
        async () => [await flagged(suspended.tenantId), await flagged(active.tenantId)],
        ([lost, stale]) => lost === true && stale === false,
        10_000,
      );
    });
  });
});
