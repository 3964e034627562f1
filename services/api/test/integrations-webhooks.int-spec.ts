import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import {
  type ContactDto,
  type ConversationDto,
  type CreatedWebhookEndpointDto,
  QUEUES,
  type WebhookDeliveryDto,
  type WebhookEndpointDto,
  type WebhookEventBody,
  WEBHOOK_EVENT_TYPES,
} from '@aerostic/shared';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { Clock } from '../src/common/clock/clock';
import { queueOptions } from '../src/common/queue/queue-connection';
import { ConversationsService } from '../src/conversations/conversations.service';
import { WebhookUrlRetired1767577600000 } from '../src/database/migrations/1767577600000-webhook-url-retired';
import { LegacySecrets } from '../src/integrations/legacy-secrets';
import { WebhookClient } from '../src/integrations/webhook-client';
import { stableEventId, WebhookEvents } from '../src/integrations/webhook-events';
import { PRUNE_PATTERN, PRUNE_SCHEDULER_ID } from '../src/integrations/webhook-queue';
import { WebhookRetention } from '../src/integrations/webhook-retention';
import { WebhooksController } from '../src/integrations/webhooks.controller';
import { addMember, type Member, registerTenant } from './support/builders';
import { eventually } from './support/eventually';
import { type MailCatcher, startMailCatcher } from './support/mail-catcher';
import { connectNumber, InboundHarness } from './support/inbound-harness';
import { envelope, messagesChange, newWamid, text, webhook } from './support/meta-payloads';
import { createTestApp, type TestApp } from './support/test-app';
import { TestClock } from './support/test-clock';
import { TenantScope } from '../src/database/tenant-scope';

interface Received {
  path: string;
  signature: string;
  body: string;
}

const DAY_MS = 24 * 3_600_000;

/** A receiver on this machine: each path answers what the test scripted for it, and records every request. */
class Receiver {
  readonly received: Received[] = [];
  /** Status codes answered in turn per path; the last one repeats. */
  readonly script = new Map<string, number[]>();
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = req.url ?? '/';
    this.received.push({
      path,
      signature: String(req.headers['aerostic-signature']),
      body: Buffer.concat(chunks).toString(),
    });
    if (path === '/redirect') {
      res.writeHead(302, { location: `${this.url}/redirected` }).end();
      return;
    }
    if (path === '/big') {
      // A megabyte, in 1 KB writes: a client reading it all would take it all.
      res.writeHead(200, { 'content-type': 'text/plain' });
      const kb = 'x'.repeat(1024);
      let closed = false;
      res.once('close', () => (closed = true));
      for (let i = 0; i < 1024 && !closed; i++) {
        if (res.write(kb)) continue;
        await new Promise<void>((resolve) => {
          const done = (): void => {
            res.off('drain', done).off('close', done);
            resolve();
          };
          res.on('drain', done).on('close', done);
        });
      }
      res.end();
      return;
    }
    const statuses = this.script.get(path) ?? [200];
    const status = statuses.length > 1 ? statuses.shift()! : statuses[0]!;
    res.writeHead(status, { 'content-type': 'text/plain' }).end(`answer ${status}`);
  }

  on(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Verifies as a receiver would: its own HMAC of "t.body" with the secret it was shown. */
function verifies(secret: string, r: Received): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(r.signature);
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${r.body}`).digest('hex');
  return expected === match[2];
}

describe(WebhooksController.name, () => {
  let t: TestApp;
  let receiver: Receiver;
  let inbound: InboundHarness;
  let catcher: MailCatcher;
  const clock = new TestClock();
  let seq = 0;

  beforeAll(async () => {
    receiver = new Receiver();
    [catcher] = await Promise.all([startMailCatcher(), receiver.start()]);
    t = await createTestApp(
      { WEBHOOK_RETRY_BASE_MS: 100, SMTP_HOST: '127.0.0.1', SMTP_PORT: catcher.smtpPort },
      { providers: [{ provide: Clock, useValue: clock }] },
    );
    inbound = new InboundHarness(t);
    await inbound.ready();
  });
  afterAll(async () => {
    await inbound?.close();
    await t?.close();
    await receiver?.stop();
    await catcher?.stop();
  });
  afterEach(() => {
    clock.offsetMs = 0;
  });

  const as = (member: Member) => ({
    get: (path: string) => t.http().get(path).auth(member.token, { type: 'bearer' }),
    post: (path: string, body: object = {}) => t.http().post(path).auth(member.token, { type: 'bearer' }).send(body),
    patch: (path: string, body: object) => t.http().patch(path).auth(member.token, { type: 'bearer' }).send(body),
    delete: (path: string) => t.http().delete(path).auth(member.token, { type: 'bearer' }),
  });
  const workspace = () => registerTenant(t, `Hooks Co ${++seq}`);
  async function endpoint(admin: Member, path: string, events: string[]): Promise<CreatedWebhookEndpointDto> {
    return (
      await as(admin)
        .post('/integrations/webhooks', { url: `${receiver.url}${path}`, events })
        .expect(201)
    ).body as CreatedWebhookEndpointDto;
  }
  const deliveries = async (admin: Member, id: string) =>
    (await as(admin).get(`/integrations/webhooks/${id}/deliveries`).expect(200)).body as WebhookDeliveryDto[];
  const bodiesOn = (path: string): WebhookEventBody[] =>
    receiver.on(path).map((r) => JSON.parse(r.body) as WebhookEventBody);
  /** How many deliveries of each type the endpoint has: what was queued, whether or not it arrived yet. */
  const countByType = async (admin: Member, id: string): Promise<Record<string, number>> => {
    const counts: Record<string, number> = {};
    for (const d of await deliveries(admin, id)) counts[d.type] = (counts[d.type] ?? 0) + 1;
    return counts;
  };

  it('should create, list, change and delete endpoints, showing the secret only on create, to admins only', async () => {
    const admin = await workspace();
    const agent = await addMember(t, admin, 'agent');
    const created = await endpoint(admin, '/crud', ['message.received', 'contact.created']);
    expect(created).toMatchObject({ url: `${receiver.url}/crud`, events: ['message.received', 'contact.created'] });
    expect(created.enabled).toBe(true);
    expect(created.secret).toMatch(/^whsec_[0-9a-f]{48}$/);
    const stored = await t.sql(`SELECT secret_sealed FROM webhook_endpoints WHERE id = $1`, [created.id]);
    expect(String(stored[0]?.secret_sealed)).not.toContain(created.secret.slice(6));

    const list = (await as(admin).get('/integrations/webhooks').expect(200)).body as WebhookEndpointDto[];
    expect(list).toHaveLength(1);
    expect(list[0]).not.toHaveProperty('secret');

    const changed = (
      await as(admin).patch(`/integrations/webhooks/${created.id}`, { events: ['contact.updated'], enabled: false })
    ).body as WebhookEndpointDto;
    expect(changed).toMatchObject({ events: ['contact.updated'], enabled: false });

    const invalid = await as(admin)
      .post('/integrations/webhooks', { url: 'ftp://x', events: ['nope'] })
      .expect(400);
    const fields = (invalid.body as { fields: Record<string, string> }).fields;
    expect(Object.keys(fields).sort()).toEqual(['events.0', 'url']);
    await as(agent).get('/integrations/webhooks').expect(403);
    await as(agent)
      .post('/integrations/webhooks', { url: `${receiver.url}/x`, events: ['message.sent'] })
      .expect(403);

    const other = await workspace();
    await as(other).delete(`/integrations/webhooks/${created.id}`).expect(404);
    await as(admin).delete(`/integrations/webhooks/${created.id}`).expect(204);
    expect((await as(admin).get('/integrations/webhooks').expect(200)).body).toEqual([]);
  });

  it('should deliver a signed message.received after two failed attempts, with one event id on every attempt', async () => {
    const admin = await workspace();
    const number = await connectNumber(t, admin);
    receiver.script.set('/flaky', [500, 500, 200]);
    const hook = await endpoint(admin, '/flaky', ['message.received']);

    await inbound.deliver(webhook(number, { messages: [text('351910000001', 'Where is my order?')] }));
    await eventually(
      async () => receiver.on('/flaky'),
      (r) => r.length >= 3,
    );
    const attempts = receiver.on('/flaky');
    expect(attempts).toHaveLength(3);
    for (const attempt of attempts) expect(verifies(hook.secret, attempt)).toBe(true);
    expect(verifies('whsec_wrong', attempts[2]!)).toBe(false);
    const bodies = attempts.map((a) => JSON.parse(a.body) as WebhookEventBody);
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(bodies[2]).toMatchObject({ type: 'message.received', tenantId: admin.tenantId });
    expect((bodies[2]!.data.message as { content: unknown }).content).toMatchObject({
      text: { body: 'Where is my order?' },
    });

    const [log] = await eventually(
      () => deliveries(admin, hook.id),
      (d) => d[0]?.status === 'succeeded',
    );
    expect(log).toMatchObject({ eventId: bodies[0]!.id, type: 'message.received', attempts: 3, responseCode: 200 });
    expect(log!.responseExcerpt).toBe('answer 200');
    expect(log!.durationMs).toEqual(expect.any(Number));
  });

  it('should send a test event, and send a delivery again with the same event id', async () => {
    const admin = await workspace();
    const hook = await endpoint(admin, '/test-event', ['contact.updated']);
    const queued = (await as(admin).post(`/integrations/webhooks/${hook.id}/test`).expect(202))
      .body as WebhookDeliveryDto;
    await eventually(
      async () => receiver.on('/test-event'),
      (r) => r.length === 1,
    );
    const first = JSON.parse(receiver.on('/test-event')[0]!.body) as WebhookEventBody;
    expect(first).toMatchObject({ id: queued.eventId, type: 'webhook.test' });

    await eventually(
      () => deliveries(admin, hook.id),
      (d) => d[0]?.status === 'succeeded',
    );
    await as(admin).post(`/integrations/webhooks/${hook.id}/deliveries/${queued.id}/retry`).expect(202);
    await eventually(
      async () => receiver.on('/test-event'),
      (r) => r.length === 2,
    );
    expect((JSON.parse(receiver.on('/test-event')[1]!.body) as WebhookEventBody).id).toBe(first.id);
    const [again] = await eventually(
      () => deliveries(admin, hook.id),
      (d) => d[0]?.attempts === 2,
    );
    expect(again).toMatchObject({ status: 'succeeded', attempts: 2 });
    const other = await workspace();
    await as(other).post(`/integrations/webhooks/${hook.id}/deliveries/${queued.id}/retry`).expect(404);
  });

  it('should disable an endpoint whose every delivery failed for three days, and say so', async () => {
    const admin = await workspace();
    receiver.script.set('/down', [503]);
    const hook = await endpoint(admin, '/down', ['message.received']);
    await as(admin).post(`/integrations/webhooks/${hook.id}/test`).expect(202);
    await eventually(
      () => deliveries(admin, hook.id),
      (d) => (d[0]?.attempts ?? 0) >= 1,
    );
    const [failing] = (await as(admin).get('/integrations/webhooks').expect(200)).body as WebhookEndpointDto[];
    expect(failing).toMatchObject({ enabled: true, failingSince: expect.any(String) as string });

    clock.offsetMs = 3 * DAY_MS + 60_000;
    const [disabled] = await eventually(
      async () => (await as(admin).get('/integrations/webhooks').expect(200)).body as WebhookEndpointDto[],
      (list) => list[0]?.enabled === false,
    );
    expect(disabled!.disabledReason).toMatch(/three days/);
    // The workspace's admins are mailed as well.
    const alert = await catcher.waitForMail(admin.email, 'An event webhook was disabled');
    expect(alert.text).toContain(`${receiver.url}/down`);
    expect(alert.text).toContain('http://app.test/dashboard/settings/webhooks');
    // Past 24 hours no retry follows: the delivery is failed for good.
    const [log] = await eventually(
      () => deliveries(admin, hook.id),
      (d) => d[0]?.status === 'failed',
    );
    expect(log!.responseCode).toBe(503);
  });

  it('should seal the secret of an endpoint made from the old webhookUrl setting, and sign with it', async () => {
    const admin = await workspace();
    const secret = 'whsec_from_the_old_setting';
    const [row] = await t.sql(
      `INSERT INTO webhook_endpoints (tenant_id, url, events, secret_sealed) VALUES ($1, $2, $3, $4) RETURNING id`,
      [admin.tenantId, `${receiver.url}/legacy`, ['message.received'], `plain:${secret}`],
    );
    await t.app.get(LegacySecrets).onApplicationBootstrap();
    const [sealed] = await t.sql(`SELECT secret_sealed FROM webhook_endpoints WHERE id = $1`, [row?.id]);
    expect(String(sealed?.secret_sealed)).not.toContain(secret);

    await as(admin)
      .post(`/integrations/webhooks/${String(row?.id)}/test`)
      .expect(202);
    const [call] = await eventually(
      async () => receiver.on('/legacy'),
      (r) => r.length === 1,
    );
    expect(verifies(secret, call!)).toBe(true);
  });

  it('should accept and run a call_webhook rule action, delivering to the endpoint it names', async () => {
    const admin = await workspace();
    const number = await connectNumber(t, admin);
    const rule = {
      name: 'Tell the CRM',
      enabled: true,
      trigger: { type: 'message_received', keywords: ['quote'], match: 'contains' },
      actions: [{ type: 'call_webhook' }],
    };
    const refused = await as(admin).post('/automation/rules', rule).expect(400);
    expect((refused.body as { fields: Record<string, string> }).fields['actions.0.type']).toMatch(/add the endpoint/);

    const hook = await endpoint(admin, '/crm', ['conversation.resolved']);
    const saved = (
      await as(admin)
        .post('/automation/rules', { ...rule, actions: [{ type: 'call_webhook', endpointId: hook.id }] })
        .expect(201)
    ).body as { id: string };

    await inbound.deliver(webhook(number, { messages: [text('351910000002', 'I want a quote')] }));
    const [call] = await eventually(
      async () => receiver.on('/crm'),
      (r) => r.length === 1,
    );
    expect(verifies(hook.secret, call!)).toBe(true);
    const body = JSON.parse(call!.body) as WebhookEventBody;
    expect(body).toMatchObject({ type: 'automation.call_webhook', tenantId: admin.tenantId });
    expect(body.data).toMatchObject({ ruleId: saved.id, conversationId: expect.any(String) as string });
  });

  it('should emit contact.created, conversation.created and message.received once for a new customer, however often Meta delivers', async () => {
    const admin = await workspace();
    const number = await connectNumber(t, admin);
    const hook = await endpoint(admin, '/first-contact', [...WEBHOOK_EVENT_TYPES]);
    const from = '351910000101';
    const payload = webhook(number, { messages: [text(from, 'Hello, is the shop open?')] });

    await inbound.deliver(payload);
    const first = await eventually(
      async () => bodiesOn('/first-contact'),
      (b) => b.length >= 3,
    );
    expect(first.map((b) => b.type).sort()).toEqual(['contact.created', 'conversation.created', 'message.received']);
    for (const body of first) expect(body.tenantId).toBe(admin.tenantId);
    const contact = first.find((b) => b.type === 'contact.created')!.data.contact as ContactDto;
    expect(contact).toMatchObject({ waId: from, profileName: 'Customer 0101' });
    const created = first.find((b) => b.type === 'conversation.created')!;
    const conversation = created.data.conversation as ConversationDto;
    expect(conversation).toMatchObject({ status: 'open', whatsappAccountId: number.id, contact: { id: contact.id } });
    expect(created.id).toBe(stableEventId('conversation.created', conversation.id));

    // A redelivery (or a retried job) stores nothing new; contact and conversation events are emitted in the job.
    await inbound.deliver(payload);
    expect(await countByType(admin, hook.id)).toEqual({
      'contact.created': 1,
      'conversation.created': 1,
      'message.received': 1,
    });
    // Emitted again with its stable id (a retry after a crash), the event is still delivered once.
    await t.app
      .get(WebhookEvents)
      .emit(
        admin.tenantId,
        'conversation.created',
        { conversation },
        stableEventId('conversation.created', conversation.id),
      );
    expect((await countByType(admin, hook.id))['conversation.created']).toBe(1);
    await eventually(
      () => deliveries(admin, hook.id),
      (d) => d.every((x) => x.status === 'succeeded'),
    );
    expect(receiver.on('/first-contact')).toHaveLength(3);
  });

  it('should emit contact.updated when a customer’s profile name changes, and nothing when it does not', async () => {
    const admin = await workspace();
    const number = await connectNumber(t, admin);
    const from = '351910000102';
    await inbound.deliver(webhook(number, { messages: [text(from, 'Hi')] }));
    const hook = await endpoint(admin, '/renamed', [...WEBHOOK_EVENT_TYPES]);

    await inbound.deliver(webhook(number, { messages: [text(from, 'Same name')] }));
    await inbound.deliver(webhook(number, { messages: [text(from, 'New name')], names: { [from]: 'Ana Silva' } }));
    const updated = await eventually(
      async () => bodiesOn('/renamed').filter((b) => b.type === 'contact.updated'),
      (b) => b.length >= 1,
    );
    expect(updated).toHaveLength(1);
    expect(updated[0]!.data.contact).toMatchObject({ waId: from, profileName: 'Ana Silva' });
    expect(await countByType(admin, hook.id)).toMatchObject({ 'contact.updated': 1 });
    expect(await countByType(admin, hook.id)).not.toHaveProperty('contact.created');
    expect(await countByType(admin, hook.id)).not.toHaveProperty('conversation.created');
  });

  it('should emit contact.updated once when a customer known by user id shares their phone number on request', async () => {
    const admin = await workspace();
    const number = await connectNumber(t, admin);
    const hook = await endpoint(admin, '/shared-phone', ['contact.updated']);
    const userId = `PT.${Date.now()}${++seq}`;
    const sentAt = Math.floor(Date.now() / 1000);
    // Meta's change for the number, with a sender named by user id only.
    const change = messagesChange(number, {});
    const from = (message: Record<string, unknown>) => {
      const value = {
        ...change.value,
        contacts: [{ profile: { name: 'Dee' }, user_id: userId }],
        messages: [{ from_user_id: userId, id: newWamid(), ...message }],
      };
      return envelope([{ wabaId: number.wabaId, changes: [{ ...change, value }] }]);
    };
    await inbound.deliver(from({ timestamp: String(sentAt), type: 'text', text: { body: 'Hi' } }));
    const share = from({
      timestamp: String(sentAt + 1),
      type: 'contacts',
      contacts: [
        {
          name: { formatted_name: 'Dee' },
          phones: [{ phone: '+351913000301', wa_id: '351913000301', type: 'MOBILE' }],
          origin: 'contact_request',
        },
      ],
    });
    await inbound.deliver(share);
    await inbound.deliver(share);

    const updated = await eventually(
      async () => bodiesOn('/shared-phone'),
      (b) => b.length >= 1,
    );
    expect(updated[0]!.data.contact).toMatchObject({ userId, waId: '351913000301' });
    expect(await countByType(admin, hook.id)).toEqual({ 'contact.updated': 1 });
  });

  it('should emit conversation.created once for a campaign’s new conversation and for one an agent starts', async () => {
    const admin = await workspace();
    const number = await connectNumber(t, admin);
    const hook = await endpoint(admin, '/opened', ['conversation.created']);
    const contact = async (phone: string) =>
      (await as(admin).post('/contacts', { phone }).expect(201)).body as ContactDto;
    const [reached, called] = [await contact('+351 912 000 201'), await contact('+351 912 000 202')];

    const conversations = t.app.get(ConversationsService);
    const openForCampaign = () =>
      TenantScope.forTenant(admin.tenantId, () =>
        conversations.openForCampaign(admin.tenantId, number.id, [reached.id], 'Summer sale'),
      );
    const campaign = await openForCampaign();
    const again = await openForCampaign();
    expect(again.get(reached.id)).toBe(campaign.get(reached.id));
    const start = () => as(admin).post(`/contacts/${called.id}/conversations`, { whatsappAccountId: number.id });
    const started = (await start().expect(200)).body as ConversationDto;
    await start().expect(200);

    const bodies = await eventually(
      async () => bodiesOn('/opened'),
      (b) => b.length >= 2,
    );
    expect(await countByType(admin, hook.id)).toEqual({ 'conversation.created': 2 });
    const byId = new Map(bodies.map((b) => [(b.data.conversation as ConversationDto).id, b.data.conversation]));
    expect(byId.get(campaign.get(reached.id)!)).toMatchObject({
      status: 'resolved',
      lastMessagePreview: 'Summer sale',
    });
    expect(byId.get(started.id)).toMatchObject({ contact: { id: called.id } });
  });

  it('should delete deliveries older than the retention in batches, keep newer ones, and schedule it daily', async () => {
    const admin = await workspace();
    const hook = await endpoint(admin, '/kept', ['contact.updated']);
    const insert = (count: number, ageDays: number) =>
      t.sql(
        `INSERT INTO webhook_deliveries (tenant_id, endpoint_id, event_id, type, payload, retry_until, created_at)
         SELECT $1, $2, gen_random_uuid(), 'webhook.test', '{}', now(), now() - make_interval(days => $4)
         FROM generate_series(1, $3)`,
        [admin.tenantId, hook.id, count, ageDays],
      );
    await insert(2_500, 31);
    await insert(3, 29);
    await TenantScope.acrossTenants('retention', () => t.app.get(WebhookRetention).prune());
    const left = await t.sql(
      `SELECT count(*)::int AS n, min(created_at) > now() - interval '30 days' AS recent
       FROM webhook_deliveries WHERE endpoint_id = $1`,
      [hook.id],
    );
    expect(left[0]).toEqual({ n: 3, recent: true });

    const queue = new Queue(QUEUES.webhookDeliveries.name, queueOptions(t.config));
    try {
      const scheduler = await queue.getJobScheduler(PRUNE_SCHEDULER_ID);
      expect(scheduler).toMatchObject({ pattern: PRUNE_PATTERN, name: 'prune' });
    } finally {
      await queue.close();
    }
  });

  it('should keep every old webhookUrl as an endpoint before dropping the column, once', async () => {
    const [copied, existing, none] = [await workspace(), await workspace(), await workspace()];
    const kept = await endpoint(existing, '/already', ['message.received']);
    await t.sql(`ALTER TABLE tenants ADD COLUMN webhook_url text`);
    await t.sql(`UPDATE tenants SET webhook_url = $2 WHERE id = $1`, [copied.tenantId, 'https://crm.example.test/a']);
    await t.sql(`UPDATE tenants SET webhook_url = $2 WHERE id = $1`, [existing.tenantId, kept.url]);
    // As the owner, as migrations run.
    const owner = new DataSource(dataSourceOptions(t.ownerDatabaseUrl));
    await owner.initialize();
    const runner = owner.createQueryRunner();
    try {
      await new WebhookUrlRetired1767577600000().up(runner);
      await new WebhookUrlRetired1767577600000().up(runner);
    } finally {
      await runner.release();
      await owner.destroy();
    }
    const urls = async (tenantId: string) =>
      (await t.sql(`SELECT url, events FROM webhook_endpoints WHERE tenant_id = $1`, [tenantId])).map((r) => r.url);
    expect(await urls(copied.tenantId)).toEqual(['https://crm.example.test/a']);
    expect(await urls(existing.tenantId)).toEqual([kept.url]);
    expect(await urls(none.tenantId)).toEqual([]);
    const column = await t.sql(
      `SELECT 1 FROM information_schema.columns WHERE table_name = 'tenants' AND column_name = 'webhook_url'`,
    );
    expect(column).toHaveLength(0);
  });
});

describe(WebhookClient.name, () => {
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = new Receiver();
    await receiver.start();
  });
  afterAll(() => receiver.stop());

  const now = new Date();

  it('should refuse private and loopback addresses in production, by literal address and by resolved name', async () => {
    const production = new WebhookClient(true);
    const port = new URL(receiver.url).port;
    const before = receiver.received.length;
    for (const url of [
      `${receiver.url}/private`,
      `http://localhost:${port}/private`,
      `http://[::1]:${port}/private`,
      'http://169.254.169.254/latest/meta-data',
      'http://10.1.2.3/hook',
    ]) {
      const result = await production.post(url, '{}', 'secret', now);
      expect({ url, ok: result.ok, status: result.status }).toEqual({ url, ok: false, status: null });
      expect(result.excerpt).toMatch(/^Refused/);
    }
    expect(receiver.received.length).toBe(before);

    const development = await new WebhookClient(false).post(`${receiver.url}/private`, '{}', 'secret', now);
    expect(development).toMatchObject({ ok: true, status: 200 });
  });

  it('should not follow redirects', async () => {
    const result = await new WebhookClient(false).post(`${receiver.url}/redirect`, '{}', 'secret', now);
    expect(result).toMatchObject({ ok: false, status: 302 });
    expect(receiver.on('/redirected')).toHaveLength(0);
  });

  it('should read at most 64 KB of a response', async () => {
    const result = await new WebhookClient(false).post(`${receiver.url}/big`, '{}', 'secret', now);
    expect(result).toMatchObject({ ok: true, status: 200, bytesRead: 64 * 1024 });
    expect(result.excerpt.length).toBe(500);
  });
});
