import { type ApiErrorBody, type ContactDto, type ConversationDto, type Page } from '@aerostic/shared';
import { ContactsController } from '../src/contacts/contacts.controller';
import { addMember, type Member, registerTenant } from './support/builders';
import { connectNumber } from './support/inbound-harness';
import { createTestApp, type TestApp } from './support/test-app';

describe(`${ContactsController.name} conversations`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const start = (member: Member, contactId: string, body: object) =>
    t.http().post(`/contacts/${contactId}/conversations`).auth(member.token, { type: 'bearer' }).send(body);

  async function createContact(member: Member, phone: string): Promise<ContactDto> {
    return (
      await t
        .http()
        .post('/contacts')
        .auth(member.token, { type: 'bearer' })
        .send({ phone, name: 'Rita Reis' })
        .expect(201)
    ).body as ContactDto;
  }

  it('should create the conversation once and answer the same one when it is started again', async () => {
    const admin = await registerTenant(t, 'Outreach Co');
    const agent = await addMember(t, admin, 'agent');
    const number = await connectNumber(t, admin);
    const contact = await createContact(admin, '+351 912 345 678');

    const first = (await start(agent, contact.id, { whatsappAccountId: number.id }).expect(200))
      .body as ConversationDto;
    const again = (await start(admin, contact.id, { whatsappAccountId: number.id }).expect(200))
      .body as ConversationDto;

    expect(first).toMatchObject({
      status: 'open',
      whatsappAccountId: number.id,
      assigneeId: null,
      lastMessagePreview: null,
      unreadCount: 0,
      window: { open: false, expiresAt: null },
      contact: { id: contact.id, waId: '351912345678', displayName: 'Rita Reis' },
    });
    expect(again.id).toBe(first.id);
    const inbox = (await t.http().get('/conversations').auth(admin.token, { type: 'bearer' }).expect(200))
      .body as Page<ConversationDto>;
    expect(inbox.data.map((c) => c.id)).toEqual([first.id]);
  });

  it('should answer the conversation the customer started when there is one', async () => {
    const admin = await registerTenant(t);
    const number = await connectNumber(t, admin);
    const contact = await createContact(admin, '+351 912 000 111');
    const [existing] = await t.sql(
      `INSERT INTO conversations (tenant_id, contact_id, whatsapp_account_id, last_inbound_at)
       VALUES ($1, $2, $3, now()) RETURNING id`,
      [admin.tenantId, contact.id, number.id],
    );

    const res = await start(admin, contact.id, { whatsappAccountId: number.id }).expect(200);

    expect((res.body as ConversationDto).id).toBe(existing?.id);
  });

  it('should answer 422 naming the number when it is disconnected and no conversation exists', async () => {
    const admin = await registerTenant(t);
    const number = await connectNumber(t, admin);
    const contact = await createContact(admin, '+351 912 000 222');
    await t.sql(`UPDATE whatsapp_accounts SET status = 'disconnected' WHERE id = $1`, [number.id]);

    const res = await start(admin, contact.id, { whatsappAccountId: number.id }).expect(422);

    expect(res.body as ApiErrorBody).toMatchObject({
      message: expect.stringContaining('disconnected'),
      fields: { whatsappAccountId: expect.stringContaining('disconnected') },
    });
    expect(await t.sql('SELECT id FROM conversations WHERE contact_id = $1', [contact.id])).toEqual([]);
  });

  it("should answer 404 when the contact or the number is another workspace's", async () => {
    const admin = await registerTenant(t, 'Mine Co');
    const other = await registerTenant(t, 'Theirs Co');
    const number = await connectNumber(t, admin);
    const otherNumber = await connectNumber(t, other);
    const contact = await createContact(admin, '+351 912 000 333');
    const otherContact = await createContact(other, '+351 912 000 333');

    const wrongContact = await start(admin, otherContact.id, { whatsappAccountId: number.id }).expect(404);
    const wrongNumber = await start(admin, contact.id, { whatsappAccountId: otherNumber.id }).expect(404);

    expect((wrongContact.body as ApiErrorBody).message).toBe('Contact not found');
    expect((wrongNumber.body as ApiErrorBody).message).toBe('WhatsApp number not found');
    expect(
      await t.sql('SELECT id FROM conversations WHERE contact_id = ANY($1::uuid[])', [[contact.id, otherContact.id]]),
    ).toEqual([]);
  });

  it('should answer 400 naming whatsappAccountId when it is missing', async () => {
    const admin = await registerTenant(t);
    const contact = await createContact(admin, '+351 912 000 444');
    const res = await start(admin, contact.id, {}).expect(400);
    expect((res.body as ApiErrorBody).fields).toEqual({ whatsappAccountId: expect.any(String) });
  });
});
