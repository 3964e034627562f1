import {
  type AnalyticsAgentDto,
  type AnalyticsCampaignDto,
  type AnalyticsDayDto,
  type AnalyticsNumberDto,
  type AnalyticsSummaryDto,
  type AnalyticsTemplateDto,
  type ConversationDto,
  type Page,
  type PlatformAnalyticsDto,
} from '@aerostic/shared';
import { AnalyticsController } from '../src/analytics/analytics.controller';
import { ConversationFactsService } from '../src/conversations/conversation-facts.service';
import { SendMessageService } from '../src/messages/send-message.service';
import { addMember, type Member, registerTenant } from './support/builders';
import { connectNumber, InboundHarness } from './support/inbound-harness';
import { text, webhook, type Number } from './support/meta-payloads';
import { createPlatformAdmin } from './support/platform-admins';
import { createTestApp, type TestApp } from './support/test-app';
import { TenantScope } from '../src/database/tenant-scope';

const NIL = '00000000-0000-0000-0000-000000000000';
const DAY = 86_400_000;

/** `YYYY-MM-DD` of an instant in a time zone, worked out by the runtime's calendar rather than PostgreSQL's. */
const localDay = (at: Date, timeZone: string): string => at.toLocaleDateString('en-CA', { timeZone });
const utcDay = (daysAgo: number): string => new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10);

/** The linear-interpolation percentile (what a spreadsheet's PERCENTILE.INC answers); null for no values. */
function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

describe(AnalyticsController.name, () => {
  let t: TestApp;
  let inbound: InboundHarness;

  beforeAll(async () => {
    t = await createTestApp();
    inbound = new InboundHarness(t);
    await inbound.ready();
  });
  afterAll(async () => {
    await inbound.close();
    await t.close();
  });

  const get = async <T>(member: Member, path: string, status = 200): Promise<T> =>
    (await t.http().get(path).auth(member.token, { type: 'bearer' }).expect(status)).body as T;

  describe('conversation facts through the inbound and send paths', () => {
    let admin: Member;
    let agent: Member;
    let number: Number & { id: string };
    const waId = '4915100007001';

    const facts = (tenantId: string) =>
      t.sql(
        `SELECT kind, conversation_id, episode_at, agent_id, seconds, to_char(day, 'YYYY-MM-DD') AS day
         FROM conversation_facts WHERE tenant_id = $1 ORDER BY episode_at, kind, agent_id`,
        [tenantId],
      );
    const conversationOf = async () =>
      (await get<Page<ConversationDto>>(admin, `/conversations?search=${waId}`)).data[0]!;
    const reply = (conversationId: string, body: string, key?: string) =>
      t
        .http()
        .post(`/conversations/${conversationId}/messages`)
        .auth(agent.token, { type: 'bearer' })
        .set(key ? { 'Idempotency-Key': key } : {})
        .send({ type: 'text', text: { body } })
        .expect(201);

    beforeAll(async () => {
      admin = await registerTenant(t, 'Facts Co');
      agent = await addMember(t, admin, 'agent');
      number = await connectNumber(t, admin);
      await t.sql(`UPDATE tenants SET time_zone = 'Asia/Kolkata' WHERE id = $1`, [admin.tenantId]);
    });

    it('should write each event of an episode once under redelivered webhooks, retried sends and repeated updates', async () => {
      const first = webhook(number, { messages: [text(waId, 'Where is my order?')] });
      await inbound.deliver(first);
      await inbound.deliver(first);
      const conversation = await conversationOf();
      await t
        .http()
        .patch(`/conversations/${conversation.id}`)
        .auth(admin.token, { type: 'bearer' })
        .send({ assigneeId: agent.userId })
        .expect(200);
      await Promise.all([
        reply(conversation.id, 'On its way', 'answer-1'),
        reply(conversation.id, 'On its way', 'answer-1'),
      ]);
      await reply(conversation.id, 'It arrives tomorrow');
      for (let i = 0; i < 2; i++)
        await t
          .http()
          .patch(`/conversations/${conversation.id}`)
          .auth(admin.token, { type: 'bearer' })
          .send({ status: 'resolved' })
          .expect(200);
      await inbound.deliver(webhook(number, { messages: [text(waId, 'One more thing')] }));

      // Expected from the stored messages and the conversation's history, not from the facts' statements.
      const messages = await t.sql(
        `SELECT direction, sender_user_id, created_at FROM messages WHERE conversation_id = $1 ORDER BY created_at`,
        [conversation.id],
      );
      const inboundAt = messages.filter((m) => m.direction === 'inbound').map((m) => m.created_at as Date);
      const agentReplies = messages.filter((m) => m.direction === 'outbound').map((m) => m.created_at as Date);
      expect(inboundAt).toHaveLength(2);
      expect(agentReplies).toHaveLength(2);
      const rows = await facts(admin.tenantId);
      const kinds = rows.map((r) => r.kind).sort();
      expect(kinds).toEqual(['first_response', 'opened', 'opened', 'replied', 'resolved']);
      const byKind = (kind: string) => rows.filter((r) => r.kind === kind);
      const [firstEpisode, secondEpisode] = byKind('opened').map((r) => r.episode_at as Date);
      expect(secondEpisode!.getTime()).toBeGreaterThanOrEqual(agentReplies[1]!.getTime());
      expect(byKind('first_response')[0]).toMatchObject({
        agent_id: agent.userId,
        episode_at: firstEpisode,
        seconds: (agentReplies[0]!.getTime() - inboundAt[0]!.getTime()) / 1000,
      });
      expect(byKind('replied')[0]).toMatchObject({ agent_id: agent.userId, episode_at: firstEpisode });
      const resolved = byKind('resolved')[0]!;
      expect(resolved.agent_id).toBe(agent.userId);
      expect(resolved.seconds as number).toBeGreaterThanOrEqual(
        (agentReplies[1]!.getTime() - firstEpisode!.getTime()) / 1000,
      );
      const today = localDay(new Date(), 'Asia/Kolkata');
      expect(new Set(rows.map((r) => r.day))).toEqual(new Set([today]));

      const summary = await get<AnalyticsSummaryDto>(admin, `/analytics/summary?from=${today}&to=${today}`);
      expect(summary).toMatchObject({
        conversationsOpened: 2,
        conversationsResolved: 1,
        firstResponseSeconds: {
          median: byKind('first_response')[0]!.seconds,
          p90: byKind('first_response')[0]!.seconds,
        },
        resolutionSeconds: { median: resolved.seconds, p90: resolved.seconds },
      });
      const [agentRow] = await get<AnalyticsAgentDto[]>(admin, `/analytics/agents?from=${today}&to=${today}`);
      expect(agentRow).toMatchObject({ userId: agent.userId, conversations: 1, resolved: 1 });
    });

    it('should start the first-response clock at the customer message and stop it at an agent reply, not automation', async () => {
      const waIdB = '4915100007002';
      await inbound.deliver(webhook(number, { messages: [text(waIdB, 'Are you open today?')] }));
      const { id } = (await get<Page<ConversationDto>>(admin, `/conversations?search=${waIdB}`)).data[0]!;
      const automated = { automatedBy: 'rule' as const, ruleId: null, maxPerHour: 10 };
      await TenantScope.forTenant(admin.tenantId, () =>
        t.app
          .get(SendMessageService)
          .sendAutomated(admin.tenantId, id, { type: 'text', text: { body: 'We open at 9' } }, `auto-${id}`, automated),
      );
      const factsOf = async () =>
        (await facts(admin.tenantId))
          .filter((r) => r.conversation_id === id)
          .map((r) => r.kind)
          .sort();
      expect(await factsOf()).toEqual(['opened']);

      await reply(id, 'Yes, until 6 pm');

      const [customer] = await t.sql(
        `SELECT created_at FROM messages WHERE conversation_id = $1 AND direction = 'inbound'`,
        [id],
      );
      const [agentReply] = await t.sql(
        `SELECT created_at FROM messages WHERE conversation_id = $1 AND sender_user_id = $2`,
        [id, agent.userId],
      );
      const [firstResponse] = (await facts(admin.tenantId)).filter(
        (r) => r.conversation_id === id && r.kind === 'first_response',
      );
      expect(await factsOf()).toEqual(['first_response', 'opened', 'replied']);
      expect(firstResponse!.seconds).toBe(
        ((agentReply!.created_at as Date).getTime() - (customer!.created_at as Date).getTime()) / 1000,
      );

      // Nobody holds it: the resolution is the resolving member's.
      await t
        .http()
        .patch(`/conversations/${id}`)
        .auth(agent.token, { type: 'bearer' })
        .send({ status: 'resolved' })
        .expect(200);
      const resolved = (await facts(admin.tenantId)).filter((r) => r.conversation_id === id && r.kind === 'resolved');
      expect(resolved.map((r) => r.agent_id)).toEqual([agent.userId]);
    });

    it('should rebuild the facts that messages tell to the same rows, however often it runs', async () => {
      const before = await facts(admin.tenantId);
      await t.sql(`DELETE FROM conversation_facts WHERE tenant_id = $1 AND kind <> 'resolved'`, [admin.tenantId]);
      const day = localDay(new Date(), 'Asia/Kolkata');
      const rebuild = t.app.get(ConversationFactsService);
      const range = { tenantId: admin.tenantId, from: day, to: day };

      await TenantScope.forTenant(admin.tenantId, () => rebuild.rebuild(range));
      const once = await facts(admin.tenantId);
      await TenantScope.forTenant(admin.tenantId, () => rebuild.rebuild(range));

      expect(once).toEqual(before);
      expect(await facts(admin.tenantId)).toEqual(once);
    });
  });

  describe('reports from the daily rollups and facts', () => {
    let admin: Member;
    let other: Member;
    let agents: Member[];
    let numbers: (Number & { id: string })[];
    const zone = 'America/Sao_Paulo';
    const days = [utcDay(5), utcDay(4), utcDay(3)];
    type StatRow = {
      day: string;
      account: string;
      direction: 'inbound' | 'outbound';
      type: string;
      template: [string, string, string];
      agent: string;
      automatedBy: string;
      messages: number;
      delivered: number;
      read: number;
      failed: number;
      replied: number;
      cost: number;
    };
    type FactRow = { day: string; kind: string; agent: string; seconds: number | null; conversation: string };
    const stats: StatRow[] = [];
    const factRows: FactRow[] = [];

    beforeAll(async () => {
      admin = await registerTenant(t, 'Reports Co');
      other = await registerTenant(t, 'Elsewhere Co');
      agents = [await addMember(t, admin, 'agent'), await addMember(t, admin, 'agent')];
      numbers = [await connectNumber(t, admin), await connectNumber(t, admin)];
      await t.sql(`UPDATE tenants SET time_zone = $2 WHERE id = $1`, [admin.tenantId, zone]);
      // A deterministic spread of traffic: every day, both numbers, both agents, two templates and automation.
      let n = 0;
      const next = () => (n = (n * 7 + 13) % 97) + 1;
      for (const day of days)
        for (const account of numbers.map((x) => x.id)) {
          stats.push({
            day,
            account,
            direction: 'inbound',
            type: 'text',
            template: ['', '', ''],
            agent: NIL,
            automatedBy: '',
            messages: next(),
            delivered: 0,
            read: 0,
            failed: 0,
            replied: 0,
            cost: 0,
          });
          for (const agent of agents.map((a) => a.userId)) {
            const messages = next();
            stats.push({
              day,
              account,
              direction: 'outbound',
              type: 'text',
              template: ['', '', ''],
              agent,
              automatedBy: '',
              messages,
              delivered: messages - 1,
              read: messages - 3 > 0 ? messages - 3 : 0,
              failed: 1,
              replied: 0,
              cost: 0,
            });
          }
          for (const template of [
            ['order_update', 'en', 'UTILITY'],
            ['spring_sale', 'pt_BR', 'MARKETING'],
          ] as const) {
            const messages = next();
            stats.push({
              day,
              account,
              direction: 'outbound',
              type: 'template',
              template: [...template],
              agent: NIL,
              automatedBy: 'campaign',
              messages,
              delivered: messages,
              read: Math.floor(messages / 2),
              failed: 0,
              replied: Math.floor(messages / 5),
              cost: messages * 12_500,
            });
          }
        }
      for (const s of stats)
        await t.sql(
          `INSERT INTO message_stats_daily (tenant_id, day, whatsapp_account_id, direction, message_type, template_name,
             template_language, template_category, agent_id, automated_by, messages, delivered, read, failed, replied,
             meta_cost_micros)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
          [
            admin.tenantId,
            s.day,
            s.account,
            s.direction,
            s.type,
            ...s.template,
            s.agent,
            s.automatedBy,
            s.messages,
            s.delivered,
            s.read,
            s.failed,
            s.replied,
            s.cost,
          ],
        );
      // The other tenant's traffic must not show.
      await t.sql(
        `INSERT INTO message_stats_daily (tenant_id, day, whatsapp_account_id, direction, message_type, messages)
         VALUES ($1, $2, $3, 'inbound', 'text', 1000)`,
        [other.tenantId, days[0], numbers[0]!.id],
      );
      let c = 0;
      for (const day of days)
        for (let i = 0; i < 5; i++) {
          const conversation = `00000000-0000-4000-8000-${String(++c).padStart(12, '0')}`;
          const agent = agents[i % 2]!.userId;
          factRows.push({ day, kind: 'opened', agent: NIL, seconds: null, conversation });
          factRows.push({ day, kind: 'replied', agent, seconds: null, conversation });
          factRows.push({ day, kind: 'first_response', agent, seconds: 10 * next(), conversation });
          if (i < 3) factRows.push({ day, kind: 'resolved', agent, seconds: 600 * next(), conversation });
        }
      for (const f of factRows)
        await t.sql(
          `INSERT INTO conversation_facts (tenant_id, day, kind, conversation_id, episode_at, whatsapp_account_id,
             agent_id, seconds) VALUES ($1, $2, $3, $4, '2026-01-01', $5, $6, $7)`,
          [admin.tenantId, f.day, f.kind, f.conversation, numbers[0]!.id, f.agent, f.seconds],
        );
    });

    const inRange = <R extends { day: string }>(rows: R[], from: string, to: string) =>
      rows.filter((r) => r.day >= from && r.day <= to);

    it('should answer the summary the rollups and facts of the range add up to', async () => {
      const [from, to] = [days[1]!, days[2]!];
      const s = inRange(stats, from, to);
      const f = inRange(factRows, from, to);
      const seconds = (kind: string) => f.filter((r) => r.kind === kind).map((r) => r.seconds!);

      const summary = await get<AnalyticsSummaryDto>(admin, `/analytics/summary?from=${from}&to=${to}`);

      expect(summary).toEqual({
        messagesIn: sum(s.filter((r) => r.direction === 'inbound').map((r) => r.messages)),
        messagesOut: sum(s.filter((r) => r.direction === 'outbound').map((r) => r.messages)),
        delivered: sum(s.map((r) => r.delivered)),
        read: sum(s.map((r) => r.read)),
        failed: sum(s.map((r) => r.failed)),
        conversationsOpened: f.filter((r) => r.kind === 'opened').length,
        conversationsResolved: f.filter((r) => r.kind === 'resolved').length,
        firstResponseSeconds: {
          median: percentile(seconds('first_response'), 0.5),
          p90: percentile(seconds('first_response'), 0.9),
        },
        resolutionSeconds: { median: percentile(seconds('resolved'), 0.5), p90: percentile(seconds('resolved'), 0.9) },
      });
    });

    it('should answer every day of the range, zeros for days without traffic', async () => {
      const from = utcDay(6);
      const to = days[2]!;
      const daily = await get<AnalyticsDayDto[]>(admin, `/analytics/daily?from=${from}&to=${to}`);
      expect(daily.map((d) => d.date)).toEqual([utcDay(6), ...days]);
      expect(daily[0]).toEqual({
        date: from,
        messagesIn: 0,
        messagesOut: 0,
        delivered: 0,
        read: 0,
        failed: 0,
        conversationsOpened: 0,
        conversationsResolved: 0,
        metaCostMicros: 0,
      });
      for (const d of daily.slice(1)) {
        const s = stats.filter((r) => r.day === d.date);
        expect(d).toEqual({
          date: d.date,
          messagesIn: sum(s.filter((r) => r.direction === 'inbound').map((r) => r.messages)),
          messagesOut: sum(s.filter((r) => r.direction === 'outbound').map((r) => r.messages)),
          delivered: sum(s.map((r) => r.delivered)),
          read: sum(s.map((r) => r.read)),
          failed: sum(s.map((r) => r.failed)),
          conversationsOpened: 5,
          conversationsResolved: 3,
          metaCostMicros: sum(s.map((r) => r.cost)),
        });
      }
    });

    it('should answer each agent, number and template of the range', async () => {
      const [from, to] = [days[0]!, days[2]!];
      const agentRows = await get<AnalyticsAgentDto[]>(admin, `/analytics/agents?from=${from}&to=${to}`);
      expect(agentRows).toHaveLength(2);
      for (const a of agents) {
        const f = factRows.filter((r) => r.agent === a.userId);
        const seconds = f.filter((r) => r.kind === 'first_response').map((r) => r.seconds!);
        expect(agentRows.find((r) => r.userId === a.userId)).toEqual({
          userId: a.userId,
          name: expect.any(String),
          conversations: f.filter((r) => r.kind === 'replied').length,
          replies: sum(stats.filter((r) => r.agent === a.userId).map((r) => r.messages)),
          firstResponseSeconds: { median: percentile(seconds, 0.5), p90: percentile(seconds, 0.9) },
          resolved: f.filter((r) => r.kind === 'resolved').length,
        });
      }

      const numberRows = await get<AnalyticsNumberDto[]>(admin, `/analytics/numbers?from=${from}&to=${to}`);
      expect(numberRows.map((r) => r.whatsappAccountId).sort()).toEqual(numbers.map((x) => x.id).sort());
      for (const x of numbers) {
        const s = stats.filter((r) => r.account === x.id);
        expect(numberRows.find((r) => r.whatsappAccountId === x.id)).toEqual({
          whatsappAccountId: x.id,
          displayPhoneNumber: x.displayPhoneNumber,
          messagesIn: sum(s.filter((r) => r.direction === 'inbound').map((r) => r.messages)),
          messagesOut: sum(s.filter((r) => r.direction === 'outbound').map((r) => r.messages)),
          delivered: sum(s.map((r) => r.delivered)),
          read: sum(s.map((r) => r.read)),
          failed: sum(s.map((r) => r.failed)),
          metaCostMicros: sum(s.map((r) => r.cost)),
        });
      }

      const templateRows = await get<AnalyticsTemplateDto[]>(admin, `/analytics/templates?from=${from}&to=${to}`);
      const expected = ['order_update', 'spring_sale'].map((name) => {
        const s = stats.filter((r) => r.template[0] === name);
        const sent = sum(s.map((r) => r.messages));
        const read = sum(s.map((r) => r.read));
        const replied = sum(s.map((r) => r.replied));
        return {
          name,
          language: s[0]!.template[1],
          category: s[0]!.template[2],
          sent,
          delivered: sum(s.map((r) => r.delivered)),
          read,
          replied,
          readRate: read / sent,
          replyRate: replied / sent,
        };
      });
      expect(templateRows).toEqual(expected.sort((a, b) => b.sent - a.sent));
    });

    it('should keep another tenant out of the figures', async () => {
      const summary = await get<AnalyticsSummaryDto>(other, `/analytics/summary?from=${days[0]}&to=${days[2]}`);
      expect(summary).toMatchObject({ messagesIn: 1000, messagesOut: 0, conversationsOpened: 0 });
      expect(await get<AnalyticsAgentDto[]>(other, `/analytics/agents?from=${days[0]}&to=${days[2]}`)).toEqual([]);
    });

    it('should answer each report as CSV with ?format=csv or Accept: text/csv', async () => {
      const [from, to] = [days[0]!, days[2]!];
      const res = await t
        .http()
        .get(`/analytics/daily?from=${from}&to=${to}&format=csv`)
        .auth(admin.token, { type: 'bearer' })
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toContain(`analytics-daily-${from}-${to}.csv`);
      const lines = (res.text as string).trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'date,messages_in,messages_out,delivered,read,failed,conversations_opened,conversations_resolved,meta_cost_micros',
      );
      const s = stats.filter((r) => r.day === from);
      expect(lines[1]!.split(',').slice(0, 3)).toEqual([
        from,
        String(sum(s.filter((r) => r.direction === 'inbound').map((r) => r.messages))),
        String(sum(s.filter((r) => r.direction === 'outbound').map((r) => r.messages))),
      ]);
      expect(lines).toHaveLength(1 + days.length);

      for (const report of ['summary', 'agents', 'numbers', 'templates', 'campaigns']) {
        const csv = await t
          .http()
          .get(`/analytics/${report}?from=${from}&to=${to}`)
          .set('Accept', 'text/csv')
          .auth(admin.token, { type: 'bearer' })
          .expect(200);
        expect(csv.headers['content-type']).toMatch(/^text\/csv/);
        expect((csv.text as string).split('\r\n')[0]).toMatch(/^[a-z0-9_]+(,[a-z0-9_]+)+$/);
      }
      const templates = await t
        .http()
        .get(`/analytics/templates?from=${from}&to=${to}&format=csv`)
        .auth(admin.token, { type: 'bearer' })
        .expect(200);
      expect((templates.text as string).split('\r\n').filter(Boolean)).toHaveLength(3);
    });

    it('should refuse a bad range naming the field, and a request without a token', async () => {
      const fields = async (query: string) =>
        (await t.http().get(`/analytics/summary?${query}`).auth(admin.token, { type: 'bearer' }).expect(400)).body as {
          fields: Record<string, string>;
        };
      expect((await fields('from=2026-13-01&to=2026-12-31')).fields).toMatchObject({
        from: expect.stringContaining('YYYY-MM-DD'),
      });
      expect((await fields('from=2026-01-01')).fields).toMatchObject({ to: expect.stringContaining('YYYY-MM-DD') });
      expect((await fields('from=2026-02-01&to=2026-01-31')).fields).toMatchObject({
        to: 'to must not be before from',
      });
      expect((await fields('from=2025-01-01&to=2026-01-02')).fields).toMatchObject({
        to: expect.stringContaining('366 days'),
      });
      expect((await fields('from=2026-01-01&to=2026-01-02&format=xml')).fields).toMatchObject({
        format: expect.any(String),
      });
      await t
        .http()
        .get('/analytics/summary?from=2025-01-01&to=2025-12-31')
        .auth(admin.token, { type: 'bearer' })
        .expect(200);
      await t.http().get(`/analytics/summary?from=${days[0]}&to=${days[0]}`).expect(401);
    });
  });

  describe('campaigns and the time zone calendar', () => {
    it('should count a campaign on the day it started in the tenant time zone, each figure as far as its messages got', async () => {
      const admin = await registerTenant(t, 'Campaign Co');
      const number = await connectNumber(t, admin);
      // Far east of UTC: 20:00 UTC is already the next day there.
      const zone = 'Pacific/Kiritimati';
      await t.sql(`UPDATE tenants SET time_zone = $2 WHERE id = $1`, [admin.tenantId, zone]);
      const started = new Date(Math.floor(Date.now() / DAY) * DAY - 2 * DAY + 20 * 3_600_000);
      const utc = started.toISOString().slice(0, 10);
      const local = localDay(started, zone);
      expect(local).not.toBe(utc);
      const [campaign] = await t.sql(
        `INSERT INTO campaigns (tenant_id, whatsapp_account_id, name, status, template_name, template_language,
           template_category, scheduled_at, started_at)
         VALUES ($1, $2, 'Spring sale', 'completed', 'spring_sale', 'en', 'MARKETING', $3, $3) RETURNING id`,
        [admin.tenantId, number.id, started],
      );
      const [conversation] = await t.sql(
        `INSERT INTO contacts (tenant_id, wa_id) VALUES ($1, '4915100008000') RETURNING id`,
        [admin.tenantId],
      );
      const [thread] = await t.sql(
        `INSERT INTO conversations (tenant_id, contact_id, whatsapp_account_id, status) VALUES ($1, $2, $3, 'resolved')
         RETURNING id`,
        [admin.tenantId, conversation!.id, number.id],
      );
      const outcomes = ['read', 'read', 'delivered', 'sent', 'failed', 'queued'];
      for (const [i, outcome] of outcomes.entries()) {
        const [message] = await t.sql(
          `INSERT INTO messages (tenant_id, conversation_id, direction, type, content, status, campaign_id)
           VALUES ($1, $2, 'outbound', 'template', '{}', $3, $4) RETURNING id`,
          [admin.tenantId, thread!.id, outcome, campaign!.id],
        );
        await t.sql(
          `INSERT INTO campaign_recipients (tenant_id, campaign_id, position, wa_id, state, message_id, replied_at)
           VALUES ($1, $2, $3, $4, 'queued', $5, $6)`,
          [admin.tenantId, campaign!.id, i, `49151000090${i}`, message!.id, i === 0 ? started : null],
        );
      }
      await t.sql(
        `INSERT INTO campaign_recipients (tenant_id, campaign_id, position, wa_id, state, reason)
         VALUES ($1, $2, 99, '4915100009099', 'skipped', 'opted_out')`,
        [admin.tenantId, campaign!.id],
      );

      const onLocal = await get<AnalyticsCampaignDto[]>(admin, `/analytics/campaigns?from=${local}&to=${local}`);
      const onUtc = await get<AnalyticsCampaignDto[]>(admin, `/analytics/campaigns?from=${utc}&to=${utc}`);

      expect(onUtc).toEqual([]);
      expect(onLocal).toEqual([
        {
          campaignId: campaign!.id,
          name: 'Spring sale',
          startedAt: started.toISOString(),
          recipients: outcomes.length + 1,
          sent: outcomes.filter((o) => ['sent', 'delivered', 'read'].includes(o)).length,
          delivered: outcomes.filter((o) => ['delivered', 'read'].includes(o)).length,
          read: outcomes.filter((o) => o === 'read').length,
          replied: 1,
          failed: 1,
        },
      ]);
    });
  });

  describe('platform analytics', () => {
    it('should answer MRR of paying subscriptions, tenants by plan and the top tenants of the month, to platform admins only', async () => {
      const tenants = await Promise.all(
        ['Alpha', 'Beta', 'Gamma', 'Delta'].map((name) => registerTenant(t, `${name} Co`)),
      );
      const plans = await t.sql(`SELECT id, code, prices FROM plans`);
      const plan = (code: string) => plans.find((p) => p.code === code)!;
      const subscriptions: [Member, string, string, string][] = [
        [tenants[0]!, 'growth', 'active', 'EUR'],
        [tenants[1]!, 'starter', 'past_due', 'USD'],
        [tenants[2]!, 'growth', 'trialing', 'USD'],
        [tenants[3]!, 'enterprise', 'canceled', 'USD'],
      ];
      for (const [tenant, code, status, currency] of subscriptions)
        await t.sql(
          `INSERT INTO subscriptions (tenant_id, plan_id, status, currency, current_period_start, current_period_end,
             trial_ends_at)
           VALUES ($1, $2, $3, $4, now(), now() + interval '1 month', CASE WHEN $3 = 'trialing' THEN now() + interval '14 days' END)
           ON CONFLICT (tenant_id) DO UPDATE SET plan_id = EXCLUDED.plan_id, status = EXCLUDED.status,
             currency = EXCLUDED.currency, trial_ends_at = EXCLUDED.trial_ends_at`,
          [tenant.tenantId, plan(code).id, status, currency],
        );
      const today = new Date().toISOString().slice(0, 10);
      const account = (await connectNumber(t, tenants[0]!)).id;
      for (const [i, tenant] of tenants.entries())
        await t.sql(
          `INSERT INTO message_stats_daily (tenant_id, day, whatsapp_account_id, direction, message_type, messages,
             meta_cost_micros) VALUES ($1, $2, $3, 'outbound', 'template', $4, $5)`,
          [tenant.tenantId, today, account, 100_000 + i, 900_000_000 - i],
        );
      const superAdmin = await createPlatformAdmin(t);

      const body = (await t.http().get('/admin/analytics').auth(superAdmin.token, { type: 'bearer' }).expect(200))
        .body as PlatformAnalyticsDto;

      // Expected from every subscription and this month's rollup rows, summed here.
      const all = await t.sql(`SELECT plan_id, status, currency FROM subscriptions`);
      const priceOf = (planId: unknown, currency: unknown) =>
        (plans.find((p) => p.id === planId)!.prices as { currency: string; monthlyMinor: number }[]).find(
          (p) => p.currency === currency,
        )?.monthlyMinor ?? 0;
      const mrr = new Map<string, number>();
      for (const s of all.filter((s) => s.status === 'active' || s.status === 'past_due'))
        mrr.set(s.currency as string, (mrr.get(s.currency as string) ?? 0) + priceOf(s.plan_id, s.currency));
      expect(body.mrr).toEqual(
        [...mrr]
          .filter(([, amount]) => amount > 0)
          .map(([currency, amountMinor]) => ({ currency, amountMinor }))
          .sort((a, b) => b.amountMinor - a.amountMinor),
      );
      expect(body.mrr.find((m) => m.currency === 'EUR')?.amountMinor).toBeGreaterThan(0);
      const growth = body.tenantsByPlan.find((p) => p.code === 'growth')!;
      expect(growth.tenants).toBe(all.filter((s) => s.plan_id === plan('growth').id && s.status !== 'canceled').length);

      const month = today.slice(0, 8) + '01';
      const rows = await t.sql(
        `SELECT tenant_id, messages::float8 AS messages, meta_cost_micros::float8 AS cost FROM message_stats WHERE day >= $1`,
        [month],
      );
      const totals = new Map<string, { messages: number; cost: number }>();
      for (const r of rows) {
        const x = totals.get(r.tenant_id as string) ?? { messages: 0, cost: 0 };
        totals.set(r.tenant_id as string, {
          messages: x.messages + (r.messages as number),
          cost: x.cost + (r.cost as number),
        });
      }
      const top = [...totals].sort((a, b) => b[1].messages - a[1].messages).slice(0, 10);
      expect(body.topTenantsByVolume.map((r) => [r.tenantId, r.messages])).toEqual(
        top.map(([id, x]) => [id, x.messages]),
      );
      expect(body.topTenantsByVolume[0]).toMatchObject({ tenantId: tenants[3]!.tenantId, name: 'Delta Co' });
      expect(body.topTenantsByMetaCost[0]).toMatchObject({
        tenantId: tenants[0]!.tenantId,
        metaCostMicros: 900_000_000,
      });

      await t.http().get('/admin/analytics').auth(tenants[0]!.token, { type: 'bearer' }).expect(401);
    });
  });
});
