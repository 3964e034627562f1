import { type ConversationDto, type MessageDto, type NoteDto, type Page } from '@aerostic/shared';
import { ConversationsController } from '../src/conversations/conversations.controller';
import { addMember, type Member, registerTenant } from './support/builders';
import { connectNumber, InboundHarness } from './support/inbound-harness';
import { text, webhook, type Number } from './support/meta-payloads';
import { createTestApp, type TestApp } from './support/test-app';

describe(ConversationsController.name, () => {
  let t: TestApp;
  let inbound: InboundHarness;
  let admin: Member;
  let agent: Member;
  let other: Member;
  let number: Number & { id: string };
  let second: Number & { id: string };

  beforeAll(async () => {
    t = await createTestApp();
    inbound = new InboundHarness(t);
    await inbound.ready();
    admin = await registerTenant(t, 'Inbox Co');
    agent = await addMember(t, admin, 'agent');
    other = await registerTenant(t, 'Other Co');
    number = await connectNumber(t, admin);
    second = await connectNumber(t, admin);
    // Five customers on the first number, one on the second. Meta's timestamps have one-second resolution:
    // space them so the order of last activity is known.
    const at = (i: number) => ({ timestamp: String(Math.floor(Date.now() / 1000) - 60 + i) });
    const names = ['Ana Lima', 'Bruno Costa', 'Carla Dias', 'Davi Rocha', 'Eva Nunes'];
    for (const [i, name] of names.entries()) {
      const waId = `55119000000${i}`;
      await inbound.deliver(
        webhook(number, { messages: [text(waId, `hello from ${name}`, at(i))], names: { [waId]: name } }),
      );
    }
    await inbound.deliver(
      webhook(second, { messages: [text('551190000009', 'second number', at(10))], names: { '551190000009': 'Zoe' } }),
    );
  });
  afterAll(async () => {
    await inbound.close();
    await t.close();
  });

  const as = (m: Member) => ({
    get: <T>(path: string, status = 200) =>
      t
        .http()
        .get(path)
        .auth(m.token, { type: 'bearer' })
        .expect(status)
        .then((r) => r.body as T),
    patch: <T>(path: string, body: object, status = 200) =>
      t
        .http()
        .patch(path)
        .auth(m.token, { type: 'bearer' })
        .send(body)
        .expect(status)
        .then((r) => r.body as T),
    post: <T>(path: string, body: object, status = 200) =>
      t
        .http()
        .post(path)
        .auth(m.token, { type: 'bearer' })
        .send(body)
        .expect(status)
        .then((r) => r.body as T),
  });
  const list = (query = '') => as(admin).get<Page<ConversationDto>>(`/conversations?limit=50${query}`);
  const byName = async (name: string) => (await list(`&search=${encodeURIComponent(name)}`)).data[0]!;

  it('should list conversations newest first with contact, preview, unread count and window', async () => {
    const page = await list();
    expect(page.data.map((c) => c.contact.displayName)).toEqual([
      'Zoe',
      'Eva Nunes',
      'Davi Rocha',
      'Carla Dias',
      'Bruno Costa',
      'Ana Lima',
    ]);
    expect(page.data[1]).toMatchObject({
      lastMessagePreview: 'hello from Eva Nunes',
      unreadCount: 1,
      window: { open: true, expiresAt: expect.any(String) },
    });
  });

  it('should page through the inbox with a cursor without repeating or skipping', async () => {
    const first = await as(admin).get<Page<ConversationDto>>('/conversations?limit=4');
    const rest = await as(admin).get<Page<ConversationDto>>(`/conversations?limit=4&cursor=${first.nextCursor}`);
    expect(first.data).toHaveLength(4);
    expect(rest.data).toHaveLength(2);
    expect(rest.nextCursor).toBeNull();
    expect(new Set([...first.data, ...rest.data].map((c) => c.id)).size).toBe(6);
  });

  it('should filter by number, search by name or digits, and answer 400 naming a bad filter', async () => {
    expect((await list(`&whatsappAccountId=${second.id}`)).data.map((c) => c.contact.waId)).toEqual(['551190000009']);
    expect((await list('&search=carla')).data.map((c) => c.contact.displayName)).toEqual(['Carla Dias']);
    expect((await list('&search=190000003')).data.map((c) => c.contact.displayName)).toEqual(['Davi Rocha']);
    const res = await t.http().get('/conversations?status=archived').auth(admin.token, { type: 'bearer' }).expect(400);
    expect(res.body).toMatchObject({ fields: { status: expect.stringContaining('open, pending, resolved') } });
  });

  it('should assign to an agent and filter by mine and unassigned', async () => {
    const carla = await byName('Carla');
    const updated = await as(admin).patch<ConversationDto>(`/conversations/${carla.id}`, {
      assigneeId: agent.userId,
      status: 'pending',
    });
    expect(updated).toMatchObject({ assigneeId: agent.userId, status: 'pending' });
    expect((await as(agent).get<Page<ConversationDto>>('/conversations?assigneeId=me')).data.map((c) => c.id)).toEqual([
      carla.id,
    ]);
    expect((await list('&unassigned=true')).data.map((c) => c.id)).not.toContain(carla.id);
    expect((await list('&status=pending')).data.map((c) => c.id)).toEqual([carla.id]);
    await as(admin).patch(`/conversations/${carla.id}`, { assigneeId: null });
    expect((await list('&unassigned=true')).data.map((c) => c.id)).toContain(carla.id);
  });

  it('should refuse an assignee who is not an active member of the workspace', async () => {
    const ana = await byName('Ana');
    const res = await t
      .http()
      .patch(`/conversations/${ana.id}`)
      .auth(admin.token, { type: 'bearer' })
      .send({ assigneeId: other.userId })
      .expect(400);
    expect(res.body).toMatchObject({ fields: { assigneeId: expect.any(String) } });
  });

  it('should clear the unread count when the conversation is read', async () => {
    const bruno = await byName('Bruno');
    expect(bruno.unreadCount).toBe(1);
    expect((await as(agent).post<ConversationDto>(`/conversations/${bruno.id}/read`, {})).unreadCount).toBe(0);
  });

  it('should keep private notes apart from the messages', async () => {
    const eva = await byName('Eva');
    const note = await as(agent).post<NoteDto>(
      `/conversations/${eva.id}/notes`,
      { body: 'VIP: answer within the hour' },
      201,
    );
    expect(note).toMatchObject({
      conversationId: eva.id,
      authorUserId: agent.userId,
      body: 'VIP: answer within the hour',
    });
    expect((await as(admin).get<Page<NoteDto>>(`/conversations/${eva.id}/notes`)).data.map((n) => n.id)).toEqual([
      note.id,
    ]);
    const messages = await as(admin).get<Page<MessageDto>>(`/conversations/${eva.id}/messages`);
    expect(messages.data.map((m) => m.type)).toEqual(['text']);
    await t
      .http()
      .post(`/conversations/${eva.id}/notes`)
      .auth(agent.token, { type: 'bearer' })
      .send({ body: '  ' })
      .expect(400);
  });

  it('should answer 404 to another tenant for every conversation route and change nothing', async () => {
    const davi = await byName('Davi');
    const o = as(other);
    await o.get(`/conversations/${davi.id}`, 404);
    await o.get(`/conversations/${davi.id}/messages`, 404);
    await o.get(`/conversations/${davi.id}/notes`, 404);
    await o.patch(`/conversations/${davi.id}`, { status: 'resolved' }, 404);
    await o.post(`/conversations/${davi.id}/read`, {}, 404);
    await o.post(`/conversations/${davi.id}/notes`, { body: 'sneaky' }, 404);
    expect((await o.get<Page<ConversationDto>>('/conversations')).data).toEqual([]);
    expect(await byName('Davi')).toMatchObject({ status: 'open', unreadCount: 1 });
    await o.get(`/whatsapp/accounts/${number.id}`, 404);
  });
});
