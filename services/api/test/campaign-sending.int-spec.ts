import { randomBytes } from 'node:crypto';
import {
  CAMPAIGN_SEND_PRIORITY,
  type CampaignDto,
  type MessageDto,
  type OutboundMessageJob,
  QUEUES,
  type WhatsAppAccountDto,
} from '@aerostic/shared';
import { Queue } from 'bullmq';
import { type Redis } from 'ioredis';
import { CampaignFeeder } from '../src/campaigns/sending/campaign-feeder.service';
import { CampaignMessagesService } from '../src/messages/campaign-messages.service';
import { queueOptions } from '../src/common/queue/queue-connection';
import { REDIS } from '../src/common/redis/redis.module';
import { type Member, registerTenant } from './support/builders';
import { eventually } from './support/eventually';
import { type MetaStack, type MetaStackPlan, planMetaStack, startMetaStack } from './support/meta-stack';
import { json, type Service, startService } from './support/processes';
import { createTestApp, type TestApp } from './support/test-app';
import { TenantScope } from '../src/database/tenant-scope';

interface OutboxEntry {
  wamid: string;
  to: string;
  created_at: string;
  request: { type: string; text?: { body: string }; template?: { name: string; components?: unknown[] } };
}

/**
 * Campaign sending with every part real: the API's feeder queues campaign sends on Redis, the built message-worker
 * paces them to the meta-sandbox, and the send results come back to the API.
 */
describe(`${CampaignFeeder.name} (API → message-worker → sandbox)`, () => {
  let t: TestApp;
  let plan: MetaStackPlan;
  let stack: MetaStack;
  let worker: Service | undefined;
  let feeder: CampaignFeeder;
  let outbound: Queue<OutboundMessageJob>;
  let admin: Member;
  let seq = 0;

  beforeAll(async () => {
    plan = await planMetaStack();
    t = await createTestApp(plan.appEnv);
    stack = await startMetaStack(t, plan);
    feeder = t.app.get(CampaignFeeder);
    outbound = new Queue(QUEUES.outboundMessages.name, queueOptions(t.config));
  });
  afterAll(async () => {
    await worker?.stop();
    await stack?.stop();
    await outbound?.close();
    await t?.close();
  });

  /** The message-worker, started once the first test that needs it asks. */
  async function startWorker(): Promise<void> {
    worker ??= await startService(
      'message-worker',
      {
        MESSAGE_WORKER_PORT: String(plan.messageWorkerPort),
        META_GRAPH_URL: `http://127.0.0.1:${plan.sandboxPort}`,
        META_GRAPH_VERSION: t.config.META_GRAPH_VERSION,
        ENCRYPTION_KEY: t.config.ENCRYPTION_KEY,
        REDIS_URL: t.config.REDIS_URL,
        REDIS_PREFIX: t.config.REDIS_PREFIX,
      },
      plan.messageWorkerPort,
    );
  }

  /**
   * A new workspace (`admin`) with a sandbox number at a throughput level and tier, and an approved template at both
   * ends.
   */
  async function numberWith(level: 'STANDARD' | 'HIGH', tier: string): Promise<WhatsAppAccountDto> {
    admin = await registerTenant(t, `Broadcast Co ${++seq}`);
    const account = await stack.connectNumber(admin, `Broadcast ${++seq}`);
    await json(`${stack.sandbox.url}/_sandbox/phone-numbers/${account.phoneNumberId}`, {
      method: 'PATCH',
      body: { throughput_level: level },
    });
    await t.sql(`UPDATE whatsapp_accounts SET throughput_level = $2, messaging_limit_tier = $3 WHERE id = $1`, [
      account.id,
      level,
      tier,
    ]);
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
    return account;
  }

  /**
   * A campaign of `pending` recipients (then `skipped` ones) on the number, written with SQL like the campaigns
   * module writes it: contacts `<prefix>000001…`, one row per contact in position order.
   */
  async function seedCampaign(
    account: WhatsAppAccountDto,
    {
      pending,
      skipped = 0,
      status = 'running',
      startsInMs = 0,
    }: {
      pending: number;
      skipped?: number;
      status?: string;
      startsInMs?: number;
    },
  ): Promise<{ id: string; prefix: string }> {
    const prefix = `3519${String(++seq).padStart(2, '0')}${randomBytes(1).toString('hex').replace(/\D/g, '7').padEnd(2, '7')}`;
    const [campaign] = await t.sql(
      `INSERT INTO campaigns (tenant_id, whatsapp_account_id, name, status, template_name, template_language,
         template_category, variables, scheduled_at, started_at, created_by_user_id)
       VALUES ($1, $2, 'Spring sale', 'paused', 'spring_sale', 'en_US', 'MARKETING', '{"1":{"field":"name"}}',
         now() + $3 * interval '1 millisecond', now(), $4)
       RETURNING id`,
      [admin.tenantId, account.id, startsInMs, admin.userId],
    );
    const id = String(campaign?.id);
    await t.sql(
      `WITH c AS (
         INSERT INTO contacts (tenant_id, wa_id, name, marketing_consent)
         SELECT $1, $3::text || lpad(n::text, 6, '0'), 'Customer ' || n,
           CASE WHEN n <= $4::int THEN 'granted' ELSE 'unknown' END
         FROM generate_series(1, $4::int + $5::int) AS n
         RETURNING id, wa_id, name
       )
       INSERT INTO campaign_recipients (tenant_id, campaign_id, contact_id, position, wa_id, state, reason, parameters)
       SELECT $1, $2, c.id, right(c.wa_id, 6)::int, c.wa_id,
         CASE WHEN right(c.wa_id, 6)::int <= $4::int THEN 'pending' ELSE 'skipped' END,
         CASE WHEN right(c.wa_id, 6)::int <= $4::int THEN NULL ELSE 'no_marketing_consent' END,
         CASE WHEN right(c.wa_id, 6)::int <= $4::int THEN jsonb_build_array(c.name) ELSE '[]' END
       FROM c`,
      [admin.tenantId, id, prefix, pending, skipped],
    );
    // Its rows first, then its status: a running campaign without rows is complete.
    await t.sql(`UPDATE campaigns SET status = $2 WHERE id = $1`, [id, status]);
    return { id, prefix };
  }

  const outbox = (account: WhatsAppAccountDto) =>
    json<{ data: OutboxEntry[] }>(`${stack.sandbox.url}/_sandbox/outbox?phone_number_id=${account.phoneNumberId}`).then(
      (r) => r.data,
    );

  /** Waits for the campaign to complete, then checks the sandbox saw each of its `count` recipients exactly once. */
  async function expectCompletedOncePerRecipient(id: string, account: WhatsAppAccountDto, count: number) {
    await eventually(
      () => campaign(id),
      (c) => c.status === 'completed',
      30_000,
    );
    const sent = await outbox(account);
    expect(sent).toHaveLength(count);
    expect(new Set(sent.map((e) => e.to)).size).toBe(count);
  }

  async function recipientStates(campaignId: string): Promise<Record<string, number>> {
    const rows = await t.sql(
      `SELECT state, count(*)::int AS n FROM campaign_recipients WHERE campaign_id = $1 GROUP BY state`,
      [campaignId],
    );
    return Object.fromEntries(rows.map((r) => [String(r.state), Number(r.n)]));
  }

  const campaign = async (id: string) =>
    (await t.http().get(`/campaigns/${id}`).auth(admin.token, { type: 'bearer' }).expect(200)).body as CampaignDto;

  const action = (id: string, verb: 'pause' | 'resume' | 'cancel') =>
    t.http().post(`/campaigns/${id}/${verb}`).auth(admin.token, { type: 'bearer' }).expect(200);

  it('should let an agent’s reply overtake the campaign sends queued before it on the same number', async () => {
    const account = await numberWith('STANDARD', 'TIER_UNLIMITED');
    const { id, prefix } = await seedCampaign(account, { pending: 61, startsInMs: 3_600_000 });
    // The worker is not running yet: 60 campaign sends wait in the queue, then an agent replies to another customer.
    const batch = await TenantScope.forTenant(admin.tenantId, () => feeder.prepare(admin.tenantId, id, 60));
    expect(batch?.jobs).toHaveLength(60);
    await t.app.get(CampaignMessagesService).enqueue(batch!.jobs);
    const job = await outbound.getJob(batch!.jobs[0]!.messageId);
    expect(job?.opts.priority).toBe(CAMPAIGN_SEND_PRIORITY);

    const [conversation] = await t.sql(
      `INSERT INTO conversations (tenant_id, contact_id, whatsapp_account_id, last_inbound_at)
       SELECT tenant_id, id, $3, now() FROM contacts WHERE tenant_id = $1 AND wa_id = $2 RETURNING id`,
      [admin.tenantId, `${prefix}000061`, account.id],
    );
    const reply = (
      await t
        .http()
        .post(`/conversations/${String(conversation?.id)}/messages`)
        .auth(admin.token, { type: 'bearer' })
        .send({ type: 'text', text: { body: 'An agent answers' } })
        .expect(201)
    ).body as MessageDto;
    expect((await outbound.getJob(reply.id))?.opts.priority ?? 0).toBe(0);

    await startWorker();
    const sent = await eventually(
      () => outbox(account),
      (entries) => entries.length === 61,
    );
    expect(sent[0]?.request.text?.body).toBe('An agent answers');
  });

  it('should send a 5,000-recipient campaign exactly once per pending recipient and leave the skipped untouched', async () => {
    await startWorker();
    const account = await numberWith('HIGH', 'TIER_10K');
    const { id } = await seedCampaign(account, { pending: 4_600, skipped: 400 });

    const done = await eventually(
      () => campaign(id),
      (c) => c.status === 'completed',
      90_000,
    );
    expect(done.completedAt).not.toBeNull();
    expect(await recipientStates(id)).toEqual({ queued: 4_600, skipped: 400 });

    const sent = await outbox(account);
    expect(new Set(sent.map((e) => e.to)).size).toBe(4_600);
    // A send Meta accepted but did not answer within the worker's timeout is sent again (the worker cannot tell it
    // from a lost one): only on an overloaded machine, and never anything else.
    const unanswered = worker!.output().split('Meta did not answer').length - 1;
    expect(sent.length - 4_600).toBeLessThanOrEqual(unanswered);
    expect(sent.every((e) => e.request.type === 'template' && e.request.template?.name === 'spring_sale')).toBe(true);

    const [messages] = await t.sql(
      `SELECT count(*)::int AS n, count(DISTINCT conversation_id)::int AS threads, count(wamid)::int AS accepted
       FROM messages WHERE campaign_id = $1`,
      [id],
    );
    expect(messages).toEqual({ n: 4_600, threads: 4_600, accepted: 4_600 });
    const [linked] = await t.sql(
      `SELECT count(DISTINCT r.message_id)::int AS n FROM campaign_recipients r
       JOIN messages m ON m.id = r.message_id AND m.campaign_id = r.campaign_id
       WHERE r.campaign_id = $1 AND r.state = 'queued' AND m.wamid IS NOT NULL`,
      [id],
    );
    expect(linked?.n).toBe(4_600);
    const [skipped] = await t.sql(
      `SELECT count(*)::int AS n FROM campaign_recipients
       WHERE campaign_id = $1 AND state = 'skipped' AND reason = 'no_marketing_consent' AND message_id IS NULL
         AND queued_at IS NULL`,
      [id],
    );
    expect(skipped?.n).toBe(400);
    // New threads stay out of the open inbox until the customer replies.
    const [open] = await t.sql(
      `SELECT count(*)::int AS n FROM conversations c JOIN messages m ON m.conversation_id = c.id
       WHERE m.campaign_id = $1 AND c.status = 'open'`,
      [id],
    );
    expect(open?.n).toBe(0);
  }, 150_000);

  it('should stop feeding at once when paused and carry on where it stopped when resumed', async () => {
    await startWorker();
    const account = await numberWith('STANDARD', 'TIER_UNLIMITED');
    const { id } = await seedCampaign(account, { pending: 400 });
    await eventually(
      () => recipientStates(id),
      (s) => (s.queued ?? 0) >= 40,
    );
    await action(id, 'pause');
    const atPause = await recipientStates(id);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await recipientStates(id)).toEqual(atPause);
    expect(atPause.pending).toBeGreaterThan(0);
    expect((await campaign(id)).status).toBe('paused');

    await action(id, 'resume');
    await expectCompletedOncePerRecipient(id, account, 400);
  }, 60_000);

  it('should stop feeding when cancelled and send nothing more', async () => {
    await startWorker();
    const account = await numberWith('STANDARD', 'TIER_UNLIMITED');
    const { id } = await seedCampaign(account, { pending: 400 });
    await eventually(
      () => recipientStates(id),
      (s) => (s.queued ?? 0) >= 40,
    );
    await action(id, 'cancel');
    const atCancel = await recipientStates(id);
    expect(atCancel.pending ?? 0).toBe(0);
    expect(atCancel.cancelled).toBeGreaterThan(0);
    // What was queued before the cancel still goes out, each once; nothing after.
    const sent = await eventually(
      () => outbox(account),
      (entries) => entries.length === atCancel.queued,
    );
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await outbox(account)).toHaveLength(sent.length);
    expect(await recipientStates(id)).toEqual(atCancel);
    expect((await campaign(id)).status).toBe('cancelled');
  }, 60_000);

  it('should queue the messages a crash left stored but unqueued, once, and finish the campaign', async () => {
    await startWorker();
    const account = await numberWith('STANDARD', 'TIER_UNLIMITED');
    // Not due yet, so that only this test's calls feed it.
    const { id } = await seedCampaign(account, { pending: 30, startsInMs: 3_600_000 });

    const batch = await TenantScope.forTenant(admin.tenantId, () => feeder.prepare(admin.tenantId, id, 10));
    // The crash: the transaction committed, the jobs were never added.
    expect(batch?.jobs).toHaveLength(10);
    expect(await recipientStates(id)).toEqual({ queued: 10, pending: 20 });
    for (const job of batch!.jobs) expect(await outbound.getJob(job.messageId)).toBeUndefined();

    expect(await TenantScope.forTenant(admin.tenantId, () => feeder.recover(admin.tenantId, id))).toBe(0); // younger than the grace: maybe still being queued
    expect(await TenantScope.forTenant(admin.tenantId, () => feeder.recover(admin.tenantId, id, 0))).toBe(10);
    await eventually(
      () => outbox(account),
      (entries) => entries.length === 10,
    );
    // Sent and reported: nothing is stranded any more.
    await eventually(
      () => t.sql(`SELECT count(wamid)::int AS n FROM messages WHERE campaign_id = $1`, [id]),
      (rows) => rows[0]?.n === 10,
    );
    expect(await TenantScope.forTenant(admin.tenantId, () => feeder.recover(admin.tenantId, id, 0))).toBe(0);

    await t.sql(`UPDATE campaigns SET scheduled_at = now() WHERE id = $1`, [id]);
    await expectCompletedOncePerRecipient(id, account, 30);
  }, 60_000);

  it('should hold recipients beyond the number’s messaging limit tier back, pending, not failed', async () => {
    await startWorker();
    const account = await numberWith('STANDARD', 'TIER_250');
    const { id, prefix } = await seedCampaign(account, { pending: 20, status: 'paused' });
    // 246 customers reached in the last 24 hours, one of them this campaign's 3rd recipient: 4 new ones fit.
    const redis = t.app.get<Redis>(REDIS);
    const key = `messaging-limit:${account.phoneNumberId}`;
    const now = Date.now();
    const reached = Array.from({ length: 245 }, (_, i) => [now - 1000, `44700${String(i).padStart(6, '0')}`]);
    await redis.zadd(key, ...reached.flat(), now - 1000, `${prefix}000003`);
    await t.sql(`UPDATE campaigns SET status = 'running' WHERE id = $1`, [id]);

    await eventually(
      () => outbox(account),
      (entries) => entries.length === 5,
    );
    await new Promise((r) => setTimeout(r, 2_000));
    const sent = await outbox(account);
    expect(sent.map((e) => e.to).sort()).toEqual(
      [1, 2, 3, 4, 5].map((n) => `${prefix}${String(n).padStart(6, '0')}`).sort(),
    );
    expect(await recipientStates(id)).toEqual({ queued: 5, pending: 15 });
    expect((await campaign(id)).status).toBe('running');
    expect(await redis.zcard(key)).toBe(250);
  }, 60_000);
});
