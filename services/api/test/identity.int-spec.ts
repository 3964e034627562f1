import { randomInt } from 'node:crypto';
import { type ContactDto, type ConversationDto, type MessageDto, type Page } from '@aerostic/shared';
import { ContactsService } from '../src/contacts/contacts.service';
import { type Member, registerTenant } from './support/builders';
import { connectNumber, InboundHarness } from './support/inbound-harness';
import { envelope, newWamid, type Number } from './support/meta-payloads';
import { createTestApp, type TestApp } from './support/test-app';

/** A sender as a 2026 webhook names them: phone number, business-scoped user id, or both. */
interface Sender {
  waId?: string;
  userId?: string;
  username?: string;
  name?: string;
}

/**
 * Customers known by phone number, business-scoped user id (BSUID), or both (docs/adr/0113): stored, found again
 * whichever identity a message carries, merged when one turns out to be another, changed as Meta reports it.
 */
describe(`${ContactsService.name} identities`, () => {
  let t: TestApp;
  let inbound: InboundHarness;
  let admin: Member;
  let number: Number & { id: string };

  beforeAll(async () => {
    t = await createTestApp();
    inbound = new InboundHarness(t);
    await inbound.ready();
    admin = await registerTenant(t, 'Identity Co');
    number = await connectNumber(t, admin);
  });
  afterAll(async () => {
    await inbound.close();
    await t.close();
  });

  let seq = 0;
  const phone = () => `3519200${String(++seq).padStart(5, '0')}`;
  const userId = () => `PT.${randomInt(10 ** 9, 10 ** 10 - 1)}${String(++seq).padStart(10, '0')}`;

  const timestamp = () => String(Math.floor(Date.now() / 1000));

  function messageFrom(sender: Sender, type = 'text', body: Record<string, unknown> = { text: { body: 'Hi' } }) {
    return {
      ...(sender.waId && { from: sender.waId }),
      ...(sender.userId && { from_user_id: sender.userId }),
      id: newWamid(),
      timestamp: timestamp(),
      type,
      ...body,
    };
  }

  /** A messages change as Meta sends it: contacts[] names each sender (none for system messages). */
  function delivery(items: { sender: Sender; message: Record<string, unknown> }[]) {
    const contacts = items
      .filter((i) => i.message.type !== 'system')
      .map(({ sender }) => ({
        profile: { name: sender.name ?? 'Customer', ...(sender.username && { username: sender.username }) },
        ...(sender.waId && { wa_id: sender.waId }),
        ...(sender.userId && { user_id: sender.userId }),
      }));
    return envelope([
      {
        wabaId: number.wabaId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: number.displayPhoneNumber, phone_number_id: number.phoneNumberId },
              ...(contacts.length > 0 && { contacts }),
              messages: items.map((i) => i.message),
            },
          },
        ],
      },
    ]);
  }

  /** Delivers one message per sender, in one webhook; answers the messages sent. */
  async function write(...senders: Sender[]): Promise<Record<string, unknown>[]> {
    const items = senders.map((sender) => ({ sender, message: messageFrom(sender) }));
    await inbound.deliver(delivery(items));
    return items.map((i) => i.message);
  }

  async function contactsHolding(
    ...ids: string[]
  ): Promise<{ id: string; wa_id: string | null; user_id: string | null }[]> {
    return (await t.sql(
      `SELECT id, wa_id, user_id FROM contacts WHERE tenant_id = $1 AND (wa_id = ANY($2) OR user_id = ANY($2))`,
      [admin.tenantId, ids],
    )) as { id: string; wa_id: string | null; user_id: string | null }[];
  }

  const get = <T>(path: string) =>
    t
      .http()
      .get(path)
      .auth(admin.token, { type: 'bearer' })
      .expect(200)
      .then((r) => r.body as T);

  async function conversationsOf(contactId: string): Promise<ConversationDto[]> {
    const contact = await get<ContactDto>(`/contacts/${contactId}`);
    const search = contact.waId ?? contact.username ?? contact.displayName;
    return (await get<Page<ConversationDto>>(`/conversations?search=${encodeURIComponent(search)}`)).data.filter(
      (c) => c.contact.id === contactId,
    );
  }

  async function theConversationOf(contactId: string): Promise<ConversationDto> {
    const conversations = await conversationsOf(contactId);
    expect(conversations).toHaveLength(1);
    return conversations[0]!;
  }

  const messagesIn = async (conversationId: string) =>
    (await get<Page<MessageDto>>(`/conversations/${conversationId}/messages?limit=100`)).data;

  it('should store a message that carries only a user id, and show the username', async () => {
    const customer = { userId: userId(), username: 'ana.lima' };
    const [sent] = await write({ ...customer, name: undefined });

    const [contact] = await contactsHolding(customer.userId);
    expect(contact).toMatchObject({ wa_id: null, user_id: customer.userId });
    const conversation = await theConversationOf(contact!.id);
    expect(conversation.contact).toMatchObject({
      waId: null,
      userId: customer.userId,
      username: 'ana.lima',
      profileName: 'Customer',
      displayName: 'Customer',
    });
    const [stored] = await messagesIn(conversation.id);
    expect(stored).toMatchObject({ wamid: sent!.id, type: 'text', content: { text: { body: 'Hi' } } });
    expect(stored?.content).not.toHaveProperty('from_user_id');
  });

  it('should call a customer with neither name nor username "WhatsApp user"', async () => {
    const id = userId();
    await inbound.deliver(
      envelope([
        {
          wabaId: number.wabaId,
          changes: [
            {
              field: 'messages',
              value: {
                metadata: { phone_number_id: number.phoneNumberId },
                contacts: [{ user_id: id }],
                messages: [messageFrom({ userId: id })],
              },
            },
          ],
        },
      ]),
    );

    const [contact] = await contactsHolding(id);
    expect((await get<ContactDto>(`/contacts/${contact!.id}`)).displayName).toBe('WhatsApp user');
  });

  it('should add the phone number to the contact of a user id when a later message carries both', async () => {
    const customer = { userId: userId(), waId: phone(), username: 'bo' };
    await write({ userId: customer.userId, username: 'bo' });
    await write(customer);

    const contacts = await contactsHolding(customer.userId, customer.waId);
    expect(contacts).toEqual([{ id: expect.any(String), wa_id: customer.waId, user_id: customer.userId }]);
    const conversation = await theConversationOf(contacts[0]!.id);
    expect(await messagesIn(conversation.id)).toHaveLength(2);
    expect(conversation.unreadCount).toBe(2);
  });

  it('should add the user id to the contact of a phone number when a later message carries both', async () => {
    const customer = { userId: userId(), waId: phone() };
    await write({ waId: customer.waId });
    await write(customer);
    await write({ userId: customer.userId });

    const contacts = await contactsHolding(customer.userId, customer.waId);
    expect(contacts).toEqual([{ id: expect.any(String), wa_id: customer.waId, user_id: customer.userId }]);
    expect(await messagesIn((await theConversationOf(contacts[0]!.id)).id)).toHaveLength(3);
  });

  it('should merge the contact of a phone number and the contact of a user id when a message links them', async () => {
    const customer = { userId: userId(), waId: phone() };
    await write({ waId: customer.waId, name: 'Phone Contact' });
    await write({ userId: customer.userId });
    const [byPhone, byUser] = [
      (await contactsHolding(customer.waId))[0]!,
      (await contactsHolding(customer.userId))[0]!,
    ];
    expect(byPhone.id).not.toBe(byUser.id);
    await t
      .http()
      .patch(`/contacts/${byUser.id}`)
      .auth(admin.token, { type: 'bearer' })
      .send({ tags: ['vip'], attributes: { city: 'Porto' } })
      .expect(200);

    await write(customer);

    const contacts = await contactsHolding(customer.userId, customer.waId);
    // The older contact stays, with both identities and what the other one had.
    expect(contacts).toEqual([{ id: byPhone.id, wa_id: customer.waId, user_id: customer.userId }]);
    const merged = await get<ContactDto>(`/contacts/${byPhone.id}`);
    expect(merged).toMatchObject({ tags: ['vip'], attributes: { city: 'Porto' }, profileName: 'Customer' });
    const conversation = await theConversationOf(byPhone.id);
    expect(await messagesIn(conversation.id)).toHaveLength(3);
    expect(conversation.unreadCount).toBe(3);
    await t.http().get(`/contacts/${byUser.id}`).auth(admin.token, { type: 'bearer' }).expect(404);
  });

  it('should resolve a batch of mixed senders: new, known, linked within the batch, and linking two contacts', async () => {
    const known = { waId: phone() };
    const linking = { waId: phone(), userId: userId() };
    const fresh = { waId: phone(), userId: userId() };
    await write(known);
    await write({ waId: linking.waId });
    await write({ userId: linking.userId });

    const senders: Sender[] = [
      { userId: fresh.userId },
      known,
      linking,
      { waId: fresh.waId },
      fresh,
      { userId: userId() },
      { waId: phone() },
    ];
    await write(...senders);

    for (const customer of [known, linking, fresh] as Sender[]) {
      const ids = [customer.waId!, ...(customer.userId ? [customer.userId] : [])];
      const contacts = await contactsHolding(...ids);
      expect(contacts).toHaveLength(1);
      const expected = senders.filter((s) => (s.waId && ids.includes(s.waId)) || (s.userId && ids.includes(s.userId)));
      const earlier = customer === fresh ? 0 : customer === known ? 1 : 2;
      expect(await messagesIn((await theConversationOf(contacts[0]!.id)).id)).toHaveLength(expected.length + earlier);
    }
  });

  it('should not create two contacts when two batches bring the same new customer at once', async () => {
    const customer = { userId: userId(), waId: phone() };
    await Promise.all([
      write({ userId: customer.userId }),
      write(customer),
      write({ waId: customer.waId }),
      write({ userId: customer.userId }),
    ]);

    const contacts = await contactsHolding(customer.userId, customer.waId);
    expect(contacts).toHaveLength(1);
    expect(await messagesIn((await theConversationOf(contacts[0]!.id)).id)).toHaveLength(4);
  });

  it('should move the contact to the new number and user id when the customer changed number', async () => {
    const before = { waId: phone(), userId: userId() };
    const after = { waId: phone(), userId: userId() };
    await write(before);
    const system = messageFrom(before, 'system', {
      system: {
        body: `User Customer changed from ${before.waId} to ${after.waId}`,
        wa_id: after.waId,
        type: 'user_changed_number',
        user_id: after.userId,
        previous_user_id: before.userId,
      },
    });
    await inbound.deliver(delivery([{ sender: before, message: system }]));
    await write(after);

    expect(await contactsHolding(before.waId, before.userId)).toEqual([]);
    const [contact] = await contactsHolding(after.waId, after.userId);
    expect(contact).toMatchObject({ wa_id: after.waId, user_id: after.userId });
    const messages = await messagesIn((await theConversationOf(contact!.id)).id);
    expect(messages.map((m) => m.type).sort()).toEqual(['system', 'text', 'text']);
  });

  it('should drop the old user id when a changed number comes without the new one', async () => {
    const before = { waId: phone(), userId: userId() };
    const newNumber = phone();
    await write(before);
    const system = messageFrom({ waId: before.waId }, 'system', {
      system: { body: 'changed', wa_id: newNumber, type: 'user_changed_number' },
    });
    await inbound.deliver(delivery([{ sender: { waId: before.waId }, message: system }]));

    const [contact] = await contactsHolding(newNumber);
    expect(contact).toMatchObject({ wa_id: newNumber, user_id: null });
  });

  it('should change only the user id when Meta reports user_changed_user_id', async () => {
    const customer = { waId: phone(), userId: userId() };
    const next = userId();
    await write(customer);
    const system = messageFrom(customer, 'system', {
      system: { type: 'user_changed_user_id', user_id: next, previous_user_id: customer.userId },
    });
    await inbound.deliver(delivery([{ sender: customer, message: system }]));

    expect(await contactsHolding(customer.waId, customer.userId, next)).toEqual([
      { id: expect.any(String), wa_id: customer.waId, user_id: next },
    ]);
  });

  it('should store the phone number a customer shared on request, merging with the contact that had it', async () => {
    const customer = { userId: userId(), waId: phone(), username: 'dee' };
    await write({ waId: customer.waId, name: 'Old Dee' });
    await write({ userId: customer.userId, username: 'dee' });
    const [byUser] = await contactsHolding(customer.userId);
    const reply = messageFrom({ userId: customer.userId }, 'contacts', {
      contacts: [
        {
          name: { formatted_name: 'Dee' },
          phones: [{ phone: `+${customer.waId}`, wa_id: customer.waId, type: 'MOBILE' }],
          origin: 'contact_request',
        },
      ],
    });
    // A second later than the messages before it, so that it is the conversation's newest.
    reply.timestamp = String(Number(reply.timestamp) + 1);
    await inbound.deliver(delivery([{ sender: { userId: customer.userId, username: 'dee' }, message: reply }]));

    const contacts = await contactsHolding(customer.userId, customer.waId);
    expect(contacts).toEqual([{ id: expect.any(String), wa_id: customer.waId, user_id: customer.userId }]);
    expect(contacts[0]!.id).not.toBe(byUser!.id);
    const conversation = await theConversationOf(contacts[0]!.id);
    expect(conversation.lastMessagePreview).toBe('Shared their phone number');
    const messages = await messagesIn(conversation.id);
    expect(messages).toHaveLength(3);
    expect(messages.find((m) => m.wamid === reply.id)?.content).toMatchObject({
      contacts: [{ origin: 'contact_request' }],
    });
  });
});
