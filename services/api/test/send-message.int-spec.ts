import {
  type ConversationDto,
  type MessageDto,
  type OutboundMessageJob,
  type Page,
  QUEUES,
  type SendResultJob,
  SPAM_COOL_OFF,
  type TenantLimitsDto,
} from '@aerostic/shared';
import { pacerKeysOf } from '@aerostic/shared/node';
import { QueueProducer } from '@aerostic/shared/node';
import { Queue, QueueEvents } from 'bullmq';
import { type Redis } from 'ioredis';
import { REDIS } from '../src/common/redis/redis.module';
import { queueOptions } from '../src/common/queue/queue-connection';
import { MessagesService } from '../src/messages/messages.service';
import { SendMessageService } from '../src/messages/send-message.service';
import { SecretBox } from '../src/common/crypto/secret-box';
import { type Member, registerTenant } from './support/builders';
import { connectNumber, InboundHarness } from './support/inbound-harness';
import { limitReached, setTenantLimits } from './support/limits';
import { createPlatformAdmin, type PlatformAdminAccount } from './support/platform-admins';
import { message, newWamid, status, text, webhook, type Number } from './support/meta-payloads';
import { stalledWrite } from './support/stalled-write';
import { createTestApp, type TestApp } from './support/test-app';
import { TenantScope } from '../src/database/tenant-scope';

describe(SendMessageService.name, () => {
  let t: TestApp;
  let inbound: InboundHarness;
  let outbound: Queue<OutboundMessageJob>;
  let results: QueueProducer<typeof QUEUES.sendResults>;
  let resultEvents: QueueEvents;
  let admin: Member;
  let number: Number & { id: string };
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp();
    inbound = new InboundHarness(t);
    outbound = new Queue(QUEUES.outboundMessages.name, queueOptions(t.config));
    results = new QueueProducer(QUEUES.sendResults, queueOptions(t.config));
    resultEvents = new QueueEvents(QUEUES.sendResults.name, queueOptions(t.config));
    await Promise.all([inbound.ready(), resultEvents.waitUntilReady()]);
    admin = await registerTenant(t, 'Sender Co');
    number = await connectNumber(t, admin, 'EAAG-sender-token');
  });
  afterAll(async () => {
    await Promise.all([inbound.close(), outbound.close(), results.close(), resultEvents.close()]);
    await t.close();
  });

  /** A conversation whose customer wrote `minutesAgo` minutes ago. */
  async function conversation(minutesAgo = 1): Promise<{ id: string; waId: string; lastWamid: string }> {
    const waId = `49151000${String(++seq).padStart(4, '0')}`;
    const msg = text(waId, 'Hi there', { timestamp: String(Math.floor(Date.now() / 1000) - minutesAgo * 60) });
    await inbound.deliver(webhook(number, { messages: [msg] }));
    const page = (await t.http().get(`/conversations?search=${waId}`).auth(admin.token, { type: 'bearer' }).expect(200))
      .body as Page<ConversationDto>;
    return { id: page.data[0]!.id, waId, lastWamid: msg.id };
  }

  const send = (conversationId: string, body: object, headers: Record<string, string> = {}) =>
    t
      .http()
      .post(`/conversations/${conversationId}/messages`)
      .auth(admin.token, { type: 'bearer' })
      .set(headers)
      .send(body);

  /** Sends a text the API accepts (201) and answers the stored message. */
  const sendText = async (conversationId: string, body: string) =>
    (await send(conversationId, { type: 'text', text: { body } }).expect(201)).body as MessageDto;

  /** The message-worker's report of a send, as it queues it; resolves once the API has processed it. */
  const sendResult = async (result: SendResultJob) =>
    (await results.add(QUEUES.sendResults.jobs.result, result)).waitUntilFinished(resultEvents, 10_000);

  async function lastMessageId(conversationId: string): Promise<string> {
    const [row] = await t.sql(
      `SELECT id FROM messages WHERE conversation_id = $1 AND direction = 'inbound' ORDER BY created_at DESC LIMIT 1`,
      [conversationId],
    );
    return String(row?.id);
  }

  it('should store the message as queued and queue one job with the body Meta expects', async () => {
    const c = await conversation();
    const res = await send(c.id, { type: 'text', text: { body: 'Yes, we ship to Lisbon', preview_url: false } }).expect(
      201,
    );
    const message = res.body as MessageDto;
    expect(message).toMatchObject({
      direction: 'outbound',
      type: 'text',
      status: 'queued',
      wamid: null,
      content: { text: { body: 'Yes, we ship to Lisbon' } },
      version: 1,
    });

    const job = await outbound.getJob(message.id);
    expect(job?.data).toMatchObject({
      messageId: message.id,
      phoneNumberId: number.phoneNumberId,
      messagesPerSecond: 80,
      body: {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: c.waId,
        type: 'text',
        text: { body: 'Yes, we ship to Lisbon', preview_url: false },
      },
    });
    expect(JSON.stringify(job?.data)).not.toContain('EAAG-sender-token');
    expect(t.app.get(SecretBox).open(job!.data.accessTokenSealed, job!.data.whatsappAccountId)).toBe(
      'EAAG-sender-token',
    );
  });

  it('should answer the first message when a request is retried with the same Idempotency-Key', async () => {
    const c = await conversation();
    const body = { type: 'text', text: { body: 'Only once' } };
    const [a, b] = await Promise.all([
      send(c.id, body, { 'Idempotency-Key': 'retry-1' }),
      send(c.id, body, { 'Idempotency-Key': 'retry-1' }),
    ]);
    const third = await send(c.id, body, { 'Idempotency-Key': 'retry-1' });
    expect(new Set([a.body.id, b.body.id, third.body.id]).size).toBe(1);
    const rows = await t.sql(
      `SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1 AND direction = 'outbound'`,
      [c.id],
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('should queue a message on its retry when the first request stored it but died before queuing it', async () => {
    const c = await conversation();
    const body = { type: 'text', text: { body: 'Stranded' } };
    const first = (await send(c.id, body, { 'Idempotency-Key': 'stranded-1' }).expect(201)).body as MessageDto;
    const job = await outbound.getJob(first.id);
    const original = job!.data;
    // What the API killed between the commit and the queue leaves behind: the queued message, and no job.
    await job!.remove();

    const retry = await send(c.id, body, { 'Idempotency-Key': 'stranded-1' }).expect(201);

    expect(retry.body.id).toBe(first.id);
    expect((await outbound.getJob(first.id))?.data).toEqual(original);
  });

  it('should queue nothing again on a retry once Meta accepted the message, its result job long gone', async () => {
    const c = await conversation();
    const body = { type: 'text', text: { body: 'Sent already' } };
    const first = (await send(c.id, body, { 'Idempotency-Key': 'reported-1' }).expect(201)).body as MessageDto;
    await (await outbound.getJob(first.id))!.remove();
    const wamid = newWamid();
    await sendResult({ messageId: first.id, tenantId: admin.tenantId, outcome: 'accepted', wamid });
    await results.queue.remove(`${first.id}-result`);

    const retry = await send(c.id, body, { 'Idempotency-Key': 'reported-1' }).expect(201);

    expect(retry.body.id).toBe(first.id);
    expect(await outbound.getJob(first.id)).toBeUndefined();
    const [row] = await t.sql(`SELECT wamid FROM messages WHERE id = $1`, [first.id]);
    expect(row).toEqual({ wamid });
  });

  it('should refuse free-form messages and point to templates when the 24-hour window has closed', async () => {
    const c = await conversation(25 * 60);
    const res = await send(c.id, { type: 'text', text: { body: 'Still there?' } }).expect(422);
    expect((res.body as { message: string }).message).toMatch(/24 hours.*template/);
    expect(await outbound.getJobCounts('waiting')).toBeDefined();
  });

  it('should send only an approved template, and no marketing template to a contact who opted out', async () => {
    const c = await conversation(25 * 60);
    const template = {
      type: 'template',
      template: {
        name: 'order_update',
        language: { code: 'en_US' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: 'Mark' }] }],
      },
    };
    await send(c.id, template).expect(422);
    await t.sql(
      `INSERT INTO templates (tenant_id, waba_id, meta_template_id, name, language, category, status) VALUES ($1, $2, 't-1', 'order_update', 'en_US', 'UTILITY', 'PENDING'),
       ($1, $2, 't-2', 'summer_sale', 'en_US', 'MARKETING', 'APPROVED')`,
      [admin.tenantId, number.wabaId],
    );
    const pending = await send(c.id, template).expect(422);
    expect(pending.body).toMatchObject({ fields: { 'template.name': expect.any(String) } });
    await t.sql(`UPDATE templates SET status = 'APPROVED' WHERE meta_template_id = 't-1'`);
    await send(c.id, template).expect(201);

    // The customer stopped marketing messages on WhatsApp (user_preferences).
    await t.sql(
      `UPDATE contacts SET marketing_consent = 'opted_out', marketing_consent_at = now(),
         marketing_consent_source = 'whatsapp' WHERE wa_id = $1`,
      [c.waId],
    );
    const stored = async () =>
      Number((await t.sql(`SELECT count(*) AS n FROM messages WHERE conversation_id = $1`, [c.id]))[0]?.n);
    const before = await stored();
    const summerSale = { type: 'template', template: { name: 'summer_sale', language: { code: 'en_US' } } };
    const marketing = await send(c.id, summerSale).expect(422);
    expect(marketing.body).toMatchObject({
      error: 'marketing_opted_out',
      message: expect.stringMatching(/opted out of marketing messages on WhatsApp/),
      fields: { 'template.name': expect.any(String) },
    });
    expect(await stored()).toBe(before);
    await send(c.id, template).expect(201);

    const [contact] = await t.sql(`SELECT id FROM contacts WHERE tenant_id = $1 AND wa_id = $2`, [
      admin.tenantId,
      c.waId,
    ]);
    await t
      .http()
      .patch(`/contacts/${String(contact?.id)}`)
      .auth(admin.token, { type: 'bearer' })
      .send({ marketingConsent: 'granted' })
      .expect(200);
    await send(c.id, summerSale).expect(201);
  });

  it('should check Meta’s interactive limits and name the field', async () => {
    const c = await conversation();
    const buttons = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ type: 'reply', reply: { id: `b${i}`, title: `Option ${i}` } }));
    const tooMany = await send(c.id, {
      type: 'interactive',
      interactive: { type: 'button', body: { text: 'Pick one' }, action: { buttons: buttons(4) } },
    }).expect(400);
    expect(JSON.stringify(tooMany.body.fields)).toMatch(/interactive\.action\.buttons/);
    const longTitle = await send(c.id, {
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Pick' },
        action: { buttons: [{ type: 'reply', reply: { id: 'x', title: 'A title that is far too long' } }] },
      },
    }).expect(400);
    expect(JSON.stringify(longTitle.body.fields)).toMatch(/title/);
    await send(c.id, {
      type: 'interactive',
      interactive: { type: 'button', body: { text: 'Pick one' }, action: { buttons: buttons(3) } },
    }).expect(201);
    await send(c.id, { type: 'image', image: { link: 'http://insecure.example/x.jpg' } }).expect(400);
  });

  it('should turn a quoted reply and a reaction into Meta’s wamids', async () => {
    const c = await conversation();
    const target = await lastMessageId(c.id);
    const reply = (
      await send(c.id, { type: 'text', text: { body: 'About that:' }, replyToMessageId: target }).expect(201)
    ).body as MessageDto;
    expect((await outbound.getJob(reply.id))?.data.body).toMatchObject({ context: { message_id: c.lastWamid } });
    const reaction = (await send(c.id, { type: 'reaction', reaction: { messageId: target, emoji: '👍' } }).expect(201))
      .body as MessageDto;
    expect((await outbound.getJob(reaction.id))?.data.body).toMatchObject({
      type: 'reaction',
      reaction: { message_id: c.lastWamid, emoji: '👍' },
    });
    await send(c.id, { type: 'reaction', reaction: { messageId: reply.id, emoji: '👍' } }).expect(400);
  });

  it('should link the wamid from the send result and apply a status and a reaction that arrived before it', async () => {
    const c = await conversation();
    const sent = await sendText(c.id, 'Tracking number 123');
    const wamid = `wamid.sent-${sent.id}`;
    // A backlog of send results: the customer got the message and reacted before the API learnt its wamid.
    const reaction = message(c.waId, 'reaction', { reaction: { message_id: wamid, emoji: '🎉' } });
    await inbound.deliver(webhook(number, { messages: [reaction], statuses: [status(wamid, 'delivered', c.waId)] }));
    await sendResult({ messageId: sent.id, tenantId: admin.tenantId, outcome: 'accepted', wamid });

    const [row] = await t.sql(`SELECT wamid, status, reactions FROM messages WHERE id = $1`, [sent.id]);
    expect(row).toEqual({ wamid, status: 'delivered', reactions: { customer: '🎉' } });
  });

  it('should give a sent message a reaction stored while its send result was being written', async () => {
    const c = await conversation();
    const sent = await sendText(c.id, 'Table for two at 8');
    const wamid = `wamid.racing-${sent.id}`;
    const reaction = message(c.waId, 'reaction', { reaction: { message_id: wamid, emoji: '👌' } });

    // The message is locked, so the link computes its reaction (none yet) and then waits uncommitted; meanwhile the
    // reaction is stored and finds no message with that wamid.
    await stalledWrite(t, {
      hold: [`SELECT id FROM messages WHERE id = $1 FOR UPDATE`, [sent.id]],
      write: () => sendResult({ messageId: sent.id, tenantId: admin.tenantId, outcome: 'accepted', wamid }),
      waitsIn: 'SET wamid = x.wamid',
      meanwhile: () => inbound.deliver(webhook(number, { messages: [reaction] })),
    });

    const [row] = await t.sql(`SELECT wamid, reactions FROM messages WHERE id = $1`, [sent.id]);
    expect(row).toEqual({ wamid, reactions: { customer: '👌' } });
  });

  it('should record a batch of results at once: wamids linked, failures with their reasons, a repeat changing nothing', async () => {
    const c = await conversation();
    const [first, second, third] = [
      await sendText(c.id, 'One'),
      await sendText(c.id, 'Two'),
      await sendText(c.id, 'Three'),
    ];
    const error = { code: 131026, title: 'Message undeliverable', details: null };
    const batch: SendResultJob[] = [
      { messageId: first.id, tenantId: admin.tenantId, outcome: 'accepted', wamid: `wamid.batch-${first.id}` },
      { messageId: second.id, tenantId: admin.tenantId, outcome: 'failed', error },
      { messageId: third.id, tenantId: admin.tenantId, outcome: 'accepted', wamid: `wamid.batch-${third.id}` },
    ];
    const service = t.app.get(MessagesService);
    // As the send-results consumer calls it: batches span tenants.
    const messages = {
      recordSendResults: (...args: Parameters<MessagesService['recordSendResults']>) =>
        TenantScope.acrossTenants('send-results', () => service.recordSendResults(...args)),
    };
    await messages.recordSendResults(batch);
    // A redelivered batch, and a later result for a message that already has its wamid, change nothing.
    await messages.recordSendResults([
      ...batch,
      { messageId: first.id, tenantId: admin.tenantId, outcome: 'accepted', wamid: 'wamid.other' },
    ]);

    const rows = await t.sql(`SELECT id, wamid, status, error FROM messages WHERE id = ANY($1) ORDER BY created_at`, [
      [first.id, second.id, third.id],
    ]);
    expect(rows).toEqual([
      { id: first.id, wamid: `wamid.batch-${first.id}`, status: 'queued', error: null },
      { id: second.id, wamid: null, status: 'failed', error },
      { id: third.id, wamid: `wamid.batch-${third.id}`, status: 'queued', error: null },
    ]);
  });

  it('should slow the number down when Meta reports the spam rate limit only in a failed status', async () => {
    const c = await conversation();
    const redis = t.app.get<Redis>(REDIS);
    const slowdownKey = pacerKeysOf(number.phoneNumberId).slowdown;
    const accepted = async (body: string) => {
      const message = await sendText(c.id, body);
      const wamid = `wamid.spam-${message.id}`;
      await sendResult({ messageId: message.id, tenantId: admin.tenantId, outcome: 'accepted', wamid });
      return { id: message.id, wamid };
    };
    const spamError = { code: 131048, title: 'Spam rate limit hit', error_data: { details: 'Too many blocked' } };
    const failedAt = (wamid: string, secondsAgo: number) =>
      status(wamid, 'failed', c.waId, {
        timestamp: String(Math.floor(Date.now() / 1000) - secondsAgo),
        errors: [spamError],
      });

    // Another failure code leaves the pace alone.
    const undeliverable = await accepted('Undeliverable');
    await inbound.deliver(
      webhook(number, {
        statuses: [
          status(undeliverable.wamid, 'failed', c.waId, { errors: [{ code: 131026, title: 'Message undeliverable' }] }),
        ],
      }),
    );
    expect(await redis.get(slowdownKey)).toBeNull();

    // A report older than the cool-off is history: nothing to slow down any more.
    const old = await accepted('Old news');
    await inbound.deliver(webhook(number, { statuses: [failedAt(old.wamid, SPAM_COOL_OFF.durationMs / 1000 + 60)] }));
    expect(await redis.get(slowdownKey)).toBeNull();

    const flagged = await accepted('Flagged');
    const report = failedAt(flagged.wamid, 600);
    await inbound.deliver(webhook(number, { statuses: [report] }));
    const [row] = await t.sql(`SELECT status, error FROM messages WHERE id = $1`, [flagged.id]);
    expect(row).toEqual({
      status: 'failed',
      error: { code: 131048, title: 'Spam rate limit hit', details: 'Too many blocked' },
    });
    // The cool-off runs from Meta's timestamp: ten minutes of the hour are gone.
    expect(await redis.get(slowdownKey)).toBe(String(SPAM_COOL_OFF.factor));
    const left = await redis.pttl(slowdownKey);
    expect(left).toBeLessThanOrEqual(SPAM_COOL_OFF.durationMs - 600_000);
    expect(left).toBeGreaterThan(SPAM_COOL_OFF.durationMs - 600_000 - 30_000);

    // Redelivered, the same report changes nothing; an older one never shortens the cool-off.
    await inbound.deliver(webhook(number, { statuses: [report, failedAt(old.wamid, 1200)] }));
    expect(await redis.pttl(slowdownKey)).toBeGreaterThan(left - 30_000);
    expect(await redis.pttl(slowdownKey)).toBeLessThanOrEqual(left);
  });

  it('should still send through a number whose token is expiring or not checked yet', async () => {
    const c = await conversation();
    try {
      for (const tokenStatus of ['expiring', 'unknown']) {
        await t.sql(`UPDATE whatsapp_accounts SET token_status = $2 WHERE id = $1`, [number.id, tokenStatus]);
        const message = await sendText(c.id, `Sent while the token is ${tokenStatus}`);
        expect(await outbound.getJob(message.id)).toBeDefined();
      }
    } finally {
      await t.sql(`UPDATE whatsapp_accounts SET token_status = 'valid' WHERE id = $1`, [number.id]);
    }
  });

  it('should show Meta’s reason when a send fails, and mark the number when its token is refused', async () => {
    const c = await conversation();
    const message = await sendText(c.id, 'Hello');
    const error = { code: 131026, title: 'Message undeliverable', details: 'The recipient is not on WhatsApp' };
    await sendResult({ messageId: message.id, tenantId: admin.tenantId, outcome: 'failed', error });
    const [row] = await t.sql(`SELECT status, error FROM messages WHERE id = $1`, [message.id]);
    expect(row).toEqual({ status: 'failed', error });

    const second = await sendText(c.id, 'Hello again');
    const tokenError = { code: 190, title: 'Invalid OAuth access token', details: null };
    await sendResult({ messageId: second.id, tenantId: admin.tenantId, outcome: 'token-invalid', error: tokenError });
    const account = (
      await t.http().get(`/whatsapp/accounts/${number.id}`).auth(admin.token, { type: 'bearer' }).expect(200)
    ).body as { tokenStatus: string };
    expect(account.tokenStatus).toBe('invalid');
    const refused = await send(c.id, { type: 'text', text: { body: 'And again' } }).expect(422);
    expect((refused.body as { message: string }).message).toMatch(/reconnect/);
  });

  describe('limits', () => {
    let superAdmin: PlatformAdminAccount;
    let owner: Member;
    let ownerNumber: Number & { id: string };

    beforeAll(async () => {
      superAdmin = await createPlatformAdmin(t);
      owner = await registerTenant(t, 'Metered Co');
      ownerNumber = await connectNumber(t, owner);
    });
    beforeEach(async () => {
      await setTenantLimits(t, superAdmin, owner.tenantId, {});
    });

    /** A conversation of the metered workspace whose customer just wrote. */
    async function meteredConversation(): Promise<string> {
      const waId = `49152000${String(++seq).padStart(4, '0')}`;
      await inbound.deliver(webhook(ownerNumber, { messages: [text(waId, 'Hello')] }));
      const [row] = await t.sql(
        `SELECT c.id FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.tenant_id = $1 AND k.wa_id = $2`,
        [owner.tenantId, waId],
      );
      return String(row?.id);
    }

    const ownerSend = (conversationId: string, body: string, headers: Record<string, string> = {}) =>
      t
        .http()
        .post(`/conversations/${conversationId}/messages`)
        .auth(owner.token, { type: 'bearer' })
        .set(headers)
        .send({ type: 'text', text: { body } });

    const usage = async () =>
      (
        (await t.http().get(`/admin/tenants/${owner.tenantId}/limits`).auth(superAdmin.token, { type: 'bearer' }))
          .body as TenantLimitsDto
      ).usage.outboundMessagesPerMonth;

    const monthReached = (max: number) =>
      `Your workspace has reached its limit of ${max} outbound messages a month. Wait for the new month (the count restarts on the 1st, in the workspace’s time zone), or ask Aerostic support to raise the limit.`;

    it('should answer 402 and queue nothing when the month’s outbound messages reach the limit, and send once raised', async () => {
      const c = await meteredConversation();
      await ownerSend(c, 'One').expect(201);
      await ownerSend(c, 'Two').expect(201);
      await setTenantLimits(t, superAdmin, owner.tenantId, { outboundMessagesPerMonth: 3 });
      await ownerSend(c, 'Three').expect(201);
      const queued = await outbound.getJobCounts('waiting', 'delayed', 'prioritized');

      const refused = await ownerSend(c, 'Four').expect(402);

      expect(refused.body).toEqual(limitReached('outboundMessagesPerMonth', 3, 3, monthReached(3)));
      expect(await outbound.getJobCounts('waiting', 'delayed', 'prioritized')).toEqual(queued);
      expect(await usage()).toBe(3);
      await setTenantLimits(t, superAdmin, owner.tenantId, { outboundMessagesPerMonth: 4 });
      await ownerSend(c, 'Four').expect(201);
      expect(await usage()).toBe(4);
    });

    it('should count a send once however often it is retried, with its Idempotency-Key or as a redelivered job', async () => {
      const c = await meteredConversation();
      const before = await usage();
      await setTenantLimits(t, superAdmin, owner.tenantId, { outboundMessagesPerMonth: before + 1 });

      // One send left: the same request twice at once takes it once, and both answer its message.
      const concurrent = await Promise.all([
        ownerSend(c, 'Once', { 'Idempotency-Key': 'metered-1' }),
        ownerSend(c, 'Once', { 'Idempotency-Key': 'metered-1' }),
      ]);
      const first = concurrent[0]!.body as MessageDto;
      const retries = [...concurrent, await ownerSend(c, 'Once', { 'Idempotency-Key': 'metered-1' })];
      // The message-worker's job retried after its report: the same result arrives twice.
      const result = { messageId: first.id, tenantId: owner.tenantId, outcome: 'accepted', wamid: newWamid() } as const;
      await sendResult(result);
      await sendResult(result);

      expect(retries.map((r) => [r.status, (r.body as MessageDto).id])).toEqual([
        [201, first.id],
        [201, first.id],
        [201, first.id],
      ]);
      expect(await usage()).toBe(before + 1);
      await ownerSend(c, 'Another', { 'Idempotency-Key': 'metered-2' }).expect(402);
    });

    it('should count only this calendar month’s outbound messages', async () => {
      const c = await meteredConversation();
      const sent = (await ownerSend(c, 'Before the month turned').expect(201)).body as MessageDto;
      const before = await usage();
      await setTenantLimits(t, superAdmin, owner.tenantId, { outboundMessagesPerMonth: before });
      await ownerSend(c, 'Over the limit').expect(402);

      await t.sql(
        `UPDATE messages SET created_at = date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '1 second'
         WHERE id = $1`,
        [sent.id],
      );

      expect(await usage()).toBe(before - 1);
      await ownerSend(c, 'Fits again').expect(201);
    });

    it('should store a customer’s message from a new number when the workspace is at its contact limit', async () => {
      const [row] = await t.sql(`SELECT count(*)::int AS n FROM contacts WHERE tenant_id = $1`, [owner.tenantId]);
      await setTenantLimits(t, superAdmin, owner.tenantId, { contacts: Number(row?.n) });

      const c = await meteredConversation();

      expect(c).toMatch(/^[0-9a-f-]{36}$/);
      const limits = (
        await t.http().get(`/admin/tenants/${owner.tenantId}/limits`).auth(superAdmin.token, { type: 'bearer' })
      ).body as TenantLimitsDto;
      expect(limits.usage.contacts).toBe(Number(row?.n) + 1);
    });
  });

  it('should answer 404 when another tenant sends into the conversation', async () => {
    const c = await conversation();
    const other = await registerTenant(t, 'Intruder Co');
    await t
      .http()
      .post(`/conversations/${c.id}/messages`)
      .auth(other.token, { type: 'bearer' })
      .send({ type: 'text', text: { body: 'x' } })
      .expect(404);
  });
});
