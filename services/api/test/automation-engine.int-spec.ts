import {
  automationMessageJobId,
  type AutomationRunDto,
  type Page,
  QUEUES,
  type WhatsAppAccountDto,
} from '@aerostic/shared';
import { Queue } from 'bullmq';
import { AutomationEngine } from '../src/automation/automation-engine';
import { AutomationQueue } from '../src/automation/automation-queue';
import { Clock } from '../src/common/clock/clock';
import { queueOptions } from '../src/common/queue/queue-connection';
import { addMember, type Member, registerTenant } from './support/builders';
import { eventually } from './support/eventually';
import { InboundHarness } from './support/inbound-harness';
import { type MetaStack, type MetaStackPlan, planMetaStack, startMetaStack } from './support/meta-stack';
import { text, webhook } from './support/meta-payloads';
import { freePort, json, type Service, startService } from './support/processes';
import { assigneeOf, Dashboards, openCounts, setCapacity } from './support/routing';
import { createTestApp, type TestApp } from './support/test-app';
import { TestClock } from './support/test-clock';
import { TenantScope } from '../src/database/tenant-scope';

const AI_KEY = 'automation-test-key';

interface OutboxEntry {
  wamid: string;
  to: string;
  request: { type: string; text?: { body: string }; template?: { name: string } };
}

/**
 * Rules end to end: customers write through the meta-sandbox and the real webhook-worker (or the inbound queue
 * directly when a test needs a chosen timestamp), the API's inbound consumer stores and queues the rules, the engine
 * runs them, and the real message-worker sends their replies to the sandbox.
 */
describe(`${AutomationEngine.name} (sandbox → webhook-worker → API → message-worker)`, () => {
  let t: TestApp;
  let plan: MetaStackPlan;
  let stack: MetaStack;
  let inbound: InboundHarness;
  let automation: Queue;
  let metaWebhooks: Queue;
  let ai: Service;
  const clock = new TestClock();
  let seq = 0;

  beforeAll(async () => {
    plan = await planMetaStack();
    const aiPort = await freePort();
    ai = await startService('ai-sandbox', { AI_SANDBOX_PORT: String(aiPort), AI_API_KEY: AI_KEY }, aiPort);
    t = await createTestApp(
      { ...plan.appEnv, AI_BASE_URL: `${ai.url}/v1`, AI_API_KEY: AI_KEY, AI_MODEL: 'sandbox-model' },
      { providers: [{ provide: Clock, useValue: clock }] },
    );
    stack = await startMetaStack(t, plan, { webhookWorker: true, messageWorker: true });
    inbound = new InboundHarness(t);
    automation = new Queue(QUEUES.automation.name, queueOptions(t.config));
    metaWebhooks = new Queue(QUEUES.metaWebhooks.name, queueOptions(t.config));
    await inbound.ready();
  });
  afterAll(async () => {
    await stack?.stop();
    await inbound?.close();
    await automation?.close();
    await metaWebhooks?.close();
    await t?.close();
    await ai?.stop();
  });
  afterEach(() => {
    clock.offsetMs = 0;
  });

  /** A workspace of its own (its rules touch no other test) with a sandbox number. */
  async function workspace(): Promise<{ admin: Member; account: WhatsAppAccountDto }> {
    const admin = await registerTenant(t, `Rules Co ${++seq}`);
    const account = await stack.connectNumber(admin, `Rules ${seq}`);
    return { admin, account };
  }

  const newCustomer = () => `35191${String(Date.now()).slice(-5)}${String(++seq).padStart(2, '0')}`;

  async function rule(admin: Member, body: object): Promise<string> {
    const res = await t
      .http()
      .post('/automation/rules')
      .auth(admin.token, { type: 'bearer' })
      .send({ name: `Rule ${++seq}`, enabled: true, ...body })
      .expect(201);
    return (res.body as { id: string }).id;
  }

  /** The customer writes through the sandbox (which opens their window there); answers the message's wamid. */
  async function customerWrites(account: WhatsAppAccountDto, waId: string, body: string): Promise<string> {
    const sent = await json<{ wamid: string }>(`${stack.sandbox.url}/_sandbox/customers/${waId}/messages`, {
      body: { phone_number_id: account.phoneNumberId, type: 'text', text: { body } },
    });
    const { wamid } = sent;
    await eventually(
      () => t.sql(`SELECT 1 FROM messages WHERE wamid = $1`, [wamid]),
      (rows) => rows.length === 1,
    );
    return wamid;
  }

  /**
   * Until the inbound queue and then the automation queue have nothing left to do: an inbound job queues its rules'
   * jobs before it completes, so once it is done they are in sight (the sweep's scheduler always keeps one delayed job).
   */
  async function settled(): Promise<void> {
    const idle = async (queue: Queue) =>
      Object.values(await queue.getJobCounts('waiting', 'active', 'prioritized')).every((n) => n === 0);
    await eventually(
      async () => (await idle(metaWebhooks)) && (await idle(automation)),
      (done) => done,
    );
  }

  const automated = (conversationId: string) =>
    t.sql(
      `SELECT id, type, content, automated_by, automation_rule_id, status FROM messages
       WHERE conversation_id = $1 AND direction = 'outbound' ORDER BY created_at`,
      [conversationId],
    );
  const conversationOf = async (waId: string) =>
    String(
      (
        await t.sql(`SELECT c.id FROM conversations c JOIN contacts ct ON ct.id = c.contact_id WHERE ct.wa_id = $1`, [
          waId,
        ])
      )[0]?.id,
    );
  const runs = async (admin: Member, query: string) =>
    (
      (await t.http().get(`/automation/runs?${query}`).auth(admin.token, { type: 'bearer' }).expect(200))
        .body as Page<AutomationRunDto>
    ).data;

  it('should answer a keyword once, case and accent insensitive, when the webhook is delivered three times', async () => {
    const { admin, account } = await workspace();
    const ruleId = await rule(admin, {
      trigger: { type: 'message_received', keywords: ['precio', 'horario'], match: 'contains' },
      actions: [{ type: 'reply_text', text: 'Nuestros precios: example.test/precios' }],
    });
    const waId = newCustomer();
    const wamid = await customerWrites(account, waId, '¿Cuál es el PRÉCIO del envío?');
    // Meta redelivers the same message twice more, into the same inbound consumer.
    const again = webhook(account, { messages: [{ ...text(waId, '¿Cuál es el PRÉCIO del envío?'), id: wamid }] });
    await Promise.all([inbound.deliver(again), inbound.deliver(again)]);

    const outbox = () =>
      json<{ data: OutboxEntry[] }>(`${stack.sandbox.url}/_sandbox/outbox?phone_number_id=${account.phoneNumberId}`);
    await eventually(outbox, (o) => o.data.some((e) => e.to === waId));
    await settled();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const toCustomer = (await outbox()).data.filter((e) => e.to === waId);
    expect(toCustomer.map((e) => e.request.text?.body)).toEqual(['Nuestros precios: example.test/precios']);

    const conversationId = await conversationOf(waId);
    const sent = await automated(conversationId);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ automated_by: 'rule', automation_rule_id: ruleId });
    const log = await runs(admin, `ruleId=${ruleId}`);
    expect(log).toEqual([
      expect.objectContaining({
        ruleId,
        conversationId,
        trigger: 'message_received',
        outcome: 'succeeded',
        actions: [{ type: 'reply_text', outcome: 'done', detail: `Sent message ${String(sent[0]!.id)}` }],
      }),
    ]);
    expect(log[0]!.messageId).toEqual(expect.any(String));

    // A message without the keyword fires nothing.
    const other = newCustomer();
    await customerWrites(account, other, 'Hola, buenos días');
    await settled();
    expect(await automated(await conversationOf(other))).toHaveLength(0);
  });

  it('should queue for the rules only the messages a trigger can match, when the workspace has keyword rules only', async () => {
    const { admin, account } = await workspace();
    await rule(admin, {
      trigger: { type: 'message_received', keywords: ['refund'], match: 'contains' },
      actions: [{ type: 'add_tag', tag: 'refund' }],
    });
    const waId = newCustomer();
    const plain = await customerWrites(account, waId, 'Hello there');
    const asking = await customerWrites(account, waId, 'I want a REFUND please');
    await settled();
    const idOf = async (wamid: string) =>
      String((await t.sql(`SELECT id FROM messages WHERE wamid = $1`, [wamid]))[0]?.id);
    const jobOf = async (wamid: string) =>
      automation.getJob(automationMessageJobId({ tenantId: admin.tenantId, messageId: await idOf(wamid) }));
    expect(await jobOf(plain)).toBeUndefined();
    expect(await jobOf(asking)).toBeDefined();
    const [contact] = await t.sql(`SELECT tags FROM contacts WHERE wa_id = $1`, [waId]);
    expect(contact).toEqual({ tags: ['refund'] });
  });

  it('should send the away message at night and not by day', async () => {
    const { admin, account } = await workspace();
    await t
      .http()
      .put('/automation/business-hours')
      .auth(admin.token, { type: 'bearer' })
      .send({
        timeZone: 'Europe/Lisbon',
        weekly: Object.fromEntries(
          ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'].map((d) => [
            d,
            [{ from: '09:00', to: '18:00' }],
          ]),
        ),
      })
      .expect(200);
    const ruleId = await rule(admin, {
      trigger: { type: 'outside_business_hours' },
      actions: [{ type: 'reply_text', text: 'We are closed; we answer from 09:00' }],
    });
    // The latest 03:00 and 13:00 in Lisbon before now (both within the customer's 24 hours).
    const latest = (hour: number) => {
      const now = Date.now();
      for (let h = 0; h < 48; h++) {
        const at = new Date(Math.floor(now / 3_600_000) * 3_600_000 - h * 3_600_000);
        const local = Number(
          new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Lisbon', hour: '2-digit', hourCycle: 'h23' }).format(at),
        );
        if (local === hour) return Math.floor(at.getTime() / 1000) + 600;
      }
      throw new Error(`no ${hour}:00 in the last two days`);
    };
    const night = newCustomer();
    const day = newCustomer();
    await inbound.deliver(webhook(account, { messages: [text(night, 'Hello?', { timestamp: String(latest(3)) })] }));
    await inbound.deliver(webhook(account, { messages: [text(day, 'Hello?', { timestamp: String(latest(13)) })] }));
    await settled();

    const atNight = await automated(await conversationOf(night));
    expect(atNight).toEqual([
      expect.objectContaining({
        automated_by: 'rule',
        content: { text: { body: 'We are closed; we answer from 09:00' } },
      }),
    ]);
    expect(await automated(await conversationOf(day))).toEqual([]);
    expect(await runs(admin, `ruleId=${ruleId}`)).toHaveLength(1);
  });

  it('should stop at the cap of automated messages per conversation and hour, and say so in the run log', async () => {
    const { admin, account } = await workspace();
    await t
      .http()
      .put('/automation/settings')
      .auth(admin.token, { type: 'bearer' })
      .send({ maxAutomatedMessagesPerHour: 2 })
      .expect(200);
    const ruleId = await rule(admin, {
      trigger: { type: 'message_received' },
      actions: [{ type: 'reply_text', text: 'Thanks, noted' }],
    });
    const waId = newCustomer();
    for (const body of ['one', 'two', 'three']) {
      await customerWrites(account, waId, body);
      await settled();
    }
    expect(await automated(await conversationOf(waId))).toHaveLength(2);
    const log = await runs(admin, `ruleId=${ruleId}`);
    expect(log).toHaveLength(3);
    expect(log[0]!.actions).toEqual([
      {
        type: 'reply_text',
        outcome: 'skipped',
        detail: expect.stringMatching(/already received 2 automated messages in the last hour/) as string,
      },
    ]);
  });

  it('should not attempt a free-form reply outside the window, send the template, and fire on an agent resolving', async () => {
    const { admin, account } = await workspace();
    await t.sql(
      `INSERT INTO templates (tenant_id, waba_id, meta_template_id, name, language, category, status, components)
       VALUES ($1, $2, 'tpl-follow', 'follow_up', 'en_US', 'UTILITY', 'APPROVED', $3)`,
      [admin.tenantId, account.wabaId, JSON.stringify([{ type: 'BODY', text: 'Hi {{1}}, all sorted?' }])],
    );
    const ruleId = await rule(admin, {
      trigger: { type: 'conversation_resolved' },
      actions: [
        { type: 'reply_text', text: 'Glad we could help' },
        { type: 'send_template', name: 'follow_up', language: 'en_US', variables: { '1': { field: 'displayName' } } },
      ],
    });
    const waId = newCustomer();
    const dayAgo = String(Math.floor(Date.now() / 1000) - 25 * 3600);
    await inbound.deliver(
      webhook(account, { messages: [text(waId, 'Thanks!', { timestamp: dayAgo })], names: { [waId]: 'Ana Lima' } }),
    );
    const conversationId = await conversationOf(waId);
    await t
      .http()
      .patch(`/conversations/${conversationId}`)
      .auth(admin.token, { type: 'bearer' })
      .send({ status: 'resolved' })
      .expect(200);
    await eventually(
      () => runs(admin, `conversationId=${conversationId}`),
      (r) => r.some((run) => run.outcome !== 'partial'),
    );

    const [run] = await runs(admin, `conversationId=${conversationId}`);
    expect(run).toMatchObject({ ruleId, trigger: 'conversation_resolved', messageId: expect.any(String) as string });
    expect(run!.actions[0]).toEqual({
      type: 'reply_text',
      outcome: 'skipped',
      detail: expect.stringMatching(/more than 24 hours ago.*template/) as string,
    });
    expect(run!.actions[1]).toMatchObject({ type: 'send_template', outcome: 'done' });
    const sent = await automated(conversationId);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      type: 'template',
      content: {
        template: {
          name: 'follow_up',
          components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana Lima' }] }],
        },
      },
    });

    // Resolving it again without reopening changes nothing, so nothing fires again.
    await t
      .http()
      .patch(`/conversations/${conversationId}`)
      .auth(admin.token, { type: 'bearer' })
      .send({ status: 'resolved' })
      .expect(200);
    await settled();
    expect(await runs(admin, `conversationId=${conversationId}`)).toHaveLength(1);
  });

  it('should fire conversation_resolved when a rule resolves the conversation, and stop later rules after a stop rule', async () => {
    const { admin, account } = await workspace();
    const resolver = await rule(admin, {
      stopAfter: true,
      trigger: { type: 'message_received', keywords: ['^done$'], match: 'regex' },
      actions: [{ type: 'set_status', status: 'resolved' }],
    });
    const never = await rule(admin, {
      trigger: { type: 'message_received' },
      actions: [{ type: 'add_tag', tag: 'never' }],
    });
    const tagger = await rule(admin, {
      trigger: { type: 'conversation_resolved' },
      conditions: [{ type: 'contact_tag', tag: 'vip', negate: true }],
      actions: [
        { type: 'add_tag', tag: 'closed-by-rule' },
        { type: 'add_note', text: 'Closed by the customer saying done' },
      ],
    });
    const waId = newCustomer();
    await customerWrites(account, waId, 'DONE');
    const conversationId = await conversationOf(waId);
    await eventually(
      () => runs(admin, `ruleId=${tagger}`),
      (r) => r.length === 1 && r[0]!.outcome === 'succeeded',
    );
    expect((await runs(admin, `ruleId=${resolver}`))[0]).toMatchObject({ outcome: 'succeeded' });
    expect(await runs(admin, `ruleId=${never}`)).toEqual([]);
    const [contact] = await t.sql(
      `SELECT ct.tags, c.status FROM contacts ct JOIN conversations c ON c.contact_id = ct.id WHERE c.id = $1`,
      [conversationId],
    );
    expect(contact).toEqual({ tags: ['closed-by-rule'], status: 'resolved' });
    const notes = await t.sql(`SELECT body, author_user_id FROM conversation_notes WHERE conversation_id = $1`, [
      conversationId,
    ]);
    expect(notes).toEqual([{ body: 'Closed by the customer saying done', author_user_id: null }]);
  });

  it('should fire no_reply once the wait ran out without an answer from the team, never where an agent answered', async () => {
    const { admin, account } = await workspace();
    const ruleId = await rule(admin, {
      trigger: { type: 'no_reply', minutes: 5 },
      actions: [{ type: 'reply_text', text: 'Sorry for the wait, someone is on it' }],
    });
    const waiting = newCustomer();
    const answered = newCustomer();
    await customerWrites(account, waiting, 'Anyone there?');
    await customerWrites(account, answered, 'Anyone there?');
    await t
      .http()
      .post(`/conversations/${await conversationOf(answered)}/messages`)
      .auth(admin.token, { type: 'bearer' })
      .send({ type: 'text', text: { body: 'Yes, hello!' } })
      .expect(201);

    const engine = t.app.get(AutomationEngine);
    const queue = t.app.get(AutomationQueue);
    // Four minutes on: nothing is due yet.
    clock.offsetMs = 4 * 60_000;
    await TenantScope.acrossTenants('sweeps', () => engine.sweep((job) => queue.event(job)));
    await settled();
    expect(await runs(admin, `ruleId=${ruleId}`)).toEqual([]);

    clock.offsetMs = 6 * 60_000;
    await TenantScope.acrossTenants('sweeps', () => engine.sweep((job) => queue.event(job)));
    await TenantScope.acrossTenants('sweeps', () => engine.sweep((job) => queue.event(job)));
    await settled();
    const log = await runs(admin, `ruleId=${ruleId}`);
    expect(log).toEqual([
      expect.objectContaining({
        trigger: 'no_reply',
        conversationId: await conversationOf(waiting),
        outcome: 'succeeded',
      }),
    ]);
    expect(await automated(await conversationOf(waiting))).toHaveLength(1);
    expect(await automated(await conversationOf(answered))).toHaveLength(1);
  });

  /** A rule that replies then notes, and the run it made on a customer's message. */
  async function replyAndNoteRun(keyword: string) {
    const { admin, account } = await workspace();
    const ruleId = await rule(admin, {
      trigger: { type: 'message_received', keywords: [keyword] },
      actions: [
        { type: 'reply_text', text: `About your ${keyword}` },
        { type: 'add_note', text: `Customer asked about a ${keyword}` },
      ],
    });
    const waId = newCustomer();
    const wamid = await customerWrites(account, waId, `I want a ${keyword}`);
    await settled();
    const conversationId = await conversationOf(waId);
    const [message] = await t.sql(`SELECT id FROM messages WHERE wamid = $1`, [wamid]);
    const runAgain = () =>
      TenantScope.forTenant(admin.tenantId, () =>
        t.app.get(AutomationEngine).onMessage({ tenantId: admin.tenantId, messageId: String(message!.id) }),
      );
    return { admin, ruleId, conversationId, runAgain };
  }

  /** One reply, one note, and one run that succeeded with both actions done. */
  async function expectRanOnce(admin: Member, ruleId: string, conversationId: string): Promise<void> {
    expect(await automated(conversationId)).toHaveLength(1);
    const notes = await t.sql(`SELECT body FROM conversation_notes WHERE conversation_id = $1`, [conversationId]);
    expect(notes).toHaveLength(1);
    const log = await runs(admin, `ruleId=${ruleId}`);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      outcome: 'succeeded',
      actions: [
        { type: 'reply_text', outcome: 'done' },
        { type: 'add_note', outcome: 'done' },
      ],
    });
  }

  it('should resume a run after a crash without sending or noting twice', async () => {
    const { admin, ruleId, conversationId, runAgain } = await replyAndNoteRun('refund');

    // As a crash after the reply was sent and before any result was written: the run has no results yet.
    await t.sql(`UPDATE automation_runs SET actions = '[]', outcome = NULL WHERE rule_id = $1`, [ruleId]);
    await runAgain();
    // And a retry of a run that had finished does nothing at all.
    await runAgain();

    await expectRanOnce(admin, ruleId, conversationId);
  });

  it('should only end a run whose every action has its result when a crash came before its outcome', async () => {
    const { admin, ruleId, conversationId, runAgain } = await replyAndNoteRun('invoice');

    // As a crash after both results were written and before the outcome was.
    await t.sql(`UPDATE automation_runs SET outcome = NULL WHERE rule_id = $1`, [ruleId]);
    await runAgain();

    await expectRanOnce(admin, ruleId, conversationId);
  });

  describe('with the routing and the AI', () => {
    let dashboards: Dashboards;
    beforeAll(async () => {
      dashboards = new Dashboards(await t.listen());
    });
    afterEach(() => dashboards.closeAll());

    /** Two agents online, each taking at most two open conversations. */
    async function twoAgentsOnline(admin: Member): Promise<[Member, Member]> {
      const agents: [Member, Member] = [await addMember(t, admin, 'agent'), await addMember(t, admin, 'agent')];
      for (const agent of agents) {
        await setCapacity(t, admin, agent.userId, 2).expect(200);
        await dashboards.open(agent);
      }
      return agents;
    }

    const enableAi = (admin: Member) =>
      t
        .http()
        .put('/automation/ai')
        .auth(admin.token, { type: 'bearer' })
        .send({ enabled: true, instructions: 'Answer briefly.' })
        .expect(200);

    it('should split four new conversations two and two between two online agents with capacity two', async () => {
      const { admin, account } = await workspace();
      const [ana, rui] = await twoAgentsOnline(admin);
      await rule(admin, {
        trigger: { type: 'conversation_created' },
        actions: [{ type: 'assign', strategy: 'round_robin' }],
      });
      const customers = [newCustomer(), newCustomer(), newCustomer(), newCustomer()];
      await Promise.all(customers.map((waId) => customerWrites(account, waId, 'Hello, I need help')));
      await settled();
      await eventually(
        () => openCounts(t, admin.tenantId),
        (counts) => counts[ana.userId] === 2 && counts[rui.userId] === 2,
      );
      // A fifth waits unassigned: both agents are full.
      const fifth = newCustomer();
      await customerWrites(account, fifth, 'Anyone there?');
      await settled();
      expect(await assigneeOf(t, await conversationOf(fifth))).toBeNull();
    });

    it('should answer from the knowledge base with an AI reply marked as such, with its tokens', async () => {
      const { admin, account } = await workspace();
      await enableAi(admin);
      await t
        .http()
        .post('/automation/knowledge')
        .auth(admin.token, { type: 'bearer' })
        .send({ title: 'Opening hours', body: 'We are open Monday to Friday from 9:00 to 18:00.' })
        .expect(201);
      const ruleId = await rule(admin, { trigger: { type: 'message_received' }, actions: [{ type: 'ai_reply' }] });
      const waId = newCustomer();
      await customerWrites(account, waId, 'When are you open on Monday?');
      await settled();

      const conversationId = await conversationOf(waId);
      const [reply] = await t.sql(
        `SELECT content, automated_by, automation_rule_id, ai_prompt_tokens, ai_completion_tokens FROM messages
         WHERE conversation_id = $1 AND direction = 'outbound'`,
        [conversationId],
      );
      expect(reply).toMatchObject({ automated_by: 'ai', automation_rule_id: ruleId });
      expect(String((reply!.content as { text: { body: string } }).text.body)).toMatch(/Monday to Friday from 9:00/);
      expect(reply!.ai_prompt_tokens).toBeGreaterThan(0);
      expect(reply!.ai_completion_tokens).toBeGreaterThan(0);
      expect(await assigneeOf(t, conversationId)).toBeNull();
      const [run] = await runs(admin, `ruleId=${ruleId}`);
      expect(run).toMatchObject({ outcome: 'succeeded', actions: [{ type: 'ai_reply', outcome: 'done' }] });
    });

    it('should hand the conversation to an online agent with a note when the month’s AI replies are used up', async () => {
      const { admin, account } = await workspace();
      const [ana, rui] = await twoAgentsOnline(admin);
      await enableAi(admin);
      await t.sql(`INSERT INTO tenant_limit_overrides (tenant_id, name, max) VALUES ($1, 'aiRepliesPerMonth', 1)`, [
        admin.tenantId,
      ]);
      await t
        .http()
        .post('/automation/knowledge')
        .auth(admin.token, { type: 'bearer' })
        .send({ title: 'Opening hours', body: 'We are open Monday to Friday from 9:00 to 18:00.' })
        .expect(201);
      await rule(admin, { trigger: { type: 'message_received' }, actions: [{ type: 'ai_reply' }] });
      const [answered, refused] = [newCustomer(), newCustomer()];
      await customerWrites(account, answered, 'When are you open on Monday?');
      await settled();
      await customerWrites(account, refused, 'When are you open on Monday?');
      await settled();

      expect(await automated(await conversationOf(answered))).toMatchObject([{ automated_by: 'ai' }]);
      const conversationId = await conversationOf(refused);
      expect(await automated(conversationId)).toEqual([]);
      expect([ana.userId, rui.userId]).toContain(await assigneeOf(t, conversationId));
      const notes = await t.sql(`SELECT body FROM conversation_notes WHERE conversation_id = $1`, [conversationId]);
      expect(notes).toEqual([
        {
          body: 'Handed to a person: The AI answer was not sent: Your workspace has reached its limit of 1 AI reply a month. Wait for the new month (the count restarts on the 1st, in the workspace’s time zone), or ask Aerostic support to raise the limit.',
        },
      ]);
    });

    it('should hand the conversation to an online agent with a note when the AI fails', async () => {
      const { admin, account } = await workspace();
      const [ana, rui] = await twoAgentsOnline(admin);
      await enableAi(admin);
      await json(`${ai.url}/_sandbox/faults`, { body: { kind: 'error', status: 503 } });
      const ruleId = await rule(admin, { trigger: { type: 'message_received' }, actions: [{ type: 'ai_reply' }] });
      const waId = newCustomer();
      try {
        await customerWrites(account, waId, 'Can I change my booking?');
        await settled();
      } finally {
        await json(`${ai.url}/_sandbox/reset`, { body: {} });
      }

      const conversationId = await conversationOf(waId);
      expect([ana.userId, rui.userId]).toContain(await assigneeOf(t, conversationId));
      expect(await automated(conversationId)).toEqual([]);
      const notes = await t.sql(`SELECT body FROM conversation_notes WHERE conversation_id = $1`, [conversationId]);
      expect(notes).toEqual([{ body: expect.stringMatching(/^Handed to a person: /) as string }]);
      const [run] = await runs(admin, `ruleId=${ruleId}`);
      expect(run).toMatchObject({
        outcome: 'succeeded',
        actions: [{ type: 'ai_reply', outcome: 'done', detail: expect.stringMatching(/Handed to a person/) as string }],
      });
    });
  });
});
