import {
  type ContactDto,
  type ConversationDto,
  type MessageDto,
  type Page,
  type WhatsAppAccountDto,
} from '@aerostic/shared';
import { SendMessageService } from '../src/messages/send-message.service';
import { type Member, registerTenant } from './support/builders';
import { eventually } from './support/eventually';
import { type MetaStack, planMetaStack, startMetaStack } from './support/meta-stack';
import { json, type Service } from './support/processes';
import { createTestApp, type TestApp } from './support/test-app';

type SandboxCustomer = { user_id: string; wa_id: string | null; username: string | null };
type OutboxEntry = { wamid: string; to: string | null; recipient: string | null; request: Record<string, unknown> };

/**
 * A customer who hides their number behind a username, every part real (docs/adr/0113): their message reaches the
 * inbox through the sandbox and webhook-worker, the agent's reply reaches them by `recipient` through the
 * message-worker, and the number they share on request lands on the same contact and conversation.
 */
describe(`${SendMessageService.name} to customers known by user id (sandbox ↔ workers ↔ API)`, () => {
  let t: TestApp;
  let stack: MetaStack;
  let sandbox: Service;
  let admin: Member;
  let account: WhatsAppAccountDto;

  beforeAll(async () => {
    const plan = await planMetaStack();
    t = await createTestApp(plan.appEnv);
    stack = await startMetaStack(t, plan, { webhookWorker: true, messageWorker: true });
    sandbox = stack.sandbox;
    admin = await registerTenant(t, 'Usernames Co');
    account = await stack.connectNumber(admin, 'Usernames Co');
  });
  afterAll(async () => {
    await stack?.stop();
    await t.close();
  });

  const get = async <T>(path: string) =>
    (await t.http().get(path).auth(admin.token, { type: 'bearer' }).expect(200)).body as T;
  const outbox = async () =>
    (await json<{ data: OutboxEntry[] }>(`${sandbox.url}/_sandbox/outbox?phone_number_id=${account.phoneNumberId}`))
      .data;
  const customerWrites = (id: string, body: string) =>
    json<{ wamid: string }>(`${sandbox.url}/_sandbox/customers/${id}/messages`, {
      body: { phone_number_id: account.phoneNumberId, type: 'text', text: { body } },
    });
  const send = async (conversationId: string, body: object) =>
    (
      await t
        .http()
        .post(`/conversations/${conversationId}/messages`)
        .auth(admin.token, { type: 'bearer' })
        .send(body)
        .expect(201)
    ).body as MessageDto;
  const messagesIn = async (conversationId: string) =>
    (await get<Page<MessageDto>>(`/conversations/${conversationId}/messages?limit=50`)).data;

  it('should store, answer by recipient, ask for the number and keep one contact and conversation when it comes', async () => {
    const customer = await json<SandboxCustomer>(`${sandbox.url}/_sandbox/customers`, {
      body: { username: 'rita.r', wa_id: '351913000001', profile_name: 'Rita' },
    });
    const first = await customerWrites(customer.user_id, 'Hello, is the shop open?');

    const [conversation] = await eventually(
      async () => (await get<Page<ConversationDto>>('/conversations?search=rita.r')).data,
      (list) => list.length === 1,
    );
    expect(conversation!.contact).toMatchObject({
      waId: null,
      userId: customer.user_id,
      username: 'rita.r',
      displayName: 'Rita',
    });
    expect((await messagesIn(conversation!.id)).map((m) => m.wamid)).toEqual([first.wamid]);

    const reply = await send(conversation!.id, { type: 'text', text: { body: 'Yes, until 7 pm' } });
    const delivered = await eventually(
      async () => (await messagesIn(conversation!.id)).find((m) => m.id === reply.id),
      (m) => m?.status === 'read',
    );
    const [sent] = (await outbox()).filter((e) => e.wamid === delivered!.wamid);
    expect(sent).toMatchObject({ to: null, recipient: customer.user_id });
    expect(sent!.request).not.toHaveProperty('to');

    const ask = await send(conversation!.id, {
      type: 'interactive',
      interactive: {
        type: 'request_contact_info',
        body: { text: 'May we have your number for the delivery?' },
        action: { name: 'request_contact_info' },
      },
    });
    await eventually(
      async () => (await messagesIn(conversation!.id)).find((m) => m.id === ask.id)?.status,
      (status) => status === 'read',
    );
    await json(`${sandbox.url}/_sandbox/customers/${customer.user_id}/contact-info`, {
      body: { phone_number_id: account.phoneNumberId },
    });

    const contact = await eventually(
      () => get<ContactDto>(`/contacts/${conversation!.contact.id}`),
      (c) => c.waId === '351913000001',
    );
    expect(contact).toMatchObject({ userId: customer.user_id, username: 'rita.r' });
    const shared = await eventually(
      () => messagesIn(conversation!.id),
      (list) => list.some((m) => m.type === 'contacts'),
    );
    expect(shared.find((m) => m.type === 'contacts')?.content).toMatchObject({
      contacts: [{ origin: 'contact_request', phones: [{ wa_id: '351913000001' }] }],
    });

    // From now on the customer's messages carry both; the reply goes by number.
    await customerWrites(customer.user_id, 'Thanks!');
    await eventually(
      () => messagesIn(conversation!.id),
      (list) => list.filter((m) => m.direction === 'inbound').length === 3,
    );
    expect((await get<Page<ContactDto>>('/contacts?search=rita.r')).data).toHaveLength(1);
    const byNumber = await send(conversation!.id, { type: 'text', text: { body: 'See you' } });
    const wamid = await eventually(
      async () => (await messagesIn(conversation!.id)).find((m) => m.id === byNumber.id)?.wamid,
      (w) => Boolean(w),
    );
    expect((await outbox()).find((e) => e.wamid === wamid)).toMatchObject({ to: '351913000001', recipient: null });
  });
});
