import { createHmac } from 'node:crypto';
import { APP_SECRET, type Business, type Sandbox, startSandbox } from '../test-support/sandbox-harness';

type Delivery = {
  id: string;
  state: string;
  delivered: boolean;
  wamids: string[];
  attempts: { attempt: number; outcome: string; status: number | null; error: string | null }[];
  duplicate_of: string | null;
  batched_into: string | null;
  batched_from: string[];
  payload: unknown;
};
type Sent = { wamid: string; delivery_id: string };

describe('webhook delivery', () => {
  let sandbox: Sandbox;
  let business: Business;

  beforeEach(async () => {
    sandbox = await startSandbox();
    business = await sandbox.createBusiness({ name: 'Shop' });
  });

  afterEach(async () => {
    await sandbox.close();
  });

  const say = async (body: string, target: Business = business, waId = '16505551234') => {
    const res = await sandbox.call<Sent>('POST', `/_sandbox/customers/${waId}/messages`, {
      body: { phone_number_id: target.phone_number_id, type: 'text', text: { body }, profile_name: 'Sheena' },
    });
    expect(res.status).toBe(200);
    return res.body;
  };

  const delivery = async (id: string) => (await sandbox.call<Delivery>('GET', `/_sandbox/deliveries/${id}`)).body;

  async function settled(id: string): Promise<Delivery> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const record = await delivery(id);
      if (['delivered', 'failed', 'batched'].includes(record.state)) return record;
      if (Date.now() > deadline) throw new Error(`delivery ${id} still ${record.state}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  const wamidsReceived = () => sandbox.receiver.messages().map((m) => m.id);

  it('should POST Meta-escaped JSON signed with the app secret over the exact bytes', async () => {
    const sent = await say('äöå/😀');

    const [webhook] = await sandbox.receiver.waitForCount(1);

    expect(webhook!.headers['content-type']).toBe('application/json');
    expect(webhook!.raw).toContain('"body":"\\u00e4\\u00f6\\u00e5\\/\\ud83d\\ude00"');
    expect(webhook!.raw).toMatch(/^[\x20-\x7e]*$/);
    const expected = `sha256=${createHmac('sha256', APP_SECRET).update(Buffer.from(webhook!.raw, 'utf8')).digest('hex')}`;
    expect(webhook!.headers['x-hub-signature-256']).toBe(expected);
    expect(webhook!.body.entry[0]!.changes[0]!.value.messages![0]).toMatchObject({
      id: sent.wamid,
      text: { body: 'äöå/😀' },
    });
    expect(await settled(sent.delivery_id)).toMatchObject({ state: 'delivered', delivered: true });
  });

  it('should retry with backoff after a 500 until the receiver answers 200', async () => {
    sandbox.receiver.respondWith((w) => (w.index < 2 ? 500 : 200));

    const sent = await say('retry me');
    const record = await settled(sent.delivery_id);

    expect(record.state).toBe('delivered');
    expect(record.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    expect(record.attempts.map((a) => a.outcome)).toEqual(['rejected', 'rejected', 'accepted']);
    expect(new Set(sandbox.receiver.received.map((w) => w.raw)).size).toBe(1);
  });

  it('should count anything but 200 as a failure and give up after the last attempt', async () => {
    sandbox.receiver.respondWith(() => 204);

    const sent = await say('never accepted');
    const record = await settled(sent.delivery_id);

    expect(record.state).toBe('failed');
    expect(record.delivered).toBe(false);
    expect(record.attempts).toHaveLength(5);
  });

  it('should retry a POST that gets no answer within the timeout', async () => {
    await sandbox.close();
    sandbox = await startSandbox({ config: { webhook: { timeoutMs: 150 } } });
    business = await sandbox.createBusiness();
    sandbox.receiver.respondWith(async (w) => {
      if (w.index === 0) await new Promise((resolve) => setTimeout(resolve, 400));
      return 200;
    });

    const record = await settled((await say('slow receiver')).delivery_id);

    expect(record.attempts.map((a) => a.outcome)).toEqual(['error', 'accepted']);
    expect(record.attempts[0]!.error).toContain('150 ms');
  });

  it('should deliver concurrently: a slow answer does not hold back the next webhook', async () => {
    sandbox.receiver.respondWith(async (w) => {
      if (w.index === 0) await new Promise((resolve) => setTimeout(resolve, 300));
      return 200;
    });

    const first = await say('first');
    await sandbox.receiver.waitForCount(1);
    const second = await say('second');
    const secondRecord = await settled(second.delivery_id);

    expect(secondRecord.state).toBe('delivered');
    expect((await delivery(first.delivery_id)).state).toBe('sending');
  });

  it('should deliver each webhook N extra times with the duplicate fault', async () => {
    await sandbox.call('POST', '/_sandbox/faults', { body: { duplicate: 2 } });

    const sent = await say('twice more');
    await sandbox.receiver.waitForCount(3);
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(sandbox.receiver.received).toHaveLength(3);
    expect(new Set(sandbox.receiver.received.map((w) => w.raw)).size).toBe(1);
    const all = (await sandbox.call<{ data: Delivery[] }>('GET', `/_sandbox/deliveries?wamid=${sent.wamid}`)).body.data;
    expect(all).toHaveLength(3);
    expect(all.filter((d) => d.duplicate_of === sent.delivery_id)).toHaveLength(2);
  });

  it('should group the next N webhooks into one POST with several entries, changes and messages', async () => {
    const other = await sandbox.createBusiness({ name: 'Other shop' });
    await sandbox.call('POST', '/_sandbox/faults', { body: { batch: 4 } });

    const a1 = await say('a1', business, '111111111');
    const a2 = await say('a2', business, '222222222');
    const b1 = await say('b1', other);
    const faults = await sandbox.call<{ held: { batch: number } }>('GET', '/_sandbox/faults');
    expect(faults.body.held.batch).toBe(3);
    expect(sandbox.receiver.received).toHaveLength(0);
    await sandbox.call('POST', '/_sandbox/statuses', {
      body: {
        phone_number_id: business.phone_number_id,
        wamid: 'wamid.OUT1',
        status: 'read',
        recipient_id: '111111111',
      },
    });

    const [webhook] = await sandbox.receiver.waitForCount(1);
    const { entry } = webhook!.body;
    expect(entry.map((e) => e.id)).toEqual([business.waba_id, other.waba_id]);
    expect(entry[0]!.changes).toHaveLength(2);
    expect(entry[0]!.changes[0]!.value.messages!.map((m) => m.id)).toEqual([a1.wamid, a2.wamid]);
    expect(entry[0]!.changes[0]!.value.contacts!.map((c) => c.wa_id)).toEqual(['111111111', '222222222']);
    expect(entry[0]!.changes[1]!.value.statuses!.map((s) => s.id)).toEqual(['wamid.OUT1']);
    expect(entry[1]!.changes[0]!.value.messages!.map((m) => m.id)).toEqual([b1.wamid]);
    const member = await delivery(a1.delivery_id);
    expect(member).toMatchObject({ state: 'batched', batched_into: expect.any(String) });
    const grouped = await settled(member.batched_into!);
    expect(grouped.batched_from).toHaveLength(4);

    await say('after the batch');
    await sandbox.receiver.waitForCount(2);
  });

  it('should hold webhooks with reorder and send them newest first when flushed', async () => {
    await sandbox.call('POST', '/_sandbox/faults', { body: { reorder: true } });
    const sent = [await say('one'), await say('two'), await say('three')];
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sandbox.receiver.received).toHaveLength(0);

    const flushed = await sandbox.call('POST', '/_sandbox/faults/flush');
    await sandbox.receiver.waitForCount(3);

    expect(flushed.body).toEqual({ released: { batch: 0, reorder: 3 } });
    expect(wamidsReceived()).toEqual(sent.map((s) => s.wamid).reverse());
  });

  it('should release a numeric reorder by itself once N are held, then stop reordering', async () => {
    await sandbox.call('POST', '/_sandbox/faults', { body: { reorder: 2 } });

    const one = await say('one');
    const two = await say('two');
    await sandbox.receiver.waitForCount(2);
    const three = await say('three');
    await sandbox.receiver.waitForCount(3);

    expect(wamidsReceived()).toEqual([two.wamid, one.wamid, three.wamid]);
    expect((await sandbox.call('GET', '/_sandbox/faults')).body).toMatchObject({ faults: { reorder: false } });
  });

  it('should send held webhooks when the faults are cleared', async () => {
    await sandbox.call('POST', '/_sandbox/faults', { body: { batch: 10 } });
    await say('held');

    const cleared = await sandbox.call('DELETE', '/_sandbox/faults');
    await sandbox.receiver.waitForCount(1);

    expect(cleared.body).toMatchObject({ faults: { batch: 0 }, released: { batch: 1, reorder: 0 } });
  });

  it('should ignore the answers to the first N attempts with fail_first, so the receiver sees a redelivery', async () => {
    await sandbox.call('POST', '/_sandbox/faults', { body: { fail_first: 1 } });

    const record = await settled((await say('lost answer')).delivery_id);

    expect(record.attempts.map((a) => [a.outcome, a.status])).toEqual([
      ['ignored', 200],
      ['accepted', 200],
    ]);
    expect(sandbox.receiver.received).toHaveLength(2);
  });

  it('should not send the first N attempts with drop_first', async () => {
    await sandbox.call('POST', '/_sandbox/faults', { body: { drop_first: 2 } });

    const record = await settled((await say('lost request')).delivery_id);

    expect(record.attempts.map((a) => a.outcome)).toEqual(['dropped', 'dropped', 'accepted']);
    expect(sandbox.receiver.received).toHaveLength(1);
  });

  it('should wait latency_ms before each attempt', async () => {
    await sandbox.call('POST', '/_sandbox/faults', { body: { latency_ms: 200 } });
    const started = Date.now();

    await say('late');
    await sandbox.receiver.waitForCount(1);

    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('should refuse unknown fault names', async () => {
    const res = await sandbox.call('POST', '/_sandbox/faults', { body: { duplicates: 1 } });

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, message: expect.stringContaining('duplicates') });
  });

  it('should deliver statuses for any wamid with Meta pricing on sent and errors on failed', async () => {
    const post = (body: Record<string, unknown>) =>
      sandbox.call('POST', '/_sandbox/statuses', {
        body: { phone_number_id: business.phone_number_id, recipient_id: '16505551234', ...body },
      });

    await post({ wamid: 'wamid.X', status: 'sent', timestamp: 1750030073 });
    await post({ wamid: 'wamid.X', status: 'read' });
    await post({ wamid: 'wamid.Y', status: 'failed' });
    const received = await sandbox.receiver.waitForCount(3);

    const statuses = received.map((w) => w.body.entry[0]!.changes[0]!.value);
    const byStatus = Object.fromEntries(statuses.map((v) => [v.statuses![0]!.status, v]));
    expect(byStatus.sent).toEqual({
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: business.display_phone_number, phone_number_id: business.phone_number_id },
      statuses: [
        {
          id: 'wamid.X',
          status: 'sent',
          timestamp: '1750030073',
          recipient_id: '16505551234',
          pricing: { billable: false, pricing_model: 'PMP', type: 'free_customer_service', category: 'service' },
        },
      ],
    });
    expect(byStatus.read!.statuses![0]).not.toHaveProperty('pricing');
    expect(byStatus.read!.statuses![0]!.timestamp).toMatch(/^\d+$/);
    expect(byStatus.failed!.statuses![0]).toMatchObject({
      id: 'wamid.Y',
      errors: [
        {
          code: 131026,
          title: 'Message undeliverable',
          message: 'Message undeliverable',
          error_data: { details: expect.any(String) },
        },
      ],
    });
    expect(received[0]!.body.entry[0]).not.toHaveProperty('time');
  });

  it('should deliver raw events with entry time and no metadata', async () => {
    const value = {
      event: 'APPROVED',
      message_template_id: 1689556908129835,
      message_template_name: 'x',
      reason: 'NONE',
    };

    const res = await sandbox.call('POST', '/_sandbox/events', {
      body: { waba_id: business.waba_id, field: 'message_template_status_update', value },
    });
    const [webhook] = await sandbox.receiver.waitForCount(1);

    expect(res.status).toBe(200);
    expect(webhook!.body).toEqual({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: business.waba_id,
          time: expect.any(Number),
          changes: [{ field: 'message_template_status_update', value }],
        },
      ],
    });
  });

  it('should refuse customer messages and statuses for a WABA no app is subscribed to, saying why', async () => {
    const unsubscribed = await sandbox.createBusiness({ subscribed: false });

    const message = await sandbox.call('POST', '/_sandbox/customers/16505551234/messages', {
      body: { phone_number_id: unsubscribed.phone_number_id, type: 'text', text: { body: 'hi' } },
    });
    const status = await sandbox.call('POST', '/_sandbox/statuses', {
      body: {
        phone_number_id: unsubscribed.phone_number_id,
        wamid: 'wamid.Z',
        status: 'sent',
        recipient_id: '16505551234',
      },
    });

    expect(message.status).toBe(409);
    expect(message.body).toMatchObject({ statusCode: 409, message: expect.stringContaining('subscribed_apps') });
    expect(status.status).toBe(409);
    expect(sandbox.receiver.received).toHaveLength(0);
  });

  it('should answer 404 for an unknown phone_number_id', async () => {
    const res = await sandbox.call('POST', '/_sandbox/customers/16505551234/messages', {
      body: { phone_number_id: '999999999999999', type: 'text', text: { body: 'hi' } },
    });

    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ message: expect.stringContaining('999999999999999') });
  });

  it('should forget businesses, deliveries and pending retries on reset', async () => {
    sandbox.receiver.respondWith(() => 500);
    await say('will be retried');
    await sandbox.receiver.waitForCount(2);

    await sandbox.call('POST', '/_sandbox/reset');
    // A POST already on the wire when reset aborted it may still land: count from a moment later.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const countAfterReset = sandbox.receiver.received.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const retry = await sandbox.call('POST', '/_sandbox/customers/16505551234/messages', {
      body: { phone_number_id: business.phone_number_id, type: 'text', text: { body: 'hi' } },
    });

    expect(sandbox.receiver.received.length).toBe(countAfterReset);
    expect((await sandbox.call('GET', '/_sandbox/deliveries')).body).toEqual({ data: [] });
    expect(retry.status).toBe(404);
  });

  it('should list deliveries newest first, limited', async () => {
    const first = await say('one');
    const second = await say('two');
    await sandbox.receiver.waitForCount(2);

    const res = await sandbox.call<{ data: Delivery[] }>('GET', '/_sandbox/deliveries?limit=1');

    expect(res.body.data.map((d) => d.id)).toEqual([second.delivery_id]);
    expect(first.delivery_id).not.toBe(second.delivery_id);
  });
});
