import { GRAPH_VERSION, type Sandbox, startSandbox } from '../test-support/sandbox-harness';
import type { ReceivedBody } from '../test-support/webhook-receiver';

const v = GRAPH_VERSION;
type Change = ReceivedBody['entry'][number]['changes'][number] & { time?: number; wabaId: string };

describe('control API: marketing preferences and number health webhooks', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await startSandbox();
  });
  afterEach(async () => {
    await sandbox.close();
  });

  async function connected(body: Record<string, unknown> = {}) {
    const business = await sandbox.createBusiness(body);
    const token = await sandbox.exchangeCode(business.code);
    return { ...business, token };
  }

  /** The first delivered change of `field`, with its entry's WABA and time. */
  async function delivered(field: string): Promise<Change> {
    const find = () =>
      sandbox.receiver.received
        .flatMap((w) => w.body.entry.flatMap((e) => e.changes.map((c) => ({ ...c, time: e.time, wabaId: e.id }))))
        .find((c) => c.field === field);
    await sandbox.receiver.waitFor(() => find() !== undefined);
    return find()!;
  }

  const numberFields = (b: { phone_number_id: string; token: string }) =>
    sandbox.call<Record<string, unknown>>(
      'GET',
      `/${v}/${b.phone_number_id}?fields=quality_rating,status,throughput,whatsapp_business_manager_messaging_limit`,
      { token: b.token },
    );

  it('should send user_preferences in Meta’s shape when a customer stops marketing messages', async () => {
    const b = await connected();
    const res = await sandbox.call('POST', '/_sandbox/user-preferences', {
      body: {
        phone_number_id: b.phone_number_id,
        wa_id: '16505551234',
        user_id: 'US.13491208655302741918',
        value: 'stop',
        timestamp: 1765000000,
      },
    });

    expect(res.status).toBe(200);
    const change = await delivered('user_preferences');
    expect(change.wabaId).toBe(b.waba_id);
    expect(change.value).toEqual({
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: b.display_phone_number, phone_number_id: b.phone_number_id },
      contacts: [{ profile: { name: 'Sandbox customer' }, wa_id: '16505551234', user_id: 'US.13491208655302741918' }],
      user_preferences: [
        {
          wa_id: '16505551234',
          user_id: 'US.13491208655302741918',
          detail: 'User requested to stop marketing messages',
          category: 'marketing_messages',
          value: 'stop',
          timestamp: 1765000000,
        },
      ],
    });
  });

  it('should refuse a preference that names no customer, or a value Meta does not send', async () => {
    const b = await connected();
    const none = await sandbox.call('POST', '/_sandbox/user-preferences', {
      body: { phone_number_id: b.phone_number_id, value: 'stop' },
    });
    const odd = await sandbox.call('POST', '/_sandbox/user-preferences', {
      body: { phone_number_id: b.phone_number_id, wa_id: '16505551234', value: 'pause' },
    });
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.body)).toContain('give wa_id, user_id or both');
    expect(odd.status).toBe(400);
    expect(JSON.stringify(odd.body)).toContain('value');
  });

  it('should flag a number: the webhook says FLAGGED and Graph reads show RED and FLAGGED', async () => {
    const b = await connected({ messaging_limit_tier: 'TIER_2K' });
    await sandbox.call('POST', `/_sandbox/phone-numbers/${b.phone_number_id}/quality-events`, {
      body: { event: 'FLAGGED', time: 1765000100 },
    });

    const change = await delivered('phone_number_quality_update');
    expect(change).toMatchObject({ wabaId: b.waba_id, time: 1765000100 });
    expect(change.value).toEqual({
      display_phone_number: b.display_phone_number,
      event: 'FLAGGED',
      max_daily_conversations_per_business: 'TIER_2K',
    });
    expect((await numberFields(b)).body).toMatchObject({ quality_rating: 'RED', status: 'FLAGGED' });
  });

  it('should need the new limit for an upgrade, and raise throughput for THROUGHPUT_UPGRADE', async () => {
    const b = await connected();
    const path = `/_sandbox/phone-numbers/${b.phone_number_id}/quality-events`;
    expect((await sandbox.call('POST', path, { body: { event: 'UPGRADE' } })).status).toBe(400);

    await sandbox.call('POST', path, { body: { event: 'THROUGHPUT_UPGRADE', messaging_limit_tier: 'TIER_UNLIMITED' } });
    const change = await delivered('phone_number_quality_update');
    expect(change.value).toMatchObject({
      event: 'THROUGHPUT_UPGRADE',
      max_daily_conversations_per_business: 'TIER_UNLIMITED',
    });
    expect((await numberFields(b)).body).toMatchObject({
      throughput: { level: 'HIGH' },
      whatsapp_business_manager_messaging_limit: 'TIER_UNLIMITED',
    });
  });

  it('should restrict the WABA’s numbers with account_update ACCOUNT_RESTRICTION', async () => {
    const b = await connected();
    const restriction = {
      restriction_type: 'RESTRICTED_BIZ_INITIATED_MESSAGING',
      expiration: '2026-12-13T08:00:00+0000',
    };
    const res = await sandbox.call('POST', `/_sandbox/wabas/${b.waba_id}/account-updates`, {
      body: { event: 'ACCOUNT_RESTRICTION', restriction_info: [restriction] },
    });

    expect(res.status).toBe(200);
    const change = await delivered('account_update');
    expect(change.value).toEqual({
      event: 'ACCOUNT_RESTRICTION',
      restriction_info: [restriction],
      waba_info: { waba_id: b.waba_id, owner_business_id: b.business_id },
    });
    expect((await numberFields(b)).body).toMatchObject({ status: 'RESTRICTED' });
    const missing = await sandbox.call('POST', `/_sandbox/wabas/${b.waba_id}/account-updates`, {
      body: { event: 'DISABLED_UPDATE' },
    });
    expect(missing.status).toBe(400);
  });

  it('should send a template’s quality change with its previous score and numeric id', async () => {
    const b = await connected();
    const created = await sandbox.call<{ id: string }>('POST', `/${v}/${b.waba_id}/message_templates`, {
      token: b.token,
      body: {
        name: 'spring_sale',
        language: 'en_US',
        category: 'MARKETING',
        components: [{ type: 'BODY', text: 'Spring sale: 20% off' }],
      },
    });
    await sandbox.call('POST', `/_sandbox/templates/${created.body.id}/quality`, {
      body: { new_quality_score: 'YELLOW' },
    });

    const change = await delivered('message_template_quality_update');
    expect(change.value).toEqual({
      previous_quality_score: 'UNKNOWN',
      new_quality_score: 'YELLOW',
      message_template_id: Number(created.body.id),
      message_template_name: 'spring_sale',
      message_template_language: 'en_US',
    });
  });

  it('should send business_capability_update and raise every number’s messaging limit', async () => {
    const b = await connected();
    await sandbox.call('POST', `/_sandbox/wabas/${b.waba_id}/capabilities`, {
      body: { max_daily_conversations_per_business: 10000 },
    });

    const change = await delivered('business_capability_update');
    expect(change.value).toEqual({
      max_daily_conversations_per_business: 10000,
      max_phone_numbers_per_business: 2,
      max_phone_numbers_per_waba: 2,
    });
    expect((await numberFields(b)).body).toMatchObject({ whatsapp_business_manager_messaging_limit: 'TIER_10K' });
    const odd = await sandbox.call('POST', `/_sandbox/wabas/${b.waba_id}/capabilities`, {
      body: { max_daily_conversations_per_business: 1234 },
    });
    expect(odd.status).toBe(400);
  });

  it('should price a marketing template’s statuses as billable marketing, and a reply as free service', async () => {
    const b = await connected();
    const created = await sandbox.call<{ id: string }>('POST', `/${v}/${b.waba_id}/message_templates`, {
      token: b.token,
      body: { name: 'promo', language: 'en_US', category: 'MARKETING', components: [{ type: 'BODY', text: 'Promo' }] },
    });
    await sandbox.call('POST', `/_sandbox/templates/${created.body.id}/status`, { body: { status: 'APPROVED' } });
    const send = (body: Record<string, unknown>) =>
      sandbox.call<{ messages: { id: string }[] }>('POST', `/${v}/${b.phone_number_id}/messages`, {
        token: b.token,
        body: { messaging_product: 'whatsapp', to: '16505550123', ...body },
      });
    const template = await send({ type: 'template', template: { name: 'promo', language: { code: 'en_US' } } });
    await sandbox.call('POST', '/_sandbox/customers/16505550123/window', {
      body: { phone_number_id: b.phone_number_id, last_inbound_at: Math.floor(sandbox.clock.now() / 1000) },
    });
    const reply = await send({ type: 'text', text: { body: 'Thanks!' } });

    const statusesOf = (wamid: string) =>
      sandbox.receiver.received
        .flatMap((w) => w.body.entry.flatMap((e) => e.changes.flatMap((c) => c.value.statuses ?? [])))
        .filter((s) => s.id === wamid);
    await sandbox.receiver.waitFor(() =>
      [template, reply].every((r) => statusesOf(r.body.messages[0]!.id).length >= 3),
    );
    const pricing = (wamid: string) => statusesOf(wamid).map((s) => [s.status, s.pricing]);
    expect(pricing(template.body.messages[0]!.id)).toEqual([
      ['sent', { billable: true, pricing_model: 'PMP', type: 'regular', category: 'marketing' }],
      ['delivered', { billable: true, pricing_model: 'PMP', type: 'regular', category: 'marketing' }],
      ['read', undefined],
    ]);
    expect(pricing(reply.body.messages[0]!.id)[0]).toEqual([
      'sent',
      { billable: false, pricing_model: 'PMP', type: 'free_customer_service', category: 'service' },
    ]);
  });
});
