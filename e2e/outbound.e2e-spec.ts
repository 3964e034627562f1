import { randomInt, randomUUID } from 'node:crypto';
import type { MessageDto, Page, TemplateDto, WhatsAppAccountDto } from '@aerostic/shared';
import {
  type RealtimeSocket,
  type SandboxBusiness,
  type SandboxOutboxEntry,
  apiAs,
  connectRealtime,
  connectSandboxNumber,
  nextEvent,
  outboundSandbox,
  registerViaApi,
  sandbox,
} from './support/stack-clients';

/** Sandbox → webhook-worker → queue → API → Socket.IO. */
const LIVE_TIMEOUT_MS = 15_000;
/** API → queue → message-worker → sandbox → status webhooks → API: a few hops, each paced or retried. */
const SEND_TIMEOUT_MS = 30_000;
/** The sandbox reviews a new template after a short delay and tells the stack by webhook. */
const TEMPLATE_REVIEW_TIMEOUT_MS = 30_000;
/** Retries back off 1 s, 2 s, 4 s, … (with jitter), so a storm of transient errors takes a while. */
const RETRY_TIMEOUT_MS = 60_000;

const newWaId = () => `4479${randomInt(10_000_000, 99_999_999)}`;

/** What `POST /conversations/:id/messages` answers about a request that was refused. */
type ErrorBody = { statusCode: number; error: string; message: string; fields?: Record<string, string> };

describe('Outbound WhatsApp messages through the stack', () => {
  const control = outboundSandbox();
  let token: string;
  let business: SandboxBusiness;
  let account: WhatsAppAccountDto;
  let socket: RealtimeSocket;
  /** Every message.updated the workspace's socket saw, by message id. */
  const updates = new Map<string, MessageDto[]>();
  /** The first customer's conversation, and the message they wrote. */
  let waId: string;
  let conversationId: string;
  let inbound: MessageDto;

  const api = () => apiAs(token);

  /** A customer writes; resolves with the conversation and the stored inbound message, seen on the socket. */
  async function customerWrites(from: string, text: string, timestamp?: number) {
    const created = nextEvent(
      socket,
      'message.created',
      ({ message }) => message.direction === 'inbound' && JSON.stringify(message.content).includes(text),
      LIVE_TIMEOUT_MS,
    );
    await sandbox().customerWrites({ waId: from, phoneNumberId: business.phone_number_id, text, timestamp });
    const event = await created;
    return { conversationId: event.conversationId, message: event.message };
  }

  async function send(conversation: string, body: Record<string, unknown>) {
    return api().call(`/conversations/${conversation}/messages`, { method: 'POST', body });
  }

  async function sendOk(conversation: string, body: Record<string, unknown>): Promise<MessageDto> {
    const result = await send(conversation, body);
    if (result.status !== 201)
      throw new Error(`sending ${JSON.stringify(body)} answered ${result.status}: ${result.text}`);
    return result.body as MessageDto;
  }

  async function messagesOf(conversation: string): Promise<MessageDto[]> {
    const result = await api().call(`/conversations/${conversation}/messages?limit=100`);
    if (result.status !== 200) throw new Error(`GET messages answered ${result.status}: ${result.text}`);
    return (result.body as Page<MessageDto>).data;
  }

  /** Polls the API until every given message satisfies `done`; fails naming the ones that did not. */
  async function waitForMessages(
    conversation: string,
    ids: string[],
    done: (m: MessageDto) => boolean,
    timeoutMs: number,
  ): Promise<Map<string, MessageDto>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const byId = new Map((await messagesOf(conversation)).map((m) => [m.id, m]));
      const pending = ids.filter((id) => {
        const m = byId.get(id);
        return !m || !done(m);
      });
      if (pending.length === 0) return byId;
      if (Date.now() > deadline) {
        const states = pending.map((id) => JSON.stringify(byId.get(id) ?? { id, missing: true })).join('\n');
        throw new Error(`${pending.length} message(s) did not get there within ${timeoutMs} ms:\n${states}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  const outboxByWamid = async () =>
    new Map((await control.outbox(business.phone_number_id)).map((e) => [e.wamid, e] as const));

  beforeAll(async () => {
    const id = randomUUID().slice(0, 8);
    const session = await registerViaApi({
      tenantName: `Outbound ${id}`,
      name: 'Ada Outbound',
      email: `outbound-${id}@e2e.aerostic.test`,
      password: `e2e-password-${id}`,
    });
    token = session.access_token;
    ({ business, account } = await connectSandboxNumber(token, `Outbound ${id} Shop`));
    socket = await connectRealtime(token);
    socket.on('message.updated', ({ message }) => {
      updates.set(message.id, [...(updates.get(message.id) ?? []), message]);
    });
    waId = newWaId();
    ({ conversationId, message: inbound } = await customerWrites(waId, `Hi, is my order ready? ${id}`));
  });

  afterAll(async () => {
    socket?.close();
    await control.clearFaults().catch(() => undefined);
  });

  it('should connect the number with the sandbox throughput', () => {
    expect(account).toMatchObject({
      status: 'connected',
      phoneNumberId: business.phone_number_id,
      messagesPerSecond: 80,
    });
  });

  it('should send every message type with the body Meta expects and follow it to read', async () => {
    // What the agent sends, and what Meta must receive besides messaging_product, recipient_type, to and type.
    const cases: Array<{ input: Record<string, unknown>; meta: Record<string, unknown> }> = [
      {
        input: { type: 'text', text: { body: 'Your order shipped: https://example.com/track/42', preview_url: true } },
        meta: { text: { body: 'Your order shipped: https://example.com/track/42', preview_url: true } },
      },
      {
        input: { type: 'image', image: { link: 'https://example.com/media/parcel.jpg', caption: 'Your parcel' } },
        meta: { image: { link: 'https://example.com/media/parcel.jpg', caption: 'Your parcel' } },
      },
      {
        input: { type: 'video', video: { link: 'https://example.com/media/unboxing.mp4', caption: 'How to open it' } },
        meta: { video: { link: 'https://example.com/media/unboxing.mp4', caption: 'How to open it' } },
      },
      {
        input: { type: 'audio', audio: { link: 'https://example.com/media/note.ogg' } },
        meta: { audio: { link: 'https://example.com/media/note.ogg' } },
      },
      {
        input: {
          type: 'document',
          document: { link: 'https://example.com/media/invoice.pdf', filename: 'invoice-42.pdf', caption: 'Invoice' },
        },
        meta: {
          document: { link: 'https://example.com/media/invoice.pdf', filename: 'invoice-42.pdf', caption: 'Invoice' },
        },
      },
      {
        input: { type: 'sticker', sticker: { link: 'https://example.com/media/thanks.webp' } },
        meta: { sticker: { link: 'https://example.com/media/thanks.webp' } },
      },
      {
        input: {
          type: 'location',
          location: { latitude: 51.5072, longitude: -0.1276, name: 'Pick-up point', address: '1 Main St, London' },
        },
        meta: {
          location: { latitude: 51.5072, longitude: -0.1276, name: 'Pick-up point', address: '1 Main St, London' },
        },
      },
      {
        input: {
          type: 'contacts',
          contacts: [
            {
              name: { formatted_name: 'Grace Support', first_name: 'Grace' },
              phones: [{ phone: '+1 650 555 0100', wa_id: '16505550100', type: 'WORK' }],
            },
          ],
        },
        meta: {
          contacts: [
            {
              name: { formatted_name: 'Grace Support', first_name: 'Grace' },
              phones: [{ phone: '+1 650 555 0100', wa_id: '16505550100', type: 'WORK' }],
            },
          ],
        },
      },
      {
        input: {
          type: 'interactive',
          interactive: {
            type: 'button',
            body: { text: 'Deliver tomorrow?' },
            footer: { text: 'Reply with a button' },
            action: {
              buttons: [
                { type: 'reply', reply: { id: 'yes', title: 'Yes please' } },
                { type: 'reply', reply: { id: 'later', title: 'Another day' } },
              ],
            },
          },
        },
        meta: {
          interactive: {
            type: 'button',
            body: { text: 'Deliver tomorrow?' },
            footer: { text: 'Reply with a button' },
            action: {
              buttons: [
                { type: 'reply', reply: { id: 'yes', title: 'Yes please' } },
                { type: 'reply', reply: { id: 'later', title: 'Another day' } },
              ],
            },
          },
        },
      },
      {
        input: {
          type: 'interactive',
          interactive: {
            type: 'list',
            header: { type: 'text', text: 'Delivery slots' },
            body: { text: 'When should we come?' },
            action: {
              button: 'Pick a slot',
              sections: [
                {
                  title: 'Tomorrow',
                  rows: [
                    { id: 'am', title: 'Morning', description: '8:00 to 12:00' },
                    { id: 'pm', title: 'Afternoon' },
                  ],
                },
              ],
            },
          },
        },
        meta: {
          interactive: {
            type: 'list',
            header: { type: 'text', text: 'Delivery slots' },
            body: { text: 'When should we come?' },
            action: {
              button: 'Pick a slot',
              sections: [
                {
                  title: 'Tomorrow',
                  rows: [
                    { id: 'am', title: 'Morning', description: '8:00 to 12:00' },
                    { id: 'pm', title: 'Afternoon' },
                  ],
                },
              ],
            },
          },
        },
      },
      {
        input: { type: 'reaction', reaction: { messageId: inbound.id, emoji: '👍' } },
        meta: { reaction: { message_id: inbound.wamid, emoji: '👍' } },
      },
      {
        input: { type: 'reaction', reaction: { messageId: inbound.id, emoji: '' } },
        meta: { reaction: { message_id: inbound.wamid, emoji: '' } },
      },
      {
        input: { type: 'text', text: { body: 'Yes, it leaves today.' }, replyToMessageId: inbound.id },
        meta: { text: { body: 'Yes, it leaves today.' }, context: { message_id: inbound.wamid } },
      },
    ];

    const queued: MessageDto[] = [];
    for (const { input } of cases) queued.push(await sendOk(conversationId, input));
    expect(queued.map((m) => m.status)).toEqual(cases.map(() => 'queued'));

    const stored = await waitForMessages(
      conversationId,
      queued.map((m) => m.id),
      (m) => m.status === 'read' || m.status === 'failed',
      SEND_TIMEOUT_MS,
    );
    const outbox = await outboxByWamid();
    cases.forEach(({ input, meta }, i) => {
      const message = stored.get(queued[i]!.id)!;
      expect({ type: input.type, status: message.status, error: message.error }).toEqual({
        type: input.type,
        status: 'read',
        error: null,
      });
      expect(message.wamid).toEqual(expect.any(String));
      expect(message.readAt).toEqual(expect.any(String));
      const entry = outbox.get(message.wamid!);
      expect(entry?.request).toEqual({
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: waId,
        type: input.type,
        ...meta,
      });
      expect(entry?.to).toBe(waId);
    });
    // Each message went out once: the outbox holds exactly these sends for this customer.
    const toCustomer = [...outbox.values()].filter((e) => e.to === waId);
    expect(toCustomer).toHaveLength(cases.length);

    // The agent's screen hears about it too: every message's read status reached the workspace's socket.
    const deadline = Date.now() + LIVE_TIMEOUT_MS;
    const readOnSocket = () => queued.filter((m) => (updates.get(m.id) ?? []).some((u) => u.status === 'read'));
    while (readOnSocket().length < queued.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(readOnSocket().map((m) => m.id)).toEqual(queued.map((m) => m.id));
  });

  it('should refuse a free-form message when the customer last wrote more than 24 hours ago', async () => {
    const lateWaId = newWaId();
    const dayAndAnHourAgo = Math.floor(Date.now() / 1000) - 25 * 3600;
    const late = await customerWrites(lateWaId, `Old question ${randomInt(1_000_000)}`, dayAndAnHourAgo);
    const before = (await control.outbox(business.phone_number_id)).filter((e) => e.to === lateWaId);

    const refused = await send(late.conversationId, { type: 'text', text: { body: 'Sorry for the wait!' } });

    expect(refused.status).toBe(422);
    expect((refused.body as ErrorBody).message).toMatch(/24 hours.*template/);
    const conversation = (await api().conversations()).data.find((c) => c.id === late.conversationId);
    expect(conversation?.window.open).toBe(false);
    await new Promise((r) => setTimeout(r, 500));
    expect((await control.outbox(business.phone_number_id)).filter((e) => e.to === lateWaId)).toEqual(before);
  });

  it('should retry through a storm of 5xx answers and send each message exactly once', async () => {
    const texts = Array.from({ length: 4 }, (_, i) => `Storm update ${i} ${randomInt(1_000_000)}`);
    await control.setFaults({ send_5xx: 8 });

    const queued: MessageDto[] = [];
    for (const body of texts) queued.push(await sendOk(conversationId, { type: 'text', text: { body } }));
    const stored = await waitForMessages(
      conversationId,
      queued.map((m) => m.id),
      (m) => m.status === 'read' || m.status === 'failed',
      RETRY_TIMEOUT_MS,
    );

    expect(queued.map((m) => stored.get(m.id)?.status)).toEqual(texts.map(() => 'read'));
    const faults = await control.setFaults({});
    expect(faults.send_5xx).toBe(0);
    const outbox = await control.outbox(business.phone_number_id);
    for (const [i, body] of texts.entries()) {
      const sent = outbox.filter((e: SandboxOutboxEntry) => JSON.stringify(e.request).includes(body));
      expect(sent.map((e) => e.wamid)).toEqual([stored.get(queued[i]!.id)!.wamid]);
    }
  });

  it('should retry when Meta answers 130429 (rate limit hit) and send the message once when it clears', async () => {
    const busyWaId = newWaId();
    const busy = await customerWrites(busyWaId, `Are you there? ${randomInt(1_000_000)}`);
    const rejectedBefore = (await control.sends(business.phone_number_id)).rejected;
    await control.setFaults({ fail_recipients: { [busyWaId]: 130429 } });

    const message = await sendOk(busy.conversationId, { type: 'text', text: { body: 'Here now, sorry!' } });
    // Two refusals mean the worker retried at least once; then Meta lets it through.
    const deadline = Date.now() + RETRY_TIMEOUT_MS;
    while ((await control.sends(business.phone_number_id)).rejected - rejectedBefore < 2) {
      if (Date.now() > deadline) throw new Error('the worker did not retry after 130429');
      await new Promise((r) => setTimeout(r, 200));
    }
    await control.clearFaults();

    const stored = await waitForMessages(
      busy.conversationId,
      [message.id],
      (m) => m.status === 'read',
      RETRY_TIMEOUT_MS,
    );
    const sent = (await control.outbox(business.phone_number_id)).filter((e) => e.to === busyWaId);
    expect(sent.map((e) => e.wamid)).toEqual([stored.get(message.id)!.wamid]);
  });

  it('should show Meta’s code and title on a message Meta could not deliver', async () => {
    const goneWaId = newWaId();
    const gone = await customerWrites(goneWaId, `Last message from this phone ${randomInt(1_000_000)}`);
    await control.setFaults({ fail_recipients: { [goneWaId]: 131026 } });

    const message = await sendOk(gone.conversationId, { type: 'text', text: { body: 'Your refund is on its way.' } });
    const failed = nextEvent(
      socket,
      'message.updated',
      (e) => e.message.id === message.id && e.message.status === 'failed',
      SEND_TIMEOUT_MS,
    );
    const stored = await waitForMessages(
      gone.conversationId,
      [message.id],
      (m) => m.status === 'failed',
      SEND_TIMEOUT_MS,
    );

    expect(stored.get(message.id)).toMatchObject({
      status: 'failed',
      error: { code: 131026, title: 'Message undeliverable' },
    });
    expect(stored.get(message.id)?.failedAt).toEqual(expect.any(String));
    expect((await failed).message.error).toMatchObject({ code: 131026, title: 'Message undeliverable' });
    await control.clearFaults();
  });

  it('should show Meta’s code and title when Meta refuses the send itself', async () => {
    const badWaId = newWaId();
    const bad = await customerWrites(badWaId, `Can you call me? ${randomInt(1_000_000)}`);
    await control.setFaults({ fail_recipients: { [badWaId]: 131009 } });

    const message = await sendOk(bad.conversationId, { type: 'text', text: { body: 'We will call you at noon.' } });
    const stored = await waitForMessages(
      bad.conversationId,
      [message.id],
      (m) => m.status === 'failed',
      SEND_TIMEOUT_MS,
    );

    expect(stored.get(message.id)).toMatchObject({
      status: 'failed',
      wamid: null,
      error: { code: 131009, title: 'Parameter value is not valid' },
    });
    expect((await control.outbox(business.phone_number_id)).filter((e) => e.to === badWaId)).toEqual([]);
    await control.clearFaults();
  });

  it('should submit a template, see Meta approve it, and send it outside the 24-hour window', async () => {
    const name = `order_shipped_${randomUUID().slice(0, 8).replace(/-/g, '')}`;
    const created = await api().call('/templates', {
      method: 'POST',
      body: {
        whatsappAccountId: account.id,
        name,
        language: 'en_US',
        category: 'UTILITY',
        components: [
          {
            type: 'BODY',
            text: 'Hello {{1}}, your order {{2}} has shipped.',
            example: { body_text: [['Ada', '42']] },
          },
        ],
      },
    });
    if (created.status !== 201) throw new Error(`POST /templates answered ${created.status}: ${created.text}`);
    const template = created.body as TemplateDto;

    const deadline = Date.now() + TEMPLATE_REVIEW_TIMEOUT_MS;
    let status = template.status;
    while (status !== 'APPROVED' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      status = ((await api().call(`/templates/${template.id}`)).body as TemplateDto).status;
    }
    expect(status).toBe('APPROVED');

    const lateWaId = newWaId();
    const late = await customerWrites(
      lateWaId,
      `Where is my parcel? ${randomInt(1_000_000)}`,
      Math.floor(Date.now() / 1000) - 30 * 3600,
    );
    const body = {
      name,
      language: { code: 'en_US' },
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'Grace' },
            { type: 'text', text: '1042' },
          ],
        },
      ],
    };
    const message = await sendOk(late.conversationId, { type: 'template', template: body });
    const stored = await waitForMessages(
      late.conversationId,
      [message.id],
      (m) => m.status === 'read' || m.status === 'failed',
      SEND_TIMEOUT_MS,
    );

    expect(stored.get(message.id)).toMatchObject({ type: 'template', status: 'read', error: null });
    const sent = (await control.outbox(business.phone_number_id)).filter((e) => e.to === lateWaId);
    expect(sent.map((e) => e.request)).toEqual([
      { messaging_product: 'whatsapp', recipient_type: 'individual', to: lateWaId, type: 'template', template: body },
    ]);
  });
});
