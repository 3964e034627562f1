import { type Business, GRAPH_VERSION, type Sandbox, startSandbox } from '../test-support/sandbox-harness';
import type { ReceivedValue } from '../test-support/webhook-receiver';

type Customer = {
  user_id: string;
  parent_user_id: string | null;
  username: string | null;
  wa_id: string | null;
  phone_shared: boolean;
  profile_name: string | null;
};
type Sent = { wamid: string; delivery_id: string; message: Record<string, unknown>; customer?: Customer };
type OutboxEntry = { wamid: string; to: string | null; recipient: string | null; request: Record<string, unknown> };

const USER_ID = /^US\.\d{20}$/;

describe('customers with business-scoped user ids (/_sandbox/customers)', () => {
  let sandbox: Sandbox;
  let business: Business;
  let token: string;
  let seq = 0;
  const phone = () => `3519100${String(++seq).padStart(5, '0')}`;

  beforeAll(async () => {
    sandbox = await startSandbox();
    business = await sandbox.createBusiness({ name: 'Usernames Co' });
    token = await sandbox.exchangeCode(business.code);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  async function createCustomer(body: Record<string, unknown>): Promise<Customer> {
    const res = await sandbox.call<Customer>('POST', '/_sandbox/customers', { body });
    expect(res.status).toBe(201);
    return res.body;
  }

  /** The value of the webhook that carried this wamid. */
  async function valueOf(wamid: string): Promise<ReceivedValue> {
    await sandbox.receiver.waitFor((all) => all.some((w) => w.raw.includes(wamid)));
    return sandbox.receiver.received.find((w) => w.raw.includes(wamid))!.body.entry[0]!.changes[0]!.value;
  }

  async function write(id: string, body: Record<string, unknown>): Promise<{ sent: Sent; value: ReceivedValue }> {
    const res = await sandbox.call<Sent>('POST', `/_sandbox/customers/${id}/messages`, {
      body: { phone_number_id: business.phone_number_id, ...body },
    });
    expect(res.status).toBe(200);
    return { sent: res.body, value: await valueOf(res.body.wamid) };
  }

  const send = (message: Record<string, unknown>) =>
    sandbox.call<Record<string, unknown>>('POST', `/${GRAPH_VERSION}/${business.phone_number_id}/messages`, {
      token,
      body: { messaging_product: 'whatsapp', recipient_type: 'individual', ...message },
    });

  async function statusesOf(wamid: string, count: number): Promise<Record<string, unknown>[]> {
    await sandbox.receiver.waitFor(
      (all) => all.filter((w) => w.raw.includes(wamid) && w.raw.includes('"statuses"')).length >= count,
    );
    return sandbox.receiver.received
      .filter((w) => w.raw.includes(wamid) && w.raw.includes('"statuses"'))
      .map((w) => w.body.entry[0]!.changes[0]!.value.statuses![0] as Record<string, unknown>);
  }

  it('should write as a username-only customer with from_user_id and no phone number', async () => {
    const customer = await createCustomer({ username: 'ana.lima', wa_id: phone(), profile_name: 'Ana' });
    expect(customer).toEqual({
      user_id: expect.stringMatching(USER_ID),
      parent_user_id: null,
      username: 'ana.lima',
      wa_id: expect.any(String),
      phone_shared: false,
      profile_name: 'Ana',
    });

    const { sent, value } = await write(customer.user_id, { type: 'text', text: { body: 'Hi' } });

    expect(value.contacts).toEqual([{ profile: { name: 'Ana', username: 'ana.lima' }, user_id: customer.user_id }]);
    expect(value.messages![0]).toEqual({
      from_user_id: customer.user_id,
      id: sent.wamid,
      timestamp: expect.stringMatching(/^\d{10}$/),
      type: 'text',
      text: { body: 'Hi' },
    });
  });

  it('should carry the phone number beside the user id once the customer shares it', async () => {
    const customer = await createCustomer({
      username: 'bo',
      wa_id: phone(),
      parent_user_id: 'US.ENT.11815799212886844830',
    });
    const shared = await sandbox.call<Customer>('POST', `/_sandbox/customers/${customer.user_id}/share-phone`);
    expect(shared.body.phone_shared).toBe(true);

    const { value } = await write(customer.user_id, { type: 'text', text: { body: 'Here I am' } });

    expect(value.contacts).toEqual([
      {
        profile: { name: `Customer ${customer.wa_id!.slice(-4)}`, username: 'bo' },
        wa_id: customer.wa_id,
        user_id: customer.user_id,
        parent_user_id: 'US.ENT.11815799212886844830',
      },
    ]);
    expect(value.messages![0]).toMatchObject({ from: customer.wa_id, from_user_id: customer.user_id });
  });

  it('should accept a send by recipient and answer and report it with the user id only', async () => {
    const customer = await createCustomer({ username: 'carla', wa_id: phone() });
    await write(customer.user_id, { type: 'text', text: { body: 'Hello?' } });

    const res = await send({ recipient: customer.user_id, type: 'text', text: { body: 'Hello Carla' } });

    expect(res.status).toBe(200);
    const wamid = (res.body.messages as { id: string }[])[0]!.id;
    expect(res.body.contacts).toEqual([{ input: customer.user_id, user_id: customer.user_id }]);
    const outbox = (await sandbox.call<{ data: OutboxEntry[] }>('GET', '/_sandbox/outbox')).body.data;
    expect(outbox.find((e) => e.wamid === wamid)).toMatchObject({ to: null, recipient: customer.user_id });
    const statuses = await statusesOf(wamid, 3);
    expect(statuses.map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    for (const status of statuses) {
      expect(status.recipient_user_id).toBe(customer.user_id);
      expect(status).not.toHaveProperty('recipient_id');
    }
  });

  it('should name both the number and the user id in the answer and statuses of a send by number', async () => {
    const customer = await createCustomer({ wa_id: phone() });
    expect(customer.phone_shared).toBe(true);
    await write(customer.wa_id!, { type: 'text', text: { body: 'Hi' } });

    const res = await send({ to: customer.wa_id, type: 'text', text: { body: 'Hi back' } });

    expect(res.body.contacts).toEqual([{ input: customer.wa_id, wa_id: customer.wa_id, user_id: customer.user_id }]);
    const [sent] = await statusesOf((res.body.messages as { id: string }[])[0]!.id, 1);
    expect(sent).toMatchObject({ recipient_id: customer.wa_id, recipient_user_id: customer.user_id });
  });

  it('should refuse a send with neither to nor recipient, and a recipient that is not a user id', async () => {
    const missing = await send({ type: 'text', text: { body: 'x' } });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('to');

    const bad = await send({ recipient: 'not-a-user-id', type: 'text', text: { body: 'x' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('recipient');
  });

  it('should accept a request_contact_info message and refuse one whose action is not named so', async () => {
    const customer = await createCustomer({ username: 'fred', wa_id: phone() });
    await write(customer.user_id, { type: 'text', text: { body: 'Hi' } });
    const interactive = { type: 'request_contact_info', body: { text: 'Your number?' } };

    const ok = await send({
      recipient: customer.user_id,
      type: 'interactive',
      interactive: { ...interactive, action: { name: 'request_contact_info' } },
    });
    const bad = await send({
      recipient: customer.user_id,
      type: 'interactive',
      interactive: { ...interactive, action: { name: 'other' } },
    });

    expect(ok.status).toBe(200);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('interactive.action.name');
  });

  it('should answer a request for the number with a contacts message from the user id, origin contact_request', async () => {
    const customer = await createCustomer({ username: 'dee', wa_id: phone(), profile_name: 'Dee' });

    const res = await sandbox.call<Sent>('POST', `/_sandbox/customers/${customer.user_id}/contact-info`, {
      body: { phone_number_id: business.phone_number_id },
    });

    expect(res.status).toBe(200);
    expect(res.body.customer?.phone_shared).toBe(true);
    const value = await valueOf(res.body.wamid);
    expect(value.messages![0]).toMatchObject({
      from_user_id: customer.user_id,
      type: 'contacts',
      contacts: [
        {
          name: { formatted_name: 'Dee' },
          phones: [{ phone: `+${customer.wa_id}`, wa_id: customer.wa_id, type: 'MOBILE' }],
          origin: 'contact_request',
        },
      ],
    });
    expect(value.messages![0]).not.toHaveProperty('from');
  });

  it('should report a changed number with the new user id and answer to the new ones only', async () => {
    const customer = await createCustomer({ wa_id: phone() });
    const newNumber = phone();

    const res = await sandbox.call<Sent>('POST', `/_sandbox/customers/${customer.user_id}/change-number`, {
      body: { phone_number_id: business.phone_number_id, wa_id: newNumber },
    });

    const next = res.body.customer!;
    expect(next).toMatchObject({ wa_id: newNumber, user_id: expect.stringMatching(USER_ID) });
    expect(next.user_id).not.toBe(customer.user_id);
    const value = await valueOf(res.body.wamid);
    expect(value).not.toHaveProperty('contacts');
    expect(value.messages![0]).toMatchObject({
      from: customer.wa_id,
      from_user_id: customer.user_id,
      type: 'system',
      system: {
        type: 'user_changed_number',
        wa_id: newNumber,
        user_id: next.user_id,
        previous_user_id: customer.user_id,
      },
    });
    expect((await sandbox.call('GET', `/_sandbox/customers/${customer.user_id}`)).status).toBe(404);
    expect((await sandbox.call<Customer>('GET', `/_sandbox/customers/${newNumber}`)).body.user_id).toBe(next.user_id);
  });

  it('should refuse messages from a user id nobody created, and a second customer with the same number', async () => {
    const unknown = await sandbox.call('POST', '/_sandbox/customers/US.99999999999999999999/messages', {
      body: { phone_number_id: business.phone_number_id, type: 'text', text: { body: 'x' } },
    });
    expect(unknown.status).toBe(404);

    const waId = phone();
    await createCustomer({ wa_id: waId });
    expect((await sandbox.call('POST', '/_sandbox/customers', { body: { wa_id: waId } })).status).toBe(409);
  });

  it('should send statuses with only recipient_user_id when the control call gives only that', async () => {
    const customer = await createCustomer({ username: 'eve' });
    const res = await sandbox.call<{ status: Record<string, unknown> }>('POST', '/_sandbox/statuses', {
      body: {
        phone_number_id: business.phone_number_id,
        wamid: 'wamid.TEST',
        status: 'delivered',
        recipient_user_id: customer.user_id,
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toMatchObject({ recipient_user_id: customer.user_id });
    expect(res.body.status).not.toHaveProperty('recipient_id');

    const neither = await sandbox.call('POST', '/_sandbox/statuses', {
      body: { phone_number_id: business.phone_number_id, wamid: 'wamid.TEST', status: 'read' },
    });
    expect(neither.status).toBe(400);
  });
});
