import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import {
  type CreatedWebhookEndpointDto,
  type WebhookDeliveryDto,
  type WebhookEndpointDto,
  type WebhookEventBody,
} from '@aerostic/shared';
import { Clock } from '../src/common/clock/clock';
import { LegacySecrets } from '../src/integrations/legacy-secrets';
import { WebhookClient } from '../src/integrations/webhook-client';
import { WebhooksController } from '../src/integrations/webhooks.controller';
import { addMember, type Member, registerTenant } from './support/builders';
import { eventually } from './support/eventually';
import { type MailCatcher, startMailCatcher } from './support/mail-catcher';
import { connectNumber, InboundHarness } from './support/inbound-harness';
import { text, webhook } from './support/meta-payloads';
import { createTestApp, type TestApp } from './support/test-app';
import { TestClock } from './support/test-clock';

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

    const hook = await endpoint(admin, '/crm', ['contact.created']);
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
