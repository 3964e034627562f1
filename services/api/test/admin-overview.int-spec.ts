import { type AdminOverviewDto, type OutboundMessageJob, QUEUES } from '@aerostic/shared';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { Client } from 'pg';
import { AdminOverviewController } from '../src/admin/overview/admin-overview.controller';
import { queueOptions } from '../src/common/queue/queue-connection';
import { type Member, registerTenant } from './support/builders';
import { seedConversation, seedMessage } from './support/inbox-builders';
import { connectNumber } from './support/inbound-harness';
import { createPlatformAdmin, type PlatformAdminAccount } from './support/platform-admins';
import { capture, oneLine, seedInboxes, tableScans } from './support/query-plans';
import { createTestApp, type TestApp } from './support/test-app';

const DAY = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of the UTC day `daysAgo` days before today, and an instant at its noon. */
const dayOf = (daysAgo: number) => new Date(Math.floor(Date.now() / DAY) * DAY - daysAgo * DAY);
const isoDay = (daysAgo: number) => dayOf(daysAgo).toISOString().slice(0, 10);
const noonOf = (daysAgo: number) => new Date(dayOf(daysAgo).getTime() + DAY / 2);

describe(AdminOverviewController.name, () => {
  describe('figures', () => {
    let t: TestApp;
    let admin: PlatformAdminAccount;
    let outbound: Queue<OutboundMessageJob>;
    let busy: Member;

    const overview = async () =>
      (await t.http().get('/admin/overview').auth(admin.token, { type: 'bearer' }).expect(200))
        .body as AdminOverviewDto;
    const job = (messageId: string): OutboundMessageJob => ({
      messageId,
      tenantId: busy.tenantId,
      whatsappAccountId: 'account',
      phoneNumberId: 'number',
      messagesPerSecond: 80,
      accessTokenSealed: 'sealed',
      body: {},
    });

    beforeAll(async () => {
      t = await createTestApp();
      admin = await createPlatformAdmin(t, 'admin');
      outbound = new Queue(QUEUES.outboundMessages.name, queueOptions(t.config));

      busy = await registerTenant(t, 'Busy Co');
      const quiet = await registerTenant(t, 'Quiet Co');
      const paying = await registerTenant(t, 'Paying Co');
      const banned = await registerTenant(t, 'Banned Co');
      await t.sql(`UPDATE tenants SET plan = 'pro' WHERE id = $1`, [paying.tenantId]);
      await t.sql(`UPDATE tenants SET status = 'suspended' WHERE id = $1`, [banned.tenantId]);
      await t.sql(`UPDATE tenants SET created_at = $2 WHERE id = $1`, [quiet.tenantId, noonOf(5)]);
      await t.sql(`UPDATE tenants SET created_at = $2 WHERE id = $1`, [paying.tenantId, noonOf(45)]);

      // Numbers: healthy, never checked, token expiring, quality RED; and a disconnected one with a refused token.
      const healthy = await connectNumber(t, busy);
      await t.sql(`UPDATE whatsapp_accounts SET quality_rating = 'GREEN' WHERE id = $1`, [healthy.id]);
      await connectNumber(t, quiet);
      const expiring = await connectNumber(t, paying);
      await t.sql(`UPDATE whatsapp_accounts SET token_status = 'expiring', quality_rating = 'GREEN' WHERE id = $1`, [
        expiring.id,
      ]);
      const red = await connectNumber(t, banned);
      await t.sql(`UPDATE whatsapp_accounts SET quality_rating = 'RED' WHERE id = $1`, [red.id]);
      const gone = await connectNumber(t, busy);
      await t.sql(`UPDATE whatsapp_accounts SET status = 'disconnected', token_status = 'invalid' WHERE id = $1`, [
        gone.id,
      ]);

      // Messages: today, 3, 6, 7 and 29 days ago (in the charts), 30 days ago (not), in two workspaces.
      const a = await seedConversation(t, busy, healthy.id);
      const b = await seedConversation(t, banned, red.id);
      const seed = async (member: Member, conversationId: string, daysAgo: number, inbound: number, outbound = 0) => {
        for (let i = 0; i < inbound; i++) {
          await seedMessage(t, member, conversationId, { direction: 'inbound', createdAt: noonOf(daysAgo) });
        }
        for (let i = 0; i < outbound; i++) {
          await seedMessage(t, member, conversationId, { direction: 'outbound', createdAt: noonOf(daysAgo) });
        }
      };
      await seed(busy, a.id, 0, 3, 2);
      await seedMessage(t, busy, a.id, { direction: 'outbound', status: 'failed' });
      await seedMessage(t, banned, b.id, { direction: 'inbound' });
      await seed(busy, a.id, 3, 1, 1);
      await seed(banned, b.id, 6, 2);
      await seed(busy, a.id, 7, 4, 4);
      await seed(busy, a.id, 29, 1);
      await seed(busy, a.id, 30, 9, 9);

      // Queues: a failed send, then two waiting (the first 2 s older) and a delayed one; nothing consumes them here.
      const failing = new Worker(
        QUEUES.outboundMessages.name,
        () => {
          throw new UnrecoverableError('refused');
        },
        queueOptions(t.config),
      );
      const failed = new Promise((resolve) => failing.once('failed', resolve));
      await outbound.add(QUEUES.outboundMessages.jobs.send.name, job('failed-1'), { jobId: 'failed-1' });
      await failed;
      await failing.close();
      await outbound.add(QUEUES.outboundMessages.jobs.send.name, job('waiting-1'), { jobId: 'waiting-1' });
      await new Promise((r) => setTimeout(r, 2_100));
      await outbound.add(QUEUES.outboundMessages.jobs.send.name, job('waiting-2'), { jobId: 'waiting-2' });
      await outbound.add(QUEUES.outboundMessages.jobs.send.name, job('delayed-1'), {
        jobId: 'delayed-1',
        delay: 60_000,
      });
    });
    afterAll(async () => {
      await outbound.close();
      await t.close();
    });

    it('should refuse a request without an admin token and a tenant user’s token', async () => {
      await t.http().get('/admin/overview').expect(401);
      await t.http().get('/admin/overview').auth(busy.token, { type: 'bearer' }).expect(401);
    });

    it('should count workspaces by status and plan, connected numbers and those with problems', async () => {
      const body = await overview();

      expect(body.tenants).toEqual({
        total: 4,
        byStatus: { active: 3, suspended: 1 },
        byPlan: { free: 3, pro: 1 },
      });
      expect(body.connectedNumbers).toBe(4);
      expect(body.numbersWithProblems).toBe(2);
      expect(Date.parse(body.generatedAt)).toBeGreaterThan(Date.now() - 60_000);
    });

    it('should count messages in and out today and over 7 days, and today’s failed sends', async () => {
      const body = await overview();

      expect(body.messages).toEqual({
        today: { inbound: 4, outbound: 3 },
        last7Days: { inbound: 7, outbound: 4 },
        failedToday: 1,
      });
    });

    it('should chart the last 30 UTC days, oldest first, with new workspaces per day', async () => {
      const { daily } = await overview();

      expect(daily).toHaveLength(30);
      expect(daily[0]).toEqual({ date: isoDay(29), inbound: 1, outbound: 0, newTenants: 0 });
      expect(daily.at(-1)).toEqual({ date: isoDay(0), inbound: 4, outbound: 3, newTenants: 2 });
      expect(daily.find((d) => d.date === isoDay(3))).toEqual({
        date: isoDay(3),
        inbound: 1,
        outbound: 1,
        newTenants: 0,
      });
      expect(daily.find((d) => d.date === isoDay(5))).toEqual({
        date: isoDay(5),
        inbound: 0,
        outbound: 0,
        newTenants: 1,
      });
      expect(daily.find((d) => d.date === isoDay(7))).toMatchObject({ inbound: 4, outbound: 4 });
      expect(daily.map((d) => d.date)).toEqual([...daily.map((d) => d.date)].sort());
      expect(daily.reduce((sum, d) => sum + d.inbound, 0)).toBe(12);
    });

    it('should count today’s messages afresh on every request', async () => {
      const before = await overview();
      const [conversation] = await t.sql(`SELECT id FROM conversations WHERE tenant_id = $1`, [busy.tenantId]);
      await seedMessage(t, busy, String(conversation?.id), { direction: 'inbound' });

      const after = await overview();

      expect(after.messages.today.inbound).toBe(before.messages.today.inbound + 1);
      expect(after.daily.at(-1)?.inbound).toBe(before.daily.at(-1)!.inbound + 1);
    });

    it('should report each queue’s counts and the age of its oldest waiting job', async () => {
      const { queues } = await overview();

      expect(queues.map((q) => q.name)).toEqual(Object.values(QUEUES).map((q) => q.name));
      const sends = queues.find((q) => q.name === QUEUES.outboundMessages.name);
      expect(sends).toMatchObject({ waiting: 2, active: 0, delayed: 1, failed: 1 });
      expect(sends?.oldestWaitingAgeSeconds).toBeGreaterThanOrEqual(2);
      expect(sends?.oldestWaitingAgeSeconds).toBeLessThan(60);
      expect(queues.find((q) => q.name === QUEUES.metaWebhooks.name)).toEqual({
        name: QUEUES.metaWebhooks.name,
        waiting: 0,
        active: 0,
        delayed: 0,
        failed: 0,
        oldestWaitingAgeSeconds: null,
      });
    });
  });

  describe('query plans on a large platform', () => {
    let t: TestApp;
    let admin: PlatformAdminAccount;
    let explainer: Client;

    beforeAll(async () => {
      t = await createTestApp();
      admin = await createPlatformAdmin(t, 'admin');
      // Several workspaces' histories: 90 days of messages, the charts reading the last 30.
      const seeds = [];
      for (let i = 0; i < 4; i++) {
        const { tenantId } = await registerTenant(t, `Big Platform ${i}`);
        seeds.push({ tenantId, contacts: 2_000, messages: 50_000, agents: 2, days: 90 });
      }
      await seedInboxes(t, seeds);
      explainer = new Client({ connectionString: t.config.DATABASE_URL });
      await explainer.connect();
    }, 180_000);
    afterAll(async () => {
      await explainer?.end();
      await t?.close();
    });

    it('should read messages through messages_tenant_day_idx alone, never by a sequential scan', async () => {
      const statements = await capture(() =>
        t.http().get('/admin/overview').auth(admin.token, { type: 'bearer' }).expect(200),
      );

      const reading: string[] = [];
      const offenders: string[] = [];
      for (const statement of statements) {
        for (const { node } of await tableScans(explainer, statement, ['messages'] as const)) {
          reading.push(node['Node Type']);
          if (node['Node Type'] !== 'Index Only Scan' || node['Index Name'] !== 'messages_tenant_day_idx') {
            offenders.push(`${node['Node Type']} ${node['Index Name'] ?? ''} in ${oneLine(statement.text)}`);
          }
        }
      }

      // The past days and today: two statements read messages.
      expect(reading.length).toBeGreaterThanOrEqual(2);
      expect(offenders).toEqual([]);
    });
  });
});
