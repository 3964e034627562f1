import { type AutomationRuleDto, type AutomationSettingsDto, type BusinessHoursDto, type Page } from '@aerostic/shared';
import { AutomationController } from '../src/automation/automation.controller';
import { addMember, deactivation, type Member, registerTenant } from './support/builders';
import { connectNumber } from './support/inbound-harness';
import { createTestApp, type TestApp } from './support/test-app';
import { TestClock } from './support/test-clock';
import { Clock } from '../src/common/clock/clock';

const keywordRule = {
  name: 'Prices',
  enabled: true,
  trigger: { type: 'message_received', keywords: ['price', 'cost'], match: 'contains' },
  conditions: [{ type: 'conversation_status', statuses: ['open', 'pending'] }],
  actions: [{ type: 'reply_text', text: 'Our prices are on example.test/prices' }],
};

describe(AutomationController.name, () => {
  let t: TestApp;
  let admin: Member;
  let agent: Member;
  let other: Member;
  const clock = new TestClock();

  beforeAll(async () => {
    t = await createTestApp({}, { providers: [{ provide: Clock, useValue: clock }] });
    admin = await registerTenant(t, 'Rules Co');
    agent = await addMember(t, admin, 'agent');
    other = await registerTenant(t, 'Other Co');
  });
  afterAll(async () => {
    await t.close();
  });

  const as = (member: Member) => ({
    get: (path: string) => t.http().get(path).auth(member.token, { type: 'bearer' }),
    post: (path: string, body: object) => t.http().post(path).auth(member.token, { type: 'bearer' }).send(body),
    patch: (path: string, body: object) => t.http().patch(path).auth(member.token, { type: 'bearer' }).send(body),
    put: (path: string, body: object) => t.http().put(path).auth(member.token, { type: 'bearer' }).send(body),
    delete: (path: string) => t.http().delete(path).auth(member.token, { type: 'bearer' }),
  });
  const fieldsOf = (res: { body: unknown }) => (res.body as { fields: Record<string, string> }).fields;

  it('should create, read, list, change and delete a rule in running order', async () => {
    const created = (await as(admin).post('/automation/rules', keywordRule).expect(201)).body as AutomationRuleDto;
    expect(created).toMatchObject({ ...keywordRule, stopAfter: false, position: expect.any(Number) as number });
    const second = (
      await as(admin)
        .post('/automation/rules', { ...keywordRule, name: 'Second', stopAfter: true })
        .expect(201)
    ).body as AutomationRuleDto;
    expect(second.position).toBe(created.position + 1);

    expect((await as(admin).get(`/automation/rules/${created.id}`).expect(200)).body).toEqual(created);
    const list = (await as(admin).get('/automation/rules').expect(200)).body as Page<AutomationRuleDto>;
    expect(list.data.map((r) => r.name)).toEqual(['Prices', 'Second']);

    const moved = (
      await as(admin).patch(`/automation/rules/${created.id}`, { position: 5, enabled: false }).expect(200)
    ).body as AutomationRuleDto;
    expect(moved).toMatchObject({ position: 5, enabled: false, name: 'Prices', actions: keywordRule.actions });
    const reordered = (await as(admin).get('/automation/rules').expect(200)).body as Page<AutomationRuleDto>;
    expect(reordered.data.map((r) => r.name)).toEqual(['Second', 'Prices']);

    await as(admin).delete(`/automation/rules/${second.id}`).expect(204);
    await as(admin).get(`/automation/rules/${second.id}`).expect(404);
  });

  it('should answer 404 to another workspace for every route of a rule', async () => {
    const rule = (await as(admin).post('/automation/rules', keywordRule).expect(201)).body as AutomationRuleDto;
    await as(other).get(`/automation/rules/${rule.id}`).expect(404);
    await as(other).patch(`/automation/rules/${rule.id}`, { enabled: false }).expect(404);
    await as(other).delete(`/automation/rules/${rule.id}`).expect(404);
    const theirs = (await as(other).get('/automation/rules').expect(200)).body as Page<AutomationRuleDto>;
    expect(theirs.data).toEqual([]);
    expect((await as(admin).get(`/automation/rules/${rule.id}`).expect(200)).body).toMatchObject({ enabled: true });
  });

  it('should let only admins configure rules, and any member read runs and business hours', async () => {
    await as(agent).post('/automation/rules', keywordRule).expect(403);
    await as(agent).get('/automation/rules').expect(403);
    await as(agent).put('/automation/settings', { maxAutomatedMessagesPerHour: 3 }).expect(403);
    await as(agent).get('/automation/runs').expect(200);
    await as(agent).get('/automation/business-hours').expect(200);
  });

  it('should name the field of each invalid part of a rule', async () => {
    const invalid = async (body: object) => fieldsOf(await as(admin).post('/automation/rules', body).expect(400));

    expect(await invalid({ ...keywordRule, name: '' })).toHaveProperty('name');
    expect(await invalid({ ...keywordRule, trigger: { type: 'sometimes' } })).toHaveProperty(['trigger.type']);
    expect(await invalid({ ...keywordRule, trigger: { type: 'no_reply' } })).toHaveProperty(['trigger.minutes']);
    expect(
      await invalid({ ...keywordRule, trigger: { type: 'message_received', keywords: ['(oops'], match: 'regex' } }),
    ).toHaveProperty(['trigger.keywords.0']);
    expect(await invalid({ ...keywordRule, actions: [] })).toHaveProperty('actions');
    expect(await invalid({ ...keywordRule, actions: [{ type: 'assign', strategy: 'agent' }] })).toHaveProperty([
      'actions.0.agentId',
    ]);
  });

  it('should refuse members, numbers and templates the workspace does not have, naming the field', async () => {
    const leaver = await addMember(t, admin, 'agent');
    await deactivation(t, admin, leaver.userId).expect(200);
    const theirNumber = await connectNumber(t, other);
    const theirTeam = (await as(other).post('/teams', { name: 'Their team' }).expect(201)).body as { id: string };
    const ownTeam = (await as(admin).post('/teams', { name: 'Own team' }).expect(201)).body as { id: string };
    const res = await as(admin)
      .post('/automation/rules', {
        ...keywordRule,
        conditions: [
          { type: 'number', whatsappAccountIds: [theirNumber.id] },
          { type: 'assignee', is: 'agent', agentId: other.userId },
        ],
        actions: [
          { type: 'assign', strategy: 'agent', agentId: leaver.userId },
          { type: 'send_template', name: 'not_there', language: 'en_US' },
          { type: 'reply_text', text: 'Hello' },
          { type: 'assign', strategy: 'round_robin', teamId: theirTeam.id },
        ],
      })
      .expect(400);
    expect(fieldsOf(res)).toEqual({
      'conditions.0.whatsappAccountIds': expect.stringContaining(theirNumber.id) as string,
      'conditions.1.agentId': 'agentId must be an active member of this workspace',
      'actions.0.agentId': 'agentId must be an active member of this workspace',
      'actions.1.name': expect.stringContaining('No template not_there') as string,
      'actions.3.teamId': 'teamId must be a team of this workspace',
    });
    const ok = await as(admin)
      .post('/automation/rules', {
        ...keywordRule,
        actions: [{ type: 'assign', strategy: 'agent', agentId: agent.userId, teamId: ownTeam.id }],
      })
      .expect(201);
    expect(ok.body).toMatchObject({ actions: [{ type: 'assign', agentId: agent.userId, teamId: ownTeam.id }] });
  });

  it('should check template variables against the template as campaigns do', async () => {
    const number = await connectNumber(t, admin);
    await t.sql(
      `INSERT INTO templates (tenant_id, waba_id, meta_template_id, name, language, category, status, components)
       VALUES ($1, $2, 'tpl-1', 'follow_up', 'en_US', 'UTILITY', 'APPROVED', $3)`,
      [admin.tenantId, number.wabaId, JSON.stringify([{ type: 'BODY', text: 'Hi {{1}}, still need help?' }])],
    );
    const withVariables = (variables: object) => ({
      ...keywordRule,
      actions: [{ type: 'send_template', name: 'follow_up', language: 'en_US', variables }],
    });
    const unmapped = await as(admin).post('/automation/rules', withVariables({})).expect(400);
    expect(fieldsOf(unmapped)).toHaveProperty(['actions.0.variables.1']);
    const unknown = await as(admin)
      .post('/automation/rules', withVariables({ '1': { field: 'shoeSize' } }))
      .expect(400);
    expect(fieldsOf(unknown)['actions.0.variables.1.field']).toMatch(/not a contact field/);
    await as(admin)
      .post('/automation/rules', withVariables({ '1': { field: 'displayName' } }))
      .expect(201);
  });

  it('should refuse call_webhook while the workspace has no event webhook, then accept it', async () => {
    const res = await as(admin)
      .post('/automation/rules', { ...keywordRule, actions: [{ type: 'call_webhook' }] })
      .expect(400);
    expect(fieldsOf(res)['actions.0.type']).toMatch(/no event webhook of this workspace/);
    await as(admin)
      .post('/integrations/webhooks', { url: 'https://crm.example.test/hooks', events: ['message.received'] })
      .expect(201);
    await as(admin)
      .post('/automation/rules', { ...keywordRule, name: 'Webhook', actions: [{ type: 'call_webhook' }] })
      .expect(201);
  });

  it('should answer business hours open around the clock until set, then the hours set', async () => {
    const initial = (await as(admin).get('/automation/business-hours').expect(200)).body as BusinessHoursDto;
    expect(initial).toMatchObject({ timeZone: 'UTC', openNow: true, holidays: [] });
    expect(initial.weekly.monday).toEqual([{ from: '00:00', to: '24:00' }]);

    const hours = {
      timeZone: 'Europe/Lisbon',
      weekly: { monday: [{ from: '09:00', to: '17:00' }], tuesday: [{ from: '09:00', to: '12:30' }] },
      holidays: [{ date: '2026-12-25', name: 'Christmas' }],
    };
    const saved = (await as(admin).put('/automation/business-hours', hours).expect(200)).body as BusinessHoursDto;
    expect(saved).toMatchObject({ timeZone: 'Europe/Lisbon', holidays: hours.holidays });
    expect(saved.weekly).toMatchObject({ monday: hours.weekly.monday, sunday: [] });

    // A Monday at 10:00 in Lisbon (UTC+0 in winter), then the same Monday at 18:00, then Christmas Day.
    clock.offsetMs = Date.parse('2026-12-07T10:00:00Z') - Date.now();
    expect((await as(admin).get('/automation/business-hours').expect(200)).body).toMatchObject({ openNow: true });
    clock.offsetMs = Date.parse('2026-12-07T18:00:00Z') - Date.now();
    expect((await as(admin).get('/automation/business-hours').expect(200)).body).toMatchObject({ openNow: false });
    clock.offsetMs = 0;

    const bad = await as(admin)
      .put('/automation/business-hours', {
        ...hours,
        timeZone: 'Mars/Olympus',
        weekly: { monday: [{ from: '9', to: '17:00' }] },
      })
      .expect(400);
    expect(fieldsOf(bad)).toHaveProperty('timeZone');
    expect(fieldsOf(bad)).toHaveProperty(['weekly.monday.0.from']);
    expect((await as(other).get('/automation/business-hours').expect(200)).body).toMatchObject({ timeZone: 'UTC' });
  });

  it('should keep a cap of 10 automated messages per conversation and hour until changed', async () => {
    expect((await as(admin).get('/automation/settings').expect(200)).body).toEqual({ maxAutomatedMessagesPerHour: 10 });
    const saved = (await as(admin).put('/automation/settings', { maxAutomatedMessagesPerHour: 3 }).expect(200))
      .body as AutomationSettingsDto;
    expect(saved).toEqual({ maxAutomatedMessagesPerHour: 3 });
    const bad = await as(admin).put('/automation/settings', { maxAutomatedMessagesPerHour: -1 }).expect(400);
    expect(fieldsOf(bad)).toHaveProperty('maxAutomatedMessagesPerHour');
    expect((await as(other).get('/automation/settings').expect(200)).body).toEqual({ maxAutomatedMessagesPerHour: 10 });
  });
});
