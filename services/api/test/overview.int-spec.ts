import { type ApiErrorBody, type OverviewDto } from '@aerostic/shared';
import { OverviewController } from '../src/overview/overview.controller';
import { UnknownTimeZoneError } from '../src/overview/overview.errors';
import { OverviewRepository } from '../src/overview/overview.repository';
import { addMember, type Member, registerTenant } from './support/builders';
import { connectNumber } from './support/inbound-harness';
import { seedConversation, seedMessage } from './support/inbox-builders';
import { createTestApp, type TestApp } from './support/test-app';

const HOUR = 3600_000;

describe(OverviewController.name, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const overview = async (member: Member, query = '', status = 200) =>
    (await t.http().get(`/dashboard/overview${query}`).auth(member.token, { type: 'bearer' }).expect(status))
      .body as OverviewDto;

  /** A moment inside today's UTC day, `hours` after its midnight, never in the future. */
  function todayUtc(hours: number): Date {
    const midnight = new Date();
    midnight.setUTCHours(0, 0, 0, 0);
    return new Date(Math.min(midnight.getTime() + hours * HOUR, Date.now()));
  }

  it("should count today's messages, failed sends, open and unassigned conversations when the workspace has traffic", async () => {
    const admin = await registerTenant(t, 'Busy Co');
    const agent = await addMember(t, admin, 'agent');
    const number = await connectNumber(t, admin);
    const unassigned = await seedConversation(t, admin, number.id, { name: 'Ana' });
    const mine = await seedConversation(t, admin, number.id, { name: 'Bruno', assigneeId: agent.userId });
    await seedConversation(t, admin, number.id, { name: 'Carla', status: 'resolved' });
    await seedConversation(t, admin, number.id, { name: 'Davi', status: 'pending' });

    const yesterday = new Date(todayUtc(0).getTime() - 1);
    await seedMessage(t, admin, unassigned.id, { direction: 'inbound', createdAt: todayUtc(0) });
    await seedMessage(t, admin, unassigned.id, { direction: 'inbound' });
    await seedMessage(t, admin, mine.id, { direction: 'inbound' });
    await seedMessage(t, admin, mine.id, { direction: 'outbound', status: 'delivered' });
    await seedMessage(t, admin, mine.id, { direction: 'outbound', status: 'failed' });
    // Yesterday's traffic does not count towards today.
    await seedMessage(t, admin, mine.id, { direction: 'inbound', createdAt: yesterday });
    await seedMessage(t, admin, mine.id, { direction: 'outbound', status: 'failed', createdAt: yesterday });

    const result = await overview(agent);

    expect(result.messages).toEqual({ inbound: 3, outbound: 2, failed: 1 });
    expect(result.conversations).toEqual({ open: 2, unassigned: 1 });
    expect(result.day).toEqual({
      date: todayUtc(0).toISOString().slice(0, 10),
      timeZone: 'UTC',
      start: todayUtc(0).toISOString(),
      end: new Date(todayUtc(0).getTime() + 24 * HOUR).toISOString(),
    });
  });

  it('should list the five most recently active conversations, newest first, with their contact', async () => {
    const admin = await registerTenant(t, 'Recent Co');
    const number = await connectNumber(t, admin);
    const names = ['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven'];
    for (const [i, name] of names.entries()) {
      await seedConversation(t, admin, number.id, { name, lastMessageAt: new Date(Date.now() - (10 - i) * 60_000) });
    }

    const result = await overview(admin);

    expect(result.recentConversations.map((c) => c.contact.displayName)).toEqual([
      'Seven',
      'Six',
      'Five',
      'Four',
      'Three',
    ]);
    expect(result.recentConversations[0]).toMatchObject({ status: 'open', whatsappAccountId: number.id });
  });

  it("should count only the caller's workspace when another workspace has traffic", async () => {
    const quiet = await registerTenant(t, 'Quiet Co');
    const busy = await registerTenant(t, 'Loud Co');
    const number = await connectNumber(t, busy);
    const conversation = await seedConversation(t, busy, number.id);
    await seedMessage(t, busy, conversation.id, { direction: 'inbound' });
    await seedMessage(t, busy, conversation.id, { direction: 'outbound', status: 'failed' });

    const result = await overview(quiet);

    expect(result.messages).toEqual({ inbound: 0, outbound: 0, failed: 0 });
    expect(result.conversations).toEqual({ open: 0, unassigned: 0 });
    expect(result.recentConversations).toEqual([]);
    expect((await overview(busy)).messages).toEqual({ inbound: 1, outbound: 1, failed: 1 });
  });

  it('should follow the calendar day of the time zone asked for when one is given', async () => {
    const admin = await registerTenant(t, 'Kolkata Co');
    const number = await connectNumber(t, admin);
    const conversation = await seedConversation(t, admin, number.id);

    // India is UTC+05:30 all year: its midnight is 18:30 UTC the day before.
    const result = await overview(admin, '?timeZone=Asia/Kolkata');
    const localNow = new Date(Date.now() + 5.5 * HOUR);
    const localMidnight =
      Date.UTC(localNow.getUTCFullYear(), localNow.getUTCMonth(), localNow.getUTCDate()) - 5.5 * HOUR;
    expect(result.day).toEqual({
      date: localNow.toISOString().slice(0, 10),
      timeZone: 'Asia/Kolkata',
      start: new Date(localMidnight).toISOString(),
      end: new Date(localMidnight + 24 * HOUR).toISOString(),
    });

    await seedMessage(t, admin, conversation.id, { direction: 'inbound', createdAt: new Date(localMidnight - 1) });
    await seedMessage(t, admin, conversation.id, { direction: 'inbound', createdAt: new Date(localMidnight) });
    expect((await overview(admin, '?timeZone=Asia/Kolkata')).messages.inbound).toBe(1);
  });

  it('should answer 400 naming timeZone when it is not a time zone', async () => {
    const admin = await registerTenant(t, 'Typo Co');
    const res = await t
      .http()
      .get('/dashboard/overview?timeZone=Mars/Olympus')
      .auth(admin.token, { type: 'bearer' })
      .expect(400);
    expect((res.body as ApiErrorBody).fields).toEqual({ timeZone: expect.stringContaining('IANA time zone') });
  });

  it('should refuse, naming timeZone, a zone the database does not know when the runtime accepted it', async () => {
    const refused = t.app.get(OverviewRepository).today('Nowhere/Land');
    await expect(refused).rejects.toBeInstanceOf(UnknownTimeZoneError);
    await expect(refused).rejects.toMatchObject({ fields: { timeZone: expect.stringContaining('Nowhere/Land') } });
  });

  it('should answer 401 when the request has no token', async () => {
    await t.http().get('/dashboard/overview').expect(401);
  });
});
