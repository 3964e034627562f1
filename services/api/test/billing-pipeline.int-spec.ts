import {
  type AnalyticsSummaryDto,
  type AnalyticsTemplateDto,
  type ConversationDto,
  type Page,
  type UsageReportDto,
  type WhatsAppAccountDto,
} from '@aerostic/shared';
import { type Member, registerTenant } from './support/builders';
import { eventually } from './support/eventually';
import { type MetaStack, planMetaStack, startMetaStack } from './support/meta-stack';
import { json } from './support/processes';
import { createTestApp, type TestApp } from './support/test-app';

/** `YYYY-MM-DD` in UTC (the workspace's time zone here), `offsetDays` from today. */
const utcDay = (offsetDays = 0) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * Usage, Meta's cost and the analytics of traffic that went through Meta's stand-in end to end: customers write
 * through the meta-sandbox and the webhook-worker, the team answers through the message-worker, and the sandbox's
 * status webhooks carry Meta's pricing back. The expected figures are what this test made happen.
 */
describe('Billing figures (sandbox → webhook-worker → API → message-worker → sandbox)', () => {
  let t: TestApp;
  let stack: MetaStack;
  let admin: Member;
  let account: WhatsAppAccountDto;
  const brazil = '5511987650001';
  const india = '919876500002';

  beforeAll(async () => {
    const plan = await planMetaStack();
    t = await createTestApp(plan.appEnv);
    stack = await startMetaStack(t, plan, { webhookWorker: true, messageWorker: true });
    admin = await registerTenant(t, 'Figures Co');
    account = await stack.connectNumber(admin, 'Figures Co');
    const created = await t
      .http()
      .post('/templates')
      .auth(admin.token, { type: 'bearer' })
      .send({
        whatsappAccountId: account.id,
        name: 'spring_sale',
        language: 'en_US',
        category: 'MARKETING',
        components: [{ type: 'BODY', text: 'Hi {{1}}, spring sale', example: { body_text: [['Ana']] } }],
      })
      .expect(201);
    await eventually(
      () =>
        json<{ data: { name: string; status: string }[] }>(
          `${stack.sandbox.url}/_sandbox/templates?waba_id=${account.wabaId}`,
        ),
      (r) => r.data.some((tpl) => tpl.name === 'spring_sale' && tpl.status === 'APPROVED'),
    );
    await t.sql(`UPDATE templates SET status = 'APPROVED' WHERE id = $1`, [(created.body as { id: string }).id]);
  });
  afterAll(async () => {
    await stack?.stop();
    await t?.close();
  });

  const get = (path: string) => t.http().get(path).auth(admin.token, { type: 'bearer' });

  const customerWrites = (waId: string, body: string) =>
    json<{ wamid: string }>(`${stack.sandbox.url}/_sandbox/customers/${waId}/messages`, {
      body: { phone_number_id: account.phoneNumberId, type: 'text', text: { body } },
    });

  async function conversationOf(waId: string): Promise<string> {
    const page = await eventually(
      async () => (await get(`/conversations?search=${waId}`).expect(200)).body as Page<ConversationDto>,
      (p) => p.data.length === 1,
    );
    return page.data[0]!.id;
  }

  const send = async (waId: string, body: object) =>
    t
      .http()
      .post(`/conversations/${await conversationOf(waId)}/messages`)
      .auth(admin.token, { type: 'bearer' })
      .send(body)
      .expect(201);

  it('should count each message once in usage, price it by market and show it in the analytics', async () => {
    await customerWrites(brazil, 'Olá, vocês entregam hoje?');
    // Stored before the next one: two messages of the same second delivered in separate webhooks may land in either
    // order, and the preview follows the one stored last.
    await conversationOf(brazil);
    await customerWrites(brazil, 'É urgente');
    await customerWrites(india, 'Hi, any offers?');
    await eventually(
      async () => (await get(`/conversations?search=${brazil}`).expect(200)).body as Page<ConversationDto>,
      (p) => p.data[0]?.lastMessagePreview === 'É urgente',
    );

    await send(brazil, { type: 'text', text: { body: 'Sim, até às 18h' } });
    await send(india, {
      type: 'template',
      template: {
        name: 'spring_sale',
        language: { code: 'en_US' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ravi' }] }],
      },
    });

    // Meta's marketing rate for India, as seeded; a service reply inside the window is free.
    const [rate] = await t.sql(
      `SELECT rate_micros::int AS micros FROM meta_rates WHERE market = 'IN' AND category = 'marketing'`,
    );
    const cost = Number(rate?.micros);
    expect(cost).toBeGreaterThan(0);

    const range = `from=${utcDay(-1)}&to=${utcDay(1)}`;
    const summary = await eventually(
      async () => (await get(`/analytics/summary?${range}`).expect(200)).body as AnalyticsSummaryDto,
      // The sandbox's customers read every message a moment after it is delivered.
      (s) => s.read === 2,
    );
    expect(summary).toMatchObject({
      messagesIn: 3,
      messagesOut: 2,
      delivered: 2,
      read: 2,
      failed: 0,
      conversationsOpened: 2,
      conversationsResolved: 0,
    });

    const usage = (await get(`/billing/usage?${range}`).expect(200)).body as UsageReportDto;
    expect(usage.totals).toEqual({
      messagesIn: 3,
      messagesOut: 2,
      byType: { text: { in: 3, out: 1 }, template: { in: 0, out: 1 } },
      templatesByCategory: { MARKETING: 1 },
      campaignRecipients: 0,
      aiReplies: 0,
      aiPromptTokens: 0,
      aiCompletionTokens: 0,
      activeAgents: 1,
      metaCost: { currency: 'USD', amountMicros: cost },
    });
    expect(usage.metaCostByCategory.marketing).toEqual({ currency: 'USD', amountMicros: cost });
    expect(usage.metaCostByNumber).toEqual([
      expect.objectContaining({ whatsappAccountId: account.id, metaCost: { currency: 'USD', amountMicros: cost } }),
    ]);

    const templates = (await get(`/analytics/templates?${range}`).expect(200)).body as AnalyticsTemplateDto[];
    expect(templates).toEqual([
      expect.objectContaining({ name: 'spring_sale', sent: 1, delivered: 1, read: 1, replied: 0, readRate: 1 }),
    ]);
  });
});
