import { type Business, GRAPH_VERSION, type Sandbox, startSandbox } from '../test-support/sandbox-harness';
import type { ReceivedBody } from '../test-support/webhook-receiver';

type SendAnswer = {
  messaging_product: string;
  contacts: { input: string; wa_id: string }[];
  messages: { id: string }[];
};
type ErrorAnswer = {
  error: { code: number; message: string; is_transient?: boolean; error_data?: { details: string } };
};

const WA_ID = '16505551234';

describe('POST /{phone-number-id}/messages', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ config: { statusDelaysMs: [5, 5, 5] } });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  afterEach(async () => {
    await sandbox.call('DELETE', '/_sandbox/faults');
  });

  /** A fresh subscribed number with its business token, and the customer's 24 h window open unless told. */
  async function newNumber(body: Record<string, unknown> = {}, windowOpen = true) {
    const business: Business = await sandbox.createBusiness(body);
    const token = await sandbox.exchangeCode(business.code);
    if (windowOpen) {
      await sandbox.call('POST', `/_sandbox/customers/${WA_ID}/window`, {
        body: { phone_number_id: business.phone_number_id, last_inbound_at: Math.floor(sandbox.clock.now() / 1000) },
      });
    }
    const send = <T = SendAnswer>(message: Record<string, unknown>) =>
      sandbox.call<T>('POST', `/${GRAPH_VERSION}/${business.phone_number_id}/messages`, {
        token,
        body: { messaging_product: 'whatsapp', to: WA_ID, ...message },
      });
    return { business, token, send };
  }

  const text = (body = 'Hello') => ({ type: 'text', text: { body } });

  type Status = { id: string; status: string; errors?: { code: number }[] };

  /** The message's statuses in these webhook bodies, in their order. */
  function statusesIn(bodies: ReceivedBody[], wamid: string): Status[] {
    return bodies
      .flatMap((b) => b.entry.flatMap((e) => e.changes.flatMap((c) => (c.value.statuses ?? []) as Status[])))
      .filter((s) => s.id === wamid);
  }

  /** As the receiver got them. */
  function statusesOf(wamid: string): Status[] {
    return statusesIn(
      sandbox.receiver.received.map((w) => w.body),
      wamid,
    );
  }

  /**
   * Waits until `count` statuses of the message reached the receiver, then answers them in the order the sandbox
   * sent them. Deliveries run concurrently, as at Meta, so the order of arrival is not the order of sending: on a
   * busy machine a `read` could overtake the `delivered` sent 150 ms before it.
   */
  async function waitForStatuses(wamid: string, count: number) {
    await sandbox.receiver.waitFor(() => statusesOf(wamid).length >= count);
    const { body } = await sandbox.call<{ data: { payload: ReceivedBody }[] }>(
      'GET',
      `/_sandbox/deliveries?wamid=${wamid}`,
    );
    // The log lists the newest delivery first.
    const sent = body.data.map((d) => d.payload).reverse();
    return statusesIn(sent, wamid).map((s) => s.status);
  }

  it('should accept a text send, record it in the outbox and deliver sent, delivered and read when the window is open', async () => {
    const { business, send } = await newNumber();

    const res = await send({ recipient_type: 'individual', to: '+1 (650) 555-1234', ...text('Your order shipped') });

    expect(res.status).toBe(200);
    const wamid = res.body.messages[0]!.id;
    expect(res.body).toEqual({
      messaging_product: 'whatsapp',
      contacts: [{ input: '+1 (650) 555-1234', wa_id: WA_ID }],
      messages: [{ id: expect.stringMatching(/^wamid\./) }],
    });
    const outbox = await sandbox.call<{ data: Record<string, unknown>[] }>(
      'GET',
      `/_sandbox/outbox?phone_number_id=${business.phone_number_id}`,
    );
    expect(outbox.body.data).toEqual([
      expect.objectContaining({
        wamid,
        to: WA_ID,
        type: 'text',
        request: {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: '+1 (650) 555-1234',
          type: 'text',
          text: { body: 'Your order shipped' },
        },
      }),
    ]);
    expect(await waitForStatuses(wamid, 3)).toEqual(['sent', 'delivered', 'read']);
  });

  it('should answer message_status accepted and deliver it when a template goes outside the window', async () => {
    const { business, token, send } = await newNumber({}, false);
    const created = await sandbox.call<{ id: string }>(
      'POST',
      `/${GRAPH_VERSION}/${business.waba_id}/message_templates`,
      {
        token,
        body: {
          name: 'order_update',
          language: 'en_US',
          category: 'UTILITY',
          components: [{ type: 'BODY', text: 'Your order shipped.' }],
        },
      },
    );
    await sandbox.call('POST', `/_sandbox/templates/${created.body.id}/status`, { body: { status: 'APPROVED' } });

    const res = await send<{ messages: { id: string; message_status: string }[] }>({
      type: 'template',
      template: { name: 'order_update', language: { code: 'en_US' } },
    });

    expect(res.status).toBe(200);
    expect(res.body.messages).toEqual([{ id: expect.stringMatching(/^wamid\./), message_status: 'accepted' }]);
    expect(await waitForStatuses(res.body.messages[0]!.id, 3)).toEqual(['sent', 'delivered', 'read']);
  });

  it('should answer 200 then deliver failed 131047 when a free-form send goes outside the 24 h window', async () => {
    const { send } = await newNumber({}, false);

    const res = await send(text());

    expect(res.status).toBe(200);
    const wamid = res.body.messages[0]!.id;
    await waitForStatuses(wamid, 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(statusesOf(wamid)).toEqual([
      expect.objectContaining({ status: 'failed', errors: [expect.objectContaining({ code: 131047 })] }),
    ]);
  });

  it.each([
    ['messaging_product is not whatsapp', { messaging_product: 'sms', ...text() }, 'messaging_product'],
    ['text.body is missing', { type: 'text', text: {} }, 'text.body'],
    ['text.body is over 4096 characters', text('x'.repeat(4097)), 'text.body'],
    [
      'an interactive message has 4 buttons',
      {
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text: 'Pick' },
          action: { buttons: [1, 2, 3, 4].map((i) => ({ type: 'reply', reply: { id: `b${i}`, title: `B${i}` } })) },
        },
      },
      'interactive.action.buttons',
    ],
    [
      'a list row title is over 24 characters',
      {
        type: 'interactive',
        interactive: {
          type: 'list',
          body: { text: 'Pick' },
          action: { button: 'Options', sections: [{ rows: [{ id: 'r1', title: 'x'.repeat(25) }] }] },
        },
      },
      'interactive.action.sections[0].rows[0].title',
    ],
    ['a template has no language', { type: 'template', template: { name: 'order_update' } }, 'template.language'],
    ['an image has neither id nor link', { type: 'image', image: { caption: 'hi' } }, 'image'],
  ])('should answer 400 code 100 naming the field when %s', async (_case, message, field) => {
    const { send } = await newNumber();

    const res = await send<ErrorAnswer>(message);

    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(100);
    expect(res.body.error.error_data?.details).toContain(field);
  });

  it('should answer success when the body marks a message as read', async () => {
    const { send } = await newNumber();

    const res = await send({
      to: undefined,
      status: 'read',
      message_id: 'wamid.HBgL',
      typing_indicator: { type: 'text' },
    });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true });
  });

  it('should answer 403 code 200 when the token belongs to another WABA', async () => {
    const { business } = await newNumber();
    const other = await newNumber();

    const res = await sandbox.call<ErrorAnswer>('POST', `/${GRAPH_VERSION}/${business.phone_number_id}/messages`, {
      token: other.token,
      body: { messaging_product: 'whatsapp', to: WA_ID, ...text() },
    });

    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe(200);
  });

  it('should answer 130429 when a STANDARD number sends more than 80 in a second', async () => {
    const { business, send } = await newNumber();
    const recipients = Array.from({ length: 81 }, (_, i) => `1650555${String(i).padStart(4, '0')}`);

    const answers = await Promise.all(recipients.map((to) => send<ErrorAnswer>({ to, ...text() })));
    sandbox.clock.advance(1_000);
    const afterASecond = await send({ to: '16505559999', ...text() });

    expect(answers.filter((a) => a.status === 200)).toHaveLength(80);
    const refused = answers.find((a) => a.status !== 200)!;
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 130429, is_transient: true });
    expect(afterASecond.status).toBe(200);
    const stats = await sandbox.call('GET', `/_sandbox/sends?phone_number_id=${business.phone_number_id}`);
    expect(stats.body).toMatchObject({ accepted: 81, throttled: 1 });
  });

  it('should allow 1000 in a second when the number is HIGH', async () => {
    const { send } = await newNumber({ throughput_level: 'HIGH' });

    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => send({ to: `1650556${String(i).padStart(4, '0')}`, ...text() })),
    );

    expect(answers.every((a) => a.status === 200)).toBe(true);
  });

  it('should answer 131056 for that recipient only when 45 went to it in a burst', async () => {
    const { send } = await newNumber();
    for (let i = 0; i < 45; i++) expect((await send(text(`m${i}`))).status).toBe(200);

    const limited = await send<ErrorAnswer>(text('one more'));
    const otherRecipient = await send({ to: '16505550000', ...text() });
    sandbox.clock.advance(6_000);
    const afterRefill = await send(text('later'));

    expect(limited.status).toBe(400);
    expect(limited.body.error.code).toBe(131056);
    expect(otherRecipient.status).toBe(200);
    expect(afterRefill.status).toBe(200);
  });

  it('should answer the error synchronously when fail_recipients names a parameter error', async () => {
    const { business, send } = await newNumber();
    await sandbox.call('POST', '/_sandbox/faults', { body: { fail_recipients: { [WA_ID]: 131009 } } });

    const res = await send<ErrorAnswer>(text());

    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(131009);
    const outbox = await sandbox.call<{ data: unknown[] }>(
      'GET',
      `/_sandbox/outbox?phone_number_id=${business.phone_number_id}`,
    );
    expect(outbox.body.data).toEqual([]);
  });

  it.each([131026, 131048])(
    'should accept then deliver failed when fail_recipients names the asynchronous code %i',
    async (code) => {
      const { send } = await newNumber();
      await sandbox.call('POST', '/_sandbox/faults', { body: { fail_recipients: { [WA_ID]: code } } });

      const res = await send(text());

      expect(res.status).toBe(200);
      const wamid = res.body.messages[0]!.id;
      await waitForStatuses(wamid, 1);
      expect(statusesOf(wamid)[0]).toMatchObject({ status: 'failed', errors: [{ code }] });
    },
  );

  it('should answer 500 for the next N sends and send nothing when send_5xx is N', async () => {
    const { business, send } = await newNumber();
    await sandbox.call('POST', '/_sandbox/faults', { body: { send_5xx: 2 } });

    const answers = [await send<ErrorAnswer>(text()), await send<ErrorAnswer>(text()), await send<ErrorAnswer>(text())];

    expect(answers.map((a) => a.status)).toEqual([500, 500, 200]);
    expect(answers[0]!.body.error).toMatchObject({ code: 131000, is_transient: true });
    const outbox = await sandbox.call<{ data: unknown[] }>(
      'GET',
      `/_sandbox/outbox?phone_number_id=${business.phone_number_id}`,
    );
    expect(outbox.body.data).toHaveLength(1);
  });

  it('should not answer and send nothing when send_timeout is set and the client gives up', async () => {
    const { business, token } = await newNumber();
    await sandbox.call('POST', '/_sandbox/faults', { body: { send_timeout: 1, send_latency_ms: 0 } });

    const attempt = fetch(`${sandbox.baseUrl}/${GRAPH_VERSION}/${business.phone_number_id}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ messaging_product: 'whatsapp', to: WA_ID, ...text() }),
      signal: AbortSignal.timeout(200),
    });

    await expect(attempt).rejects.toThrow();
    const outbox = await sandbox.call<{ data: unknown[] }>(
      'GET',
      `/_sandbox/outbox?phone_number_id=${business.phone_number_id}`,
    );
    expect(outbox.body.data).toEqual([]);
  });

  it('should wait before answering when send_latency_ms is set', async () => {
    const { send } = await newNumber();
    await sandbox.call('POST', '/_sandbox/faults', { body: { send_latency_ms: 150 } });

    const startedAt = Date.now();
    const res = await send(text());

    expect(res.status).toBe(200);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(140);
  });
});
