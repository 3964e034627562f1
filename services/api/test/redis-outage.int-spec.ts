import { type ConversationDto, type OutboundMessageJob, type Page, type RealtimeEvents } from '@aerostic/shared';
import { io } from 'socket.io-client';
import { OutboundQueue } from '../src/messages/outbound-queue';
import { CATCH_UP_EVENT } from '../src/realtime/redis-io.adapter';
import { RealtimeService } from '../src/realtime/realtime.service';
import { type Member, registerTenant } from './support/builders';
import { createPlatformAdmin } from './support/platform-admins';
import { connectNumber, InboundHarness } from './support/inbound-harness';
import { text, webhook } from './support/meta-payloads';
import { type RedisRelay, startRedisRelay } from './support/redis-relay';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The API while Redis is gone (it reaches Redis through a relay that the test takes down and brings back): requests
 * that need Redis answer 503 with Retry-After at once, never 500 or 401, the others keep working, and all work again
 * once it is back.
 */
describe('API during a Redis outage', () => {
  let relay: RedisRelay;
  let t: TestApp;
  let inbound: InboundHarness;
  let admin: Member;
  let conversationId: string;
  let number: Awaited<ReturnType<typeof connectNumber>>;
  let customers = 0;
  let url: string;

  beforeAll(async () => {
    relay = await startRedisRelay();
    t = await createTestApp({ REDIS_URL: relay.url });
    url = await t.listen();
    // The harness stands in for the webhook-worker, which has its own connection: it goes to Redis directly.
    inbound = new InboundHarness({
      ...t,
      config: { ...t.config, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
    });
    await inbound.ready();
    admin = await registerTenant(t, 'Outage Co');
    number = await connectNumber(t, admin);
    await inbound.deliver(webhook(number, { messages: [text(`4915100${++customers}`, 'Are you open?')] }));
    const page = (await t.http().get('/conversations').auth(admin.token, { type: 'bearer' }).expect(200))
      .body as Page<ConversationDto>;
    conversationId = page.data[0]!.id;
  });
  let closed = false;
  afterAll(async () => {
    await relay.up();
    await inbound.close();
    if (!closed) await t.close();
    await relay.close();
  });

  const conversations = () => t.http().get('/conversations').auth(admin.token, { type: 'bearer' }).timeout(15_000);
  const send = (body: string) =>
    t
      .http()
      .post(`/conversations/${conversationId}/messages`)
      .auth(admin.token, { type: 'bearer' })
      .timeout(15_000)
      .send({ type: 'text', text: { body } });

  /**
   * Until the API works again after Redis came back: requests answer, a send is queued, and the inbound consumer
   * processes a webhook (ioredis and BullMQ reconnect on their own, every second at first). A BullMQ worker closed
   * while its connection is still down does not finish closing, so each test ends here.
   */
  async function recovered(): Promise<void> {
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 200));
      status = (await conversations()).status;
    }
    expect(status).toBe(200);
    // The queue's connection may come back a moment after the API's own; until then a send answers 503.
    let sent = 0;
    for (let attempt = 0; attempt < 50 && sent !== 201; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 200));
      sent = (await send('after the outage')).status;
    }
    expect(sent).toBe(201);
    await inbound.deliver(webhook(number, { messages: [text(`4915100${++customers}`, 'Back again')] }));
  }

  it('should keep reads and the live inbox working, answer 503 with Retry-After where Redis is needed, and recover', async () => {
    await relay.down();
    // Sessions and revocations are checked in PostgreSQL and memory: reading the inbox needs no Redis.
    expect((await conversations()).status).toBe(200);

    // Sign-in cannot skip its attempt counters.
    const login = await t
      .http()
      .post('/auth/login')
      .timeout(15_000)
      .send({ email: admin.email, password: admin.password });
    expect(login.status).toBe(503);
    expect(login.headers['retry-after']).toBe('5');
    expect(login.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
    expect(login.body.message).toMatch(/briefly unavailable/);

    const sent = await send('during the outage');
    expect(sent.status).toBe(503);

    // The live inbox's handshake is checked as a request is: it is accepted.
    const socket = io(url, { transports: ['websocket'], reconnection: false, auth: { token: admin.token } });
    try {
      const verdict = await new Promise<string>((resolve) => {
        socket.once('connect', () => resolve('connected'));
        socket.once('unavailable', () => resolve('unavailable'));
        socket.once('unauthorized', () => resolve('unauthorized'));
      });
      expect(verdict).toBe('connected');
    } finally {
      socket.disconnect();
    }

    await relay.up();
    await recovered();
  });

  it('should refuse a job at once when Redis drops between the request’s checks and the add', async () => {
    const queue = t.app.get(OutboundQueue);
    const job = (messageId: string): OutboundMessageJob => ({
      messageId,
      tenantId: admin.tenantId,
      whatsappAccountId: '00000000-0000-4000-8000-000000000000',
      phoneNumberId: '1',
      messagesPerSecond: 80,
      accessTokenSealed: 'sealed',
      body: { messaging_product: 'whatsapp', recipient_type: 'individual', to: '1', type: 'text', text: { body: 'x' } },
    });
    await queue.send(job('00000000-0000-4000-8000-000000000001'));
    await relay.down();
    // With BullMQ's offline queue this would wait for Redis to return (the test would time out).
    await expect(queue.send(job('00000000-0000-4000-8000-000000000002'))).rejects.toThrow();
    await relay.up();
    await recovered();
  });

  it('should keep running when broadcasts meet the outage, broadcast again and tell agents to catch up once Redis is back', async () => {
    const socket = io(url, { transports: ['websocket'], reconnection: false, auth: { token: admin.token } });
    const events: string[] = [];
    socket.on('template.updated', (payload: RealtimeEvents['template.updated']) => events.push(payload.status));
    // Agents of other instances missed this instance's broadcasts (and this one's missed theirs) meanwhile.
    let catchUps = 0;
    socket.on(CATCH_UP_EVENT, () => catchUps++);
    const broadcast = (status: string) =>
      t.app.get(RealtimeService).emit(admin.tenantId, 'template.updated', {
        metaTemplateId: '1',
        wabaId: number.wabaId,
        status,
        rejectedReason: null,
      });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      // The room is joined once the handshake is checked.
      for (let attempt = 0; attempt < 50 && events.length === 0; attempt++) {
        broadcast('before');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(events[0]).toBe('before');
      expect(catchUps).toBe(0);

      await relay.down();
      broadcast('during');
      // Longer than the publisher holds a broadcast (three reconnection attempts): its failure must not end the
      // process (Jest fails the test on an unhandled rejection). This instance's own agent got the event anyway.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(events).toContain('during');

      await relay.up();
      await recovered();
      const count = events.length;
      broadcast('after');
      for (let attempt = 0; attempt < 50 && events.length === count; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(events.at(-1)).toBe('after');
      // Once both of the adapter's clients are back, which may be a moment after the API's own.
      for (let attempt = 0; attempt < 50 && catchUps === 0; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(catchUps).toBe(1);
    } finally {
      socket.disconnect();
    }
  });

  it('should refuse a suspension with 503 and change nothing while Redis is down', async () => {
    const platformAdmin = await createPlatformAdmin(t, 'admin');
    const target = await registerTenant(t, 'Suspended During Outage Co');
    const suspend = () =>
      t
        .http()
        .post(`/admin/tenants/${target.tenantId}/suspend`)
        .auth(platformAdmin.token, { type: 'bearer' })
        .timeout(15_000)
        .send({ reason: 'Chargebacks under review' });

    await relay.down();
    // The message-worker learns of a suspension through Redis: without it the suspension would not stop sends.
    const refused = await suspend();
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    await relay.up();
    await recovered();

    const audited = await t.sql(`SELECT 1 FROM audit_logs WHERE tenant_id = $1 AND action = 'tenant.suspended'`, [
      target.tenantId,
    ]);
    expect(audited).toEqual([]);
    expect((await t.http().get('/conversations').auth(target.token, { type: 'bearer' })).status).toBe(200);
    expect((await suspend()).status).toBe(200);
  });

  it('should shut down within the queues’ grace while Redis is down', async () => {
    await relay.down();
    const started = Date.now();
    closed = true;
    await t.close();
    // Each BullMQ worker is given 5 s; nothing may hang or end the process with an unhandled rejection.
    expect(Date.now() - started).toBeLessThan(20_000);
    // Unawaited commands of the Socket.IO adapter (unsubscribes) fail after their retries: wait that long.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
  }, 40_000);
});
