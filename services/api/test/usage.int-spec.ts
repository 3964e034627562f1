import { randomBytes } from 'node:crypto';
import {
  type AnalyticsDayDto,
  type AnalyticsNumberDto,
  type AnalyticsSummaryDto,
  type AnalyticsTemplateDto,
  type CampaignDto,
  type ConversationDto,
  type MessageDto,
  type MetaBudgetDto,
  type MetaRateDto,
  type Page,
  QUEUES,
  type RealtimeEvents,
  type SendResultJob,
  type UsageReportDto,
} from '@aerostic/shared';
import { QueueProducer } from '@aerostic/shared/node';
import { QueueEvents } from 'bullmq';
import { io, type Socket } from 'socket.io-client';
import { CampaignFeeder } from '../src/campaigns/sending/campaign-feeder.service';
import { queueOptions } from '../src/common/queue/queue-connection';
import { SendMessageService } from '../src/messages/send-message.service';
import { UsageController } from '../src/usage/usage.controller';
import { UsageFolder } from '../src/usage/usage-folder';
import { UsageRebuildService } from '../src/usage/usage-rebuild.service';
import { addMember, type Member, registerTenant } from './support/builders';
import { eventually } from './support/eventually';
import { connectNumber, InboundHarness } from './support/inbound-harness';
import { newWamid, status, text, webhook, type Number } from './support/meta-payloads';
import { setTenantLimits } from './support/limits';
import { createPlatformAdmin, type PlatformAdminAccount } from './support/platform-admins';
import { createTestApp, type TestApp } from './support/test-app';
import { TenantScope } from '../src/database/tenant-scope';

const TIME_ZONE = 'Asia/Kolkata';
const MARKETING = { billable: true, pricing_model: 'PMP', category: 'marketing', type: 'regular' };
const SERVICE = { billable: false, pricing_model: 'PMP', category: 'service', type: 'free_customer_service' };

/** `YYYY-MM-DD` in the time zone, `offsetDays` from today. */
function dayIn(timeZone: string, offsetDays = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(Date.now() + offsetDays * 86_400_000));
}

const digits = (n: number) => String(randomBytes(4).readUInt32BE(0)).padStart(10, '0').slice(0, n);

/**
 * Usage counting end to end: webhooks through the real inbound queue, sends through the API and the send-results
 * queue, statuses with Meta's pricing; expected figures are counted here from what the test sent.
 */
describe(UsageController.name, () => {
  let t: TestApp;
  let url: string;
  let inbound: InboundHarness;
  let results: QueueProducer<typeof QUEUES.sendResults>;
  let resultEvents: QueueEvents;
  let admin: Member;
  let agent: Member;
  let number: Number & { id: string };
  let superAdmin: PlatformAdminAccount;
  const sockets: Socket[] = [];
  // Indian, Brazilian and German mobile numbers: three of Meta's markets.
  const waA = `9198${digits(8)}`;
  const waB = `55119${digits(8)}`;
  const waC = `49151${digits(8)}`;
  const from = dayIn(TIME_ZONE, -1);
  const to = dayIn(TIME_ZONE, 1);

  beforeAll(async () => {
    t = await createTestApp();
    url = await t.listen();
    inbound = new InboundHarness(t);
    results = new QueueProducer(QUEUES.sendResults, queueOptions(t.config));
    resultEvents = new QueueEvents(QUEUES.sendResults.name, queueOptions(t.config));
    await Promise.all([inbound.ready(), resultEvents.waitUntilReady()]);
    admin = await registerTenant(t, 'Usage Co');
    agent = await addMember(t, admin, 'agent');
    number = await connectNumber(t, admin);
    superAdmin = await createPlatformAdmin(t, 'super_admin');
    await t.sql(`UPDATE tenants SET time_zone = $2 WHERE id = $1`, [admin.tenantId, TIME_ZONE]);
    await t.sql(
      `INSERT INTO templates (tenant_id, waba_id, meta_template_id, name, language, category, status)
       VALUES ($1, $2, 'u-1', 'promo', 'en_US', 'MARKETING', 'APPROVED'),
              ($1, $2, 'u-2', 'receipt', 'en_US', 'UTILITY', 'APPROVED')`,
      [admin.tenantId, number.wabaId],
    );
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all([inbound.close(), results.close(), resultEvents.close()]);
    await t.close();
  });

  const get = (member: Member, path: string) => t.http().get(path).auth(member.token, { type: 'bearer' });
  const usage = async (member: Member = admin) =>
    (await get(member, `/billing/usage?from=${from}&to=${to}`).expect(200)).body as UsageReportDto;
  const putBudget = (member: Member, monthlyMicros: number | null) =>
    t.http().put('/billing/budget').auth(member.token, { type: 'bearer' }).send({ monthlyMicros });

  async function conversationOf(waId: string): Promise<string> {
    const page = (await get(admin, `/conversations?search=${waId}`).expect(200)).body as Page<ConversationDto>;
    return page.data[0]!.id;
  }

  /** Sends into the customer's conversation; answers the response (supertest's request resolves to it). */
  const send = async (member: Member, waId: string, body: object) => {
    const id = await conversationOf(waId);
    return t.http().post(`/conversations/${id}/messages`).auth(member.token, { type: 'bearer' }).send(body);
  };
  /** A send the API accepts; answers the stored message. */
  const sent = async (member: Member, waId: string, body: object): Promise<MessageDto> => {
    const res = await send(member, waId, body);
    expect(res.status).toBe(201);
    return res.body as MessageDto;
  };
  const template = (name: string) => ({ type: 'template', template: { name, language: { code: 'en_US' } } });

  /** The worker's report that Meta accepted the send; answers the wamid Meta gave it. */
  async function accepted(message: MessageDto): Promise<string> {
    const wamid = newWamid();
    const result: SendResultJob = { messageId: message.id, tenantId: admin.tenantId, outcome: 'accepted', wamid };
    await (await results.add(QUEUES.sendResults.jobs.result, result)).waitUntilFinished(resultEvents, 10_000);
    return wamid;
  }

  const statuses = (...list: Record<string, unknown>[]) => inbound.deliver(webhook(number, { statuses: list }));

  /** What Meta charges for one billable message of the category to a market, as the seeded card says. */
  async function rate(market: string, category: string): Promise<number> {
    const [row] = await t.sql(`SELECT rate_micros::int AS r FROM meta_rates WHERE market = $1 AND category = $2`, [
      market,
      category,
    ]);
    return Number(row?.r);
  }

  /** The sums of a count over the tenant's rollups (folded and not yet folded). */
  async function rollup(column: string): Promise<number> {
    const [row] = await t.sql(`SELECT COALESCE(sum(${column}), 0)::int AS n FROM message_stats WHERE tenant_id = $1`, [
      admin.tenantId,
    ]);
    return Number(row?.n);
  }

  let spent = 0;

  it('should count each message and status once through the inbound path, redeliveries included, priced by market', async () => {
    const a1 = text(waA, 'Hello');
    const a2 = text(waA, 'Are you open today?');
    const fromA = webhook(number, { messages: [a1, a2] });
    await inbound.deliver(fromA);
    await inbound.deliver(webhook(number, { messages: [text(waB, 'Hi')] }));
    await inbound.deliver(webhook(number, { messages: [text(waC, 'Hallo')] }));
    // Meta delivers again, twice at once.
    await Promise.all([inbound.deliver(fromA), inbound.deliver(fromA)]);

    const reply = await sent(agent, waA, { type: 'text', text: { body: 'Yes, until 6' } });
    const promoB = await sent(admin, waB, template('promo'));
    const promoC = await sent(admin, waC, template('promo'));
    const [replyWamid, promoBWamid, promoCWamid] = await Promise.all([
      accepted(reply),
      accepted(promoB),
      accepted(promoC),
    ]);

    await statuses(status(replyWamid, 'delivered', waA, { pricing: SERVICE }), status(replyWamid, 'read', waA));
    await statuses(status(replyWamid, 'read', waA, { pricing: SERVICE }));
    await statuses(status(promoBWamid, 'sent', waB, { pricing: MARKETING }));
    await statuses(status(promoBWamid, 'delivered', waB, { pricing: MARKETING }));
    await statuses(status(promoBWamid, 'read', waB, { pricing: MARKETING }));
    await statuses(status(promoBWamid, 'delivered', waB, { pricing: MARKETING }));
    // Out of order: delivered before sent, the read skipped.
    await statuses(status(promoCWamid, 'delivered', waC, { pricing: MARKETING }));
    await statuses(status(promoCWamid, 'sent', waC, { pricing: MARKETING }));
    // B answers the template.
    await inbound.deliver(webhook(number, { messages: [text(waB, 'I want one')] }));

    const cost = (await rate('BR', 'marketing')) + (await rate('DE', 'marketing'));
    expect(cost).toBeGreaterThan(0);
    spent = cost;
    const report = await usage();
    expect(report).toMatchObject({ from, to, timeZone: TIME_ZONE });
    expect(report.days.map((d) => d.date)).toEqual([from, dayIn(TIME_ZONE), to]);
    expect(report.totals).toEqual({
      messagesIn: 5,
      messagesOut: 3,
      byType: { text: { in: 5, out: 1 }, template: { in: 0, out: 2 } },
      templatesByCategory: { MARKETING: 2 },
      campaignRecipients: 0,
      aiReplies: 0,
      aiPromptTokens: 0,
      aiCompletionTokens: 0,
      activeAgents: 2,
      metaCost: { currency: 'USD', amountMicros: cost },
    });
    const today = report.days.find((d) => d.date === dayIn(TIME_ZONE));
    expect(today).toMatchObject({ messagesIn: 5, messagesOut: 3, activeAgents: 2 });
    expect(report.metaCostByCategory).toEqual({
      marketing: { currency: 'USD', amountMicros: cost },
      service: { currency: 'USD', amountMicros: 0 },
    });
    expect(report.metaCostByNumber).toEqual([
      {
        whatsappAccountId: number.id,
        displayPhoneNumber: number.displayPhoneNumber,
        metaCost: { currency: 'USD', amountMicros: cost },
      },
    ]);
    expect(report.quotas).toContainEqual({ name: 'outboundMessagesPerMonth', used: 3, max: expect.anything() });
    // Ticks: delivered counts B, C and the reply; read counts B and the reply; B's template was answered.
    expect(await rollup('delivered')).toBe(3);
    expect(await rollup('read')).toBe(2);
    expect(await rollup('replied')).toBe(1);
    expect(await rollup('billable')).toBe(2);
  });

  it('should show the same traffic in the analytics: messages, ticks, conversations, templates and Meta cost', async () => {
    const range = `from=${from}&to=${to}`;
    const summary = (await get(admin, `/analytics/summary?${range}`).expect(200)).body as AnalyticsSummaryDto;
    // What the test above sent: five messages in from three customers, three out, each in its own new conversation.
    expect(summary).toMatchObject({
      messagesIn: 5,
      messagesOut: 3,
      delivered: 3,
      read: 2,
      failed: 0,
      conversationsOpened: 3,
      conversationsResolved: 0,
    });
    // The agent's reply to A and the admin's templates to B and C each answered a customer's first message.
    expect(summary.firstResponseSeconds.median).not.toBeNull();
    expect(summary.resolutionSeconds).toEqual({ median: null, p90: null });

    const days = (await get(admin, `/analytics/daily?${range}`).expect(200)).body as AnalyticsDayDto[];
    expect(days.map((d) => d.date)).toEqual([from, dayIn(TIME_ZONE), to]);
    expect(days.reduce((sum, d) => sum + d.metaCostMicros, 0)).toBe(spent);

    const templates = (await get(admin, `/analytics/templates?${range}`).expect(200)).body as AnalyticsTemplateDto[];
    expect(templates).toEqual([
      expect.objectContaining({ name: 'promo', sent: 2, delivered: 2, read: 1, replied: 1, readRate: 0.5 }),
    ]);
    const numbers = (await get(admin, `/analytics/numbers?${range}`).expect(200)).body as AnalyticsNumberDto[];
    expect(numbers).toEqual([
      expect.objectContaining({ whatsappAccountId: number.id, messagesIn: 5, messagesOut: 3, metaCostMicros: spent }),
    ]);
  });

  it('should rebuild the same figures from the messages, however often it runs, and fold every delta', async () => {
    const before = await usage();
    const folder = t.app.get(UsageFolder);
    await folder.foldAll();
    const [left] = await t.sql(`SELECT count(*)::int AS n FROM message_stats_deltas WHERE tenant_id = $1`, [
      admin.tenantId,
    ]);
    expect(left?.n).toBe(0);
    expect(await usage()).toEqual(before);

    const rebuild = t.app.get(UsageRebuildService);
    await t.sql(`UPDATE message_stats_daily SET messages = messages + 7 WHERE tenant_id = $1`, [admin.tenantId]);
    expect((await usage()).totals.messagesIn).not.toBe(before.totals.messagesIn);
    expect(await TenantScope.acrossTenants('operator-command', () => rebuild.rebuild(admin.tenantId, from, to))).toBe(
      3,
    );
    expect(await usage()).toEqual(before);
    await TenantScope.acrossTenants('operator-command', () => rebuild.rebuild(admin.tenantId, from, to));
    await folder.foldAll();
    expect(await usage()).toEqual(before);
    expect(await rollup('replied')).toBe(1);
  });

  function connect(member: Member): Promise<Socket> {
    const socket = io(url, { transports: ['websocket'], reconnection: false, auth: { token: member.token } });
    sockets.push(socket);
    return new Promise((resolve) => socket.once('ready', () => resolve(socket)));
  }

  it('should warn the admins once at 80 %, and at 100 % stop marketing templates and campaigns but not other sends', async () => {
    const [adminSocket, agentSocket] = await Promise.all([connect(admin), connect(agent)]);
    const heard: { admin: RealtimeEvents['billing.budget'][]; agent: unknown[] } = { admin: [], agent: [] };
    adminSocket.on('billing.budget', (e: RealtimeEvents['billing.budget']) => heard.admin.push(e));
    agentSocket.on('billing.budget', (e: unknown) => heard.agent.push(e));

    await putBudget(agent, 1_000_000).expect(403);
    const budget = Math.ceil(spent / 0.85);
    const warning = (await putBudget(admin, budget).expect(200)).body as MetaBudgetDto;
    expect(warning).toEqual({ monthlyMicros: budget, spentMicros: spent, state: 'warning' });
    await eventually(
      async () => heard.admin.length,
      (n) => n === 1,
    );
    expect(heard.admin[0]).toEqual(warning);

    // Still between 80 and 100 %: a marketing template goes out and its cost warns nobody again.
    const promoA = await sent(admin, waA, template('promo'));
    await statuses(status(await accepted(promoA), 'delivered', waA, { pricing: MARKETING }));
    spent += await rate('IN', 'marketing');
    expect((await get(admin, '/billing/budget').expect(200)).body).toEqual({
      monthlyMicros: budget,
      spentMicros: spent,
      state: 'warning',
    });

    const exhausted = (await putBudget(admin, spent).expect(200)).body as MetaBudgetDto;
    expect(exhausted.state).toBe('exhausted');
    await eventually(
      async () => heard.admin.length,
      (n) => n === 2,
    );
    expect(heard.admin.map((e) => e.state)).toEqual(['warning', 'exhausted']);
    expect(heard.agent).toEqual([]);
    expect((await get(agent, '/billing/budget').expect(200)).body).toEqual(exhausted);
    const [audit] = await t.sql(
      `SELECT count(*)::int AS n FROM audit_logs WHERE tenant_id = $1 AND action = 'billing.budget_changed'`,
      [admin.tenantId],
    );
    expect(audit?.n).toBe(2);

    const refused = await send(admin, waB, template('promo'));
    expect(refused.status).toBe(402);
    expect(refused.body).toMatchObject({
      error: 'meta_budget_exhausted',
      message: expect.stringMatching(/monthly Meta budget of \$[0-9.]+ is used up/),
    });
    await sent(admin, waB, template('receipt'));
    await sent(agent, waB, { type: 'text', text: { body: 'Happy to help' } });

    const campaignId = await runningCampaign(waB);
    await TenantScope.forTenant(admin.tenantId, () => t.app.get(CampaignFeeder).step(admin.tenantId, campaignId));
    const campaign = await eventually(
      async () => (await get(admin, `/campaigns/${campaignId}`).expect(200)).body as CampaignDto,
      (c) => c.status === 'paused',
    );
    expect(campaign.pausedReason).toMatch(/monthly Meta budget of \$[0-9.]+ is used up/);
    const [stored] = await t.sql(`SELECT count(*)::int AS n FROM messages WHERE campaign_id = $1`, [campaignId]);
    expect(stored?.n).toBe(0);
    expect(heard.admin).toHaveLength(2);
  });

  /** A running marketing campaign with the customer as its one pending recipient, written as the campaigns module does. */
  async function runningCampaign(waId: string): Promise<string> {
    const [campaign] = await t.sql(
      `INSERT INTO campaigns (tenant_id, whatsapp_account_id, name, status, template_name, template_language,
         template_category, variables, scheduled_at, started_at, created_by_user_id)
       VALUES ($1, $2, 'Spring sale', 'paused', 'promo', 'en_US', 'MARKETING', '{}', now(), now(), $3)
       RETURNING id`,
      [admin.tenantId, number.id, admin.userId],
    );
    const id = String(campaign?.id);
    await t.sql(
      `INSERT INTO campaign_recipients (tenant_id, campaign_id, contact_id, position, wa_id, state, parameters)
       SELECT $1, $2, id, 1, wa_id, 'pending', '[]' FROM contacts WHERE tenant_id = $1 AND wa_id = $3`,
      [admin.tenantId, id, waId],
    );
    await t.sql(`UPDATE campaigns SET status = 'running' WHERE id = $1`, [id]);
    return id;
  }

  it('should refuse a range it cannot answer, naming the field, and show another tenant nothing of this one', async () => {
    const bad = await get(admin, '/billing/usage?from=2026-02-30&to=2026-03-01').expect(400);
    expect(bad.body.fields).toEqual({ from: 'from must be a date as YYYY-MM-DD' });
    const backwards = await get(admin, '/billing/usage?from=2026-03-02&to=2026-03-01').expect(400);
    expect(backwards.body.fields).toEqual({ to: 'to must be on or after from' });
    const long = await get(admin, '/billing/usage?from=2025-01-01&to=2026-01-02').expect(400);
    expect(long.body.fields).toEqual({ to: 'to must be at most 366 days from from' });
    await get(admin, '/billing/usage?from=2025-01-01&to=2026-01-01').expect(200);

    const other = await registerTenant(t, 'Other Co');
    const report = (await get(other, `/billing/usage?from=${from}&to=${to}`).expect(200)).body as UsageReportDto;
    expect(report.totals).toMatchObject({ messagesIn: 0, messagesOut: 0, metaCost: { amountMicros: 0 } });
    expect(report.metaCostByNumber).toEqual([]);
    expect((await get(other, '/billing/budget').expect(200)).body).toEqual({
      monthlyMicros: null,
      spentMicros: 0,
      state: 'ok',
    });
  });

  it('should count the AI’s replies with their tokens and a rule’s messages, neither as an agent, once per retry', async () => {
    const before = (await usage()).totals;
    const sending = t.app.get(SendMessageService);
    // As the AI and automation jobs call it: in the conversation's tenant's scope.
    const sender = {
      sendAutomated: (...args: Parameters<SendMessageService['sendAutomated']>) =>
        TenantScope.forTenant(admin.tenantId, () => sending.sendAutomated(...args)),
    };
    const conversationId = await conversationOf(waA);
    const ai = {
      automatedBy: 'ai',
      ruleId: null,
      aiPromptTokens: 120,
      aiCompletionTokens: 30,
      maxPerHour: 10,
    } as const;
    const answer = { type: 'text', text: { body: 'We open at 9' } } as const;
    await sender.sendAutomated(admin.tenantId, conversationId, answer, 'ai-answer-1', ai);
    // The job retried: the same key sends nothing again.
    await sender.sendAutomated(admin.tenantId, conversationId, answer, 'ai-answer-1', ai);
    const rule = { automatedBy: 'rule', ruleId: null, maxPerHour: 10 } as const;
    await sender.sendAutomated(
      admin.tenantId,
      conversationId,
      { type: 'text', text: { body: 'Thanks!' } },
      'rule-1',
      rule,
    );

    expect((await usage()).totals).toEqual({
      ...before,
      messagesOut: before.messagesOut + 2,
      byType: { ...before.byType, text: { in: before.byType['text']!.in, out: before.byType['text']!.out + 2 } },
      aiReplies: 1,
      aiPromptTokens: 120,
      aiCompletionTokens: 30,
    });
  });

  it('should let through only the sends that fit when three race at the monthly limit, counted from the rollups', async () => {
    const owner = await registerTenant(t, 'Limited Co');
    const own = await connectNumber(t, owner);
    const waId = `9198${digits(8)}`;
    await inbound.deliver(webhook(own, { messages: [text(waId, 'Hi')] }));
    const page = (await get(owner, `/conversations?search=${waId}`).expect(200)).body as Page<ConversationDto>;
    const post = (body: string) =>
      t
        .http()
        .post(`/conversations/${page.data[0]!.id}/messages`)
        .auth(owner.token, { type: 'bearer' })
        .send({ type: 'text', text: { body } });
    await post('First').expect(201);
    await setTenantLimits(t, superAdmin, owner.tenantId, { outboundMessagesPerMonth: 3 });

    const answers = await Promise.all([post('A'), post('B'), post('C')]);

    expect(answers.map((r) => r.status).sort()).toEqual([201, 201, 402]);
    const [row] = await t.sql(
      `SELECT count(*)::int AS n FROM messages WHERE tenant_id = $1 AND direction = 'outbound'`,
      [owner.tenantId],
    );
    expect(row?.n).toBe(3);
  });

  describe('rate card', () => {
    const getCard = (token: string) => t.http().get('/admin/rate-card').auth(token, { type: 'bearer' });
    const putCard = (token: string, body: object) =>
      t.http().put('/admin/rate-card').auth(token, { type: 'bearer' }).send(body);

    it('should answer the seeded card to super admins only', async () => {
      const card = (await getCard(superAdmin.token).expect(200)).body as MetaRateDto[];
      expect(card).toContainEqual({ market: 'IN', category: 'marketing', rateMicros: 10_700 });
      expect(card).toContainEqual({ market: 'OTHER', category: 'service', rateMicros: 0 });
      const support = await createPlatformAdmin(t, 'admin');
      await getCard(support.token).expect(403);
      await getCard(admin.token).expect(401);
    });

    it('should refuse a card it cannot use, naming the field, and audit a replacement that prices later messages', async () => {
      const invalid = await putCard(superAdmin.token, {
        rates: [
          { market: 'OTHER', category: 'marketing', rateMicros: -1 },
          { market: 'in', category: 'marketing', rateMicros: 5 },
        ],
      }).expect(400);
      expect(invalid.body.fields).toEqual({
        'rates.0.rateMicros': 'rateMicros must be 0 or more',
        'rates.1.market': 'market must be a market code in capitals, e.g. IN or REST_OF_LATAM',
      });
      const before = (await getCard(superAdmin.token).expect(200)).body as MetaRateDto[];
      const rates = [
        { market: 'IN', category: 'utility', rateMicros: 2_000 },
        { market: 'OTHER', category: 'utility', rateMicros: 9_000 },
      ];
      const put = await putCard(superAdmin.token, { rates }).expect(200);
      expect(put.body).toEqual(rates);
      const [audit] = await t.sql(
        `SELECT actor_admin_id, metadata FROM audit_logs WHERE action = 'rate_card.changed' ORDER BY created_at DESC LIMIT 1`,
      );
      expect(audit).toEqual({ actor_admin_id: superAdmin.id, metadata: { before, after: rates } });

      // A utility template priced by the new card; the messages priced before keep their cost.
      const receipt = await sent(admin, waA, template('receipt'));
      const utility = { ...MARKETING, category: 'utility' };
      await statuses(status(await accepted(receipt), 'delivered', waA, { pricing: utility }));
      const report = await usage();
      expect(report.metaCostByCategory['utility']).toEqual({ currency: 'USD', amountMicros: 2_000 });
      expect(report.metaCostByCategory['marketing']).toEqual({ currency: 'USD', amountMicros: spent });
    });
  });
});
