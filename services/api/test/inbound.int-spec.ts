import { type ConversationDto, mediaDownloadJobId, type MessageDto, type Page, QUEUES } from '@aerostic/shared';
import { Queue } from 'bullmq';
import { type Redis } from 'ioredis';
import { queueOptions } from '../src/common/queue/queue-connection';
import { REDIS } from '../src/common/redis/redis.module';
import { ContactsService } from '../src/contacts/contacts.service';
import { TenantScope } from '../src/database/tenant-scope';
import { threadKey } from '../src/conversations/conversation.repository';
import { ConversationsService } from '../src/conversations/conversations.service';
import { InboundService } from '../src/inbound/inbound.service';
import { MessageRepository } from '../src/messages/message.repository';
import { registerTenant, type Member } from './support/builders';
import { connectNumber, InboundHarness } from './support/inbound-harness';
import {
  envelope,
  message,
  messagesChange,
  type MetaMessage,
  newWamid,
  status,
  text,
  webhook,
  type Number,
} from './support/meta-payloads';
import { stalledWrite } from './support/stalled-write';
import { createTestApp, type TestApp } from './support/test-app';

describe(InboundService.name, () => {
  let t: TestApp;
  let inbound: InboundHarness;
  let admin: Member;
  let number: Number & { id: string };
  let mediaJobs: Queue;

  beforeAll(async () => {
    t = await createTestApp();
    inbound = new InboundHarness(t);
    mediaJobs = new Queue(QUEUES.mediaDownloads.name, queueOptions(t.config));
    await inbound.ready();
    admin = await registerTenant(t, 'Inbound Co');
    number = await connectNumber(t, admin);
  });
  afterAll(async () => {
    await Promise.all([inbound.close(), mediaJobs.close()]);
    await t.close();
  });

  // Sequential, not random: two tests must never share a customer by chance.
  let seq = 0;
  const customer = () => `4477009${String(++seq).padStart(5, '0')}`;
  const get = <T>(path: string) =>
    t
      .http()
      .get(path)
      .auth(admin.token, { type: 'bearer' })
      .expect(200)
      .then((r) => r.body as T);

  async function conversationOf(waId: string): Promise<ConversationDto> {
    const page = await get<Page<ConversationDto>>(`/conversations?search=${waId}`);
    expect(page.data).toHaveLength(1);
    return page.data[0]!;
  }

  async function messagesOf(waId: string): Promise<MessageDto[]> {
    const conversation = await conversationOf(waId);
    return (await get<Page<MessageDto>>(`/conversations/${conversation.id}/messages?limit=200`)).data;
  }

  it('should store a text message with its contact and open conversation when a customer writes', async () => {
    const from = customer();
    const msg = text(from, 'Hello, do you ship to Lisbon?');
    await inbound.deliver(webhook(number, { messages: [msg], names: { [from]: 'Sheena Nelson' } }));

    const conversation = await conversationOf(from);
    expect(conversation).toMatchObject({
      status: 'open',
      assigneeId: null,
      unreadCount: 1,
      lastMessagePreview: 'Hello, do you ship to Lisbon?',
      whatsappAccountId: number.id,
      contact: { waId: from, profileName: 'Sheena Nelson', displayName: 'Sheena Nelson' },
      window: { open: true },
    });
    const [stored] = await messagesOf(from);
    expect(stored).toMatchObject({
      conversationId: conversation.id,
      direction: 'inbound',
      type: 'text',
      content: { text: { body: 'Hello, do you ship to Lisbon?' } },
      status: 'received',
      wamid: msg.id,
      error: null,
      createdAt: expect.any(String),
    });
  });

  it('should store every message type of Meta’s catalogue in full', async () => {
    const from = customer();
    // The system message moves the contact to its new number (docs/adr/0113): the thread is found by that one.
    const renumbered = customer();
    const quoted = newWamid();
    const messages = [
      message(from, 'image', {
        image: { caption: 'Taj Mahal', mime_type: 'image/jpeg', sha256: 'abc=', id: '1003383421387256' },
      }),
      message(from, 'audio', {
        audio: { mime_type: 'audio/ogg; codecs=opus', sha256: 'm04p', id: '123', voice: true },
      }),
      message(from, 'video', { video: { mime_type: 'video/mp4', sha256: 'v', id: '124', caption: 'clip' } }),
      message(from, 'document', {
        document: { filename: 'invoice.pdf', mime_type: 'application/pdf', sha256: 'd', id: '125' },
      }),
      message(from, 'sticker', { sticker: { mime_type: 'image/webp', sha256: 's', id: '126', animated: false } }),
      message(from, 'location', {
        location: { latitude: 37.44, longitude: -122.16, name: 'Philz Coffee', address: '101 Forest Ave' },
      }),
      message(from, 'contacts', {
        contacts: [
          { name: { formatted_name: 'Lucía Gómez' }, phones: [{ phone: '+1 983 555 2319', wa_id: '19835552319' }] },
        ],
      }),
      message(
        from,
        'interactive',
        { interactive: { type: 'button_reply', button_reply: { id: 'cancel-button', title: 'Cancel' } } },
        { context: { from: number.displayPhoneNumber, id: quoted } },
      ),
      message(from, 'interactive', {
        interactive: {
          type: 'list_reply',
          list_reply: { id: 'priority_express', title: 'Priority Mail Express', description: 'Next Day' },
        },
      }),
      message(
        from,
        'button',
        { button: { payload: 'Unsubscribe', text: 'Unsubscribe' } },
        { context: { from: number.displayPhoneNumber, id: quoted } },
      ),
      text(from, 'Replying to you', { context: { from: number.displayPhoneNumber, id: quoted } }),
      text(from, 'Hello! Can I get more info on this?', {
        referral: {
          source_url: 'https://fb.me/3cr4Wqqkv',
          source_id: '120226305854810726',
          source_type: 'ad',
          headline: 'Chat with us',
          ctwa_clid: 'Aff-n8ZT',
        },
      }),
      message(from, 'system', {
        system: { body: 'User changed number', wa_id: renumbered, type: 'user_changed_number' },
      }),
      message(from, 'unsupported', {
        errors: [
          {
            code: 131051,
            title: 'Message type unknown',
            message: 'Message type unknown',
            error_data: { details: 'Message type is currently not supported.' },
          },
        ],
        unsupported: { type: 'poll' },
      }),
      message(from, 'order', {
        order: {
          catalog_id: 'c1',
          product_items: [{ product_retailer_id: 'sku-1', quantity: 2, item_price: 10, currency: 'EUR' }],
        },
      }),
    ];
    await inbound.deliver(webhook(number, { messages }));

    const stored = await messagesOf(renumbered);
    expect(stored).toHaveLength(messages.length);
    const byWamid = new Map(stored.map((m) => [m.wamid, m]));
    for (const sent of messages) {
      const { from: _f, id, timestamp: _ts, type, ...content } = sent;
      expect(byWamid.get(id)).toMatchObject({ type, content, direction: 'inbound' });
    }
    expect(byWamid.get(messages[7]!.id)?.replyToWamid).toBe(quoted);
    expect(byWamid.get(messages[13]!.id)?.error).toEqual({
      code: 131051,
      title: 'Message type unknown',
      details: 'Message type is currently not supported.',
    });
    expect(await conversationOf(renumbered)).toMatchObject({
      unreadCount: messages.length,
      contact: { waId: renumbered },
    });
  });

  it('should attach a reaction to the message it reacts to, and remove it when the emoji is empty', async () => {
    const from = customer();
    const target = text(from, 'Order #42 is late');
    await inbound.deliver(webhook(number, { messages: [target] }));
    await inbound.deliver(
      webhook(number, { messages: [message(from, 'reaction', { reaction: { message_id: target.id, emoji: '👍' } })] }),
    );
    expect((await messagesOf(from)).find((m) => m.wamid === target.id)?.reactions).toEqual({ customer: '👍' });
    await inbound.deliver(
      webhook(number, { messages: [message(from, 'reaction', { reaction: { message_id: target.id, emoji: '' } })] }),
    );
    expect((await messagesOf(from)).find((m) => m.wamid === target.id)?.reactions).toEqual({});
  });

  /** Stores messages as the inbound write does, without the work that follows it (as a crash right after it). */
  function storeOnly(from: string, messages: MetaMessage[], content: Record<string, unknown> = {}) {
    // The inbound write's own path (docs/adr/0204).
    return TenantScope.acrossTenants('inbound', () => storeAcrossTenants(from, messages, content));
  }

  async function storeAcrossTenants(from: string, messages: MetaMessage[], content: Record<string, unknown>) {
    const { tenantId } = admin;
    const [contact] = await t.app.get(ContactsService).recordSendersAcrossTenants([
      {
        tenantId,
        waId: from,
        userId: null,
        parentUserId: null,
        username: null,
        profileName: `Customer ${from.slice(-4)}`,
      },
    ]);
    const contactId = contact!.id;
    const threads = await t.app
      .get(ConversationsService)
      .openThreadsAcrossTenants([{ tenantId, contactId, whatsappAccountId: number.id, firstMessageAt: new Date() }]);
    await t.app.get(MessageRepository).insertInboundAcrossTenants(
      messages.map((m) => ({
        tenantId,
        conversationId: threads.get(threadKey(contactId, number.id))!,
        wamid: m.id,
        type: m.type,
        content: { [m.type]: m[m.type], ...content },
        error: null,
        replyToWamid: null,
        sentAt: new Date(),
      })),
    );
  }

  it('should end with the customer’s latest reaction whatever order Meta delivers them in', async () => {
    const from = customer();
    const target = text(from, 'Your table is booked');
    const at = Math.floor(Date.now() / 1000) - 60;
    const react = (emoji: string, secondsAfter: number) =>
      message(
        from,
        'reaction',
        { reaction: { message_id: target.id, emoji } },
        { timestamp: String(at + secondsAfter) },
      );
    const reactionOf = async () => (await messagesOf(from)).find((m) => m.wamid === target.id)?.reactions;
    const [liked, removed, laughed] = [react('👍', 1), react('', 2), react('😂', 3)];

    // The reactions come first, newest first: the message picks up the latest as it is stored.
    await inbound.deliver(webhook(number, { messages: [removed] }));
    await inbound.deliver(webhook(number, { messages: [liked] }));
    await inbound.deliver(webhook(number, { messages: [target] }));
    expect(await reactionOf()).toEqual({});

    await inbound.deliver(webhook(number, { messages: [laughed] }));
    expect(await reactionOf()).toEqual({ customer: '😂' });
    // A redelivered older reaction does not bring it back.
    await inbound.deliver(webhook(number, { messages: [liked] }));
    expect(await reactionOf()).toEqual({ customer: '😂' });
  });

  it('should give a message the reaction stored while its own write ran, though neither write saw the other', async () => {
    const from = customer();
    await inbound.deliver(webhook(number, { messages: [text(from, 'Is the blue one in stock?')] }));
    const { id: conversationId } = await conversationOf(from);
    const target = text(from, 'Size 42 please');
    const reaction = message(from, 'reaction', { reaction: { message_id: target.id, emoji: '🙏' } });

    // Another transaction holds the target's wamid, so the write storing the target computes its reaction (none
    // yet) and then waits at the insert, uncommitted; meanwhile the reaction is stored and committed, and looks for
    // its target before the target is committed.
    await stalledWrite(t, {
      hold: [
        `INSERT INTO messages (tenant_id, conversation_id, direction, type, content, status, wamid)
         VALUES ($1, $2, 'inbound', 'text', '{}', 'received', $3)`,
        [admin.tenantId, conversationId, target.id],
      ],
      write: () => inbound.deliver(webhook(number, { messages: [target] })),
      waitsIn: 'INSERT INTO messages',
      meanwhile: async () => {
        await inbound.deliver(webhook(number, { messages: [reaction] }));
        expect(await t.sql(`SELECT 1 FROM messages WHERE wamid = $1`, [reaction.id])).toHaveLength(1);
      },
    });

    expect((await messagesOf(from)).find((m) => m.wamid === target.id)).toMatchObject({
      content: { text: { body: 'Size 42 please' } },
      reactions: { customer: '🙏' },
    });
  });

  it('should finish what a try that failed after storing left undone: a reaction, a media download', async () => {
    const from = customer();
    const target = text(from, 'Here is the receipt');
    const reaction = message(from, 'reaction', { reaction: { message_id: target.id, emoji: '❤️' } });
    const photo = message(from, 'image', { image: { id: '771234', mime_type: 'image/jpeg', sha256: 'abc' } });
    await inbound.deliver(webhook(number, { messages: [target] }));
    // What a crash between the write and its follow-up leaves: the messages stored, nothing applied or queued.
    await storeOnly(from, [reaction, photo]);
    const stored = await messagesOf(from);
    const photoId = stored.find((m) => m.wamid === photo.id)!.id;
    expect(stored.find((m) => m.wamid === target.id)?.reactions).toEqual({});
    expect(await mediaJobs.getJob(mediaDownloadJobId(photoId))).toBeUndefined();

    // The retry finds both stored and does the rest.
    await inbound.deliver(webhook(number, { messages: [reaction, photo] }));

    expect((await messagesOf(from)).find((m) => m.wamid === target.id)?.reactions).toEqual({ customer: '❤️' });
    expect((await mediaJobs.getJob(mediaDownloadJobId(photoId)))?.data).toMatchObject({
      mediaId: '771234',
      mediaType: 'image',
    });
  });

  it('should not queue a download again for a redelivered media message whose download has an outcome', async () => {
    const from = customer();
    const photo = message(from, 'image', { image: { id: '771235', mime_type: 'image/jpeg', sha256: 'abc' } });
    // Stored by an earlier delivery whose download has finished since (its job removed after completing).
    await storeOnly(from, [photo], { stored_media: { status: 'stored', mimeType: 'image/jpeg', size: 3 } });
    const [stored] = await messagesOf(from);

    await inbound.deliver(webhook(number, { messages: [photo] }));

    expect(await mediaJobs.getJob(mediaDownloadJobId(stored!.id))).toBeUndefined();
  });

  it('should lose nothing when one POST batches many entries, changes, messages and statuses', async () => {
    const second = await connectNumber(t, admin);
    const customers = [customer(), customer(), customer()];
    const outbound = await seedOutbound(customers[0]!);
    const changes = (n: Number) =>
      customers.map((c) =>
        messagesChange(n, { messages: [text(c, `a ${n.phoneNumberId}`), text(c, `b ${n.phoneNumberId}`)] }),
      );
    const payload = envelope([
      {
        wabaId: number.wabaId,
        changes: [
          ...changes(number),
          messagesChange(number, { statuses: [status(outbound, 'delivered', customers[0]!)] }),
        ],
      },
      { wabaId: second.wabaId, changes: changes(second) },
    ]);
    await inbound.deliver(payload);

    const rows = await t.sql(
      `SELECT count(*)::int AS n FROM messages WHERE direction = 'inbound' AND content->'text'->>'body' ~ $1`,
      [`^[ab] (${number.phoneNumberId}|${second.phoneNumberId})$`],
    );
    expect(rows[0]?.n).toBe(12);
    const conversations = await t.sql(
      `SELECT count(*)::int AS n FROM conversations c JOIN contacts ct ON ct.id = c.contact_id WHERE ct.wa_id = ANY($1)`,
      [customers],
    );
    expect(conversations[0]?.n).toBe(6);
    const [delivered] = await t.sql(`SELECT status FROM messages WHERE wamid = $1`, [outbound]);
    expect(delivered?.status).toBe('delivered');
  });

  it('should store one message when the same webhook is delivered 20 times at once', async () => {
    const from = customer();
    const payload = webhook(number, { messages: [text(from, 'Only once please')] });
    await Promise.all(Array.from({ length: 20 }, () => inbound.deliver(payload)));
    const stored = await messagesOf(from);
    expect(stored).toHaveLength(1);
    expect((await conversationOf(from)).unreadCount).toBe(1);
  });

  it('should end as read when read arrives before delivered, and never move back', async () => {
    const to = customer();
    const wamid = await seedOutbound(to);
    for (const s of ['read', 'delivered', 'sent']) {
      await inbound.deliver(webhook(number, { statuses: [status(wamid, s, to)] }));
    }
    const [row] = await t.sql(`SELECT status, read_at, delivered_at, sent_at FROM messages WHERE wamid = $1`, [wamid]);
    expect(row).toMatchObject({
      status: 'read',
      read_at: expect.any(Date),
      delivered_at: expect.any(Date),
      sent_at: expect.any(Date),
    });
  });

  it('should grow the version of the message and of its conversation with every change, and only then', async () => {
    const to = customer();
    const wamid = await seedOutbound(to);
    const versionOf = async () =>
      (await t.sql(`SELECT version FROM messages WHERE wamid = $1`, [wamid]))[0]?.version as number;
    const start = await versionOf();

    await inbound.deliver(webhook(number, { statuses: [status(wamid, 'sent', to)] }));
    await inbound.deliver(webhook(number, { statuses: [status(wamid, 'delivered', to)] }));
    const delivered = await versionOf();
    // Both again, redelivered by Meta: nothing changes, so the version stays.
    await inbound.deliver(webhook(number, { statuses: [status(wamid, 'delivered', to), status(wamid, 'sent', to)] }));
    const unchanged = await versionOf();
    await inbound.deliver(webhook(number, { statuses: [status(wamid, 'read', to)] }));

    expect(delivered).toBeGreaterThan(start);
    expect(unchanged).toBe(delivered);
    expect(await versionOf()).toBeGreaterThan(delivered);
    const before = await conversationOf(to);
    await inbound.deliver(webhook(number, { messages: [text(to, 'thanks!')] }));
    const after = await conversationOf(to);
    expect(after.version).toBeGreaterThan(before.version);
    expect((await messagesOf(to)).every((m) => Number.isInteger(m.version))).toBe(true);
  });

  it('should keep Meta’s code, title and details when a message fails, and keep failed final', async () => {
    const to = customer();
    const wamid = await seedOutbound(to);
    const errors = [
      {
        code: 131047,
        title: 'Re-engagement message',
        message: 'Re-engagement message',
        error_data: { details: 'More than 24 hours have passed' },
      },
    ];
    await inbound.deliver(webhook(number, { statuses: [status(wamid, 'failed', to, { errors })] }));
    await inbound.deliver(webhook(number, { statuses: [status(wamid, 'delivered', to)] }));
    const [row] = await t.sql(`SELECT status, error, delivered_at FROM messages WHERE wamid = $1`, [wamid]);
    expect(row).toEqual({
      status: 'failed',
      error: { code: 131047, title: 'Re-engagement message', details: 'More than 24 hours have passed' },
      delivered_at: null,
    });
  });

  it('should keep a status that arrives before its message and apply it when the wamid is linked', async () => {
    const to = customer();
    const wamid = newWamid();
    await inbound.deliver(webhook(number, { statuses: [status(wamid, 'delivered', to)] }));
    const [event] = await t.sql(`SELECT status FROM message_status_events WHERE wamid = $1`, [wamid]);
    expect(event?.status).toBe('delivered');

    const messageId = await seedOutbound(to, null);
    await t.sql(`UPDATE messages SET wamid = $1 WHERE id = $2`, [wamid, messageId]);
    await TenantScope.forTenant(admin.tenantId, () =>
      t.app.get(MessageRepository).applyRecordedStatuses(admin.tenantId, wamid),
    );
    const [row] = await t.sql(`SELECT status FROM messages WHERE id = $1`, [messageId]);
    expect(row?.status).toBe('delivered');
  });

  it('should reopen a resolved conversation when the customer writes again', async () => {
    const from = customer();
    await inbound.deliver(webhook(number, { messages: [text(from, 'first')] }));
    const conversation = await conversationOf(from);
    await t
      .http()
      .patch(`/conversations/${conversation.id}`)
      .auth(admin.token, { type: 'bearer' })
      .send({ status: 'resolved' })
      .expect(200);
    await inbound.deliver(webhook(number, { messages: [text(from, 'me again')] }));
    expect(await conversationOf(from)).toMatchObject({
      id: conversation.id,
      status: 'open',
      lastMessagePreview: 'me again',
    });
  });

  it('should ignore and count a webhook for a number nobody connected', async () => {
    const from = customer();
    const redis = t.app.get<Redis>(REDIS);
    const before = Number(await redis.get('metrics:webhooks:unknown-phone-number'));
    const stranger = { wabaId: '999', phoneNumberId: '999000111', displayPhoneNumber: '15550000000' };
    await inbound.deliver(webhook(stranger, { messages: [text(from, 'hello?')] }));
    const rows = await t.sql(`SELECT count(*)::int AS n FROM contacts WHERE wa_id = $1`, [from]);
    expect(rows[0]?.n).toBe(0);
    expect(Number(await redis.get('metrics:webhooks:unknown-phone-number'))).toBe(before + 1);
  });

  it('should store template status, quality and account updates on the template and the number', async () => {
    await inbound.deliver(
      envelope([
        {
          wabaId: number.wabaId,
          changes: [
            {
              field: 'message_template_status_update',
              value: {
                event: 'REJECTED',
                message_template_id: 1689556908129835,
                message_template_name: 'abandoned_cart',
                message_template_language: 'en',
                reason: 'INVALID_FORMAT',
              },
            },
            {
              field: 'phone_number_quality_update',
              value: {
                display_phone_number: number.displayPhoneNumber,
                event: 'THROUGHPUT_UPGRADE',
                max_daily_conversations_per_business: 'TIER_10K',
              },
            },
          ],
        },
      ]),
    );
    const [template] = await t.sql(
      `SELECT name, status, rejected_reason FROM templates WHERE meta_template_id = '1689556908129835'`,
    );
    expect(template).toEqual({ name: 'abandoned_cart', status: 'REJECTED', rejected_reason: 'INVALID_FORMAT' });
    const account = await get<{ throughputLevel: string; messagesPerSecond: number; messagingLimitTier: string }>(
      `/whatsapp/accounts/${number.id}`,
    );
    expect(account).toMatchObject({ throughputLevel: 'HIGH', messagesPerSecond: 1000, messagingLimitTier: 'TIER_10K' });

    await inbound.deliver(
      envelope([
        {
          wabaId: number.wabaId,
          changes: [
            {
              field: 'account_update',
              value: { event: 'PARTNER_APP_UNINSTALLED', waba_info: { waba_id: number.wabaId } },
            },
          ],
        },
      ]),
    );
    expect((await get<{ tokenStatus: string }>(`/whatsapp/accounts/${number.id}`)).tokenStatus).toBe('invalid');
  });

  /** An outbound message as the send path will store it; answers its wamid (or its id when wamid is null). */
  async function seedOutbound(to: string, wamid: string | null = newWamid()): Promise<string> {
    await inbound.deliver(webhook(number, { messages: [text(to, 'hi')] }));
    const conversation = await conversationOf(to);
    const [row] = await t.sql(
      `INSERT INTO messages (tenant_id, conversation_id, direction, type, content, status, wamid)
       VALUES ($1, $2, 'outbound', 'text', '{"text":{"body":"Thanks!"}}', 'queued', $3) RETURNING id`,
      [admin.tenantId, conversation.id, wamid],
    );
    return wamid ?? String(row?.id);
  }
});
