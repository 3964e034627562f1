import { type Page, type TeamMemberDto } from '@aerostic/shared';
import { UsersController } from '../src/users/users.controller';
import { addMember, registerTenant } from './support/builders';
import { connectNumber } from './support/inbound-harness';
import { seedConversation } from './support/inbox-builders';
import { createTestApp, type TestApp } from './support/test-app';

describe(`${UsersController.name} workload`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('should give each member the number of open conversations assigned to them', async () => {
    const admin = await registerTenant(t, 'Workload Co');
    const busy = await addMember(t, admin, 'agent');
    const idle = await addMember(t, admin, 'agent');
    const number = await connectNumber(t, admin);
    await seedConversation(t, admin, number.id, { assigneeId: busy.userId });
    await seedConversation(t, admin, number.id, { assigneeId: busy.userId });
    await seedConversation(t, admin, number.id, { assigneeId: admin.userId });
    // Pending, resolved and unassigned conversations are nobody's open work.
    await seedConversation(t, admin, number.id, { assigneeId: busy.userId, status: 'pending' });
    await seedConversation(t, admin, number.id, { assigneeId: busy.userId, status: 'resolved' });
    await seedConversation(t, admin, number.id);

    const page = (await t.http().get('/users').auth(idle.token, { type: 'bearer' }).expect(200))
      .body as Page<TeamMemberDto>;

    const counts = Object.fromEntries(page.data.map((m) => [m.id, m.openConversationCount]));
    expect(counts).toEqual({ [admin.userId]: 1, [busy.userId]: 2, [idle.userId]: 0 });
  });

  it("should count each page's members when the list is paged", async () => {
    const admin = await registerTenant(t, 'Paged Co');
    const agent = await addMember(t, admin, 'agent');
    const number = await connectNumber(t, admin);
    await seedConversation(t, admin, number.id, { assigneeId: agent.userId });

    const first = (await t.http().get('/users?limit=1').auth(admin.token, { type: 'bearer' }).expect(200))
      .body as Page<TeamMemberDto>;
    const second = (
      await t.http().get(`/users?limit=1&cursor=${first.nextCursor}`).auth(admin.token, { type: 'bearer' }).expect(200)
    ).body as Page<TeamMemberDto>;

    expect(first.data.map((m) => [m.id, m.openConversationCount])).toEqual([[admin.userId, 0]]);
    expect(second.data.map((m) => [m.id, m.openConversationCount])).toEqual([[agent.userId, 1]]);
  });
});
