import { APP_ID, APP_SECRET, GRAPH_VERSION, type Sandbox, startSandbox } from '../test-support/sandbox-harness';

type DebugToken = { data: Record<string, unknown> & { is_valid: boolean; expires_at?: number } };
type GraphErrorBody = { error: { message: string; code: number; error_subcode?: number } };

const v = GRAPH_VERSION;
const HEALTH_FIELDS =
  'quality_rating,messaging_limit_tier,whatsapp_business_manager_messaging_limit,throughput,status,name_status,verified_name,display_phone_number';

describe('control API: a number’s token and health', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await startSandbox();
  });

  afterEach(async () => {
    await sandbox.close();
  });

  /** A business whose Embedded Signup code was exchanged, as a platform that connected it holds it. */
  async function connected(body: Record<string, unknown> = {}) {
    const business = await sandbox.createBusiness(body);
    const token = await sandbox.exchangeCode(business.code);
    return { ...business, token };
  }

  const debugToken = (token: string) =>
    sandbox.call<DebugToken>(
      'GET',
      `/${v}/debug_token?${new URLSearchParams({ input_token: token, access_token: `${APP_ID}|${APP_SECRET}` })}`,
    );
  const setToken = (phoneNumberId: string, body: unknown) =>
    sandbox.call('POST', `/_sandbox/phone-numbers/${phoneNumberId}/token`, { body });
  const nowSeconds = () => Math.floor(sandbox.clock.now() / 1000);

  it('should describe a fresh token as valid and never expiring, in Meta’s shape', async () => {
    const b = await connected();

    const res = await debugToken(b.token);

    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      app_id: APP_ID,
      type: 'SYSTEM_USER',
      application: expect.any(String),
      data_access_expires_at: 0,
      expires_at: 0,
      is_valid: true,
      issued_at: nowSeconds(),
      scopes: expect.arrayContaining(['whatsapp_business_management', 'whatsapp_business_messaging']),
      granular_scopes: [
        { scope: 'whatsapp_business_management', target_ids: [b.waba_id] },
        { scope: 'whatsapp_business_messaging', target_ids: [b.waba_id] },
      ],
      user_id: expect.stringMatching(/^\d+$/),
    });
  });

  it('should give an expiring token an expiry three days out by default, and keep accepting it until then', async () => {
    const b = await connected();

    const set = await setToken(b.phone_number_id, { state: 'expiring' });
    const debug = await debugToken(b.token);
    const number = await sandbox.call('GET', `/${v}/${b.phone_number_id}?fields=quality_rating`, { token: b.token });

    const expiresAt = nowSeconds() + 3 * 24 * 3600;
    expect(set).toMatchObject({
      status: 200,
      body: {
        phone_number_id: b.phone_number_id,
        waba_id: b.waba_id,
        tokens: 1,
        state: 'expiring',
        expires_at: expiresAt,
      },
    });
    expect(debug.body.data).toMatchObject({ is_valid: true, expires_at: expiresAt });
    expect(debug.body.data).not.toHaveProperty('error');
    expect(number.status).toBe(200);
  });

  it('should refuse an expiring token once the clock passes its expiry, with code 190 and subcode 463', async () => {
    const b = await connected();
    await setToken(b.phone_number_id, { state: 'expiring', expires_in_seconds: 60 });

    sandbox.clock.advance(61_000);
    const debug = await debugToken(b.token);
    const call = await sandbox.call<GraphErrorBody>('GET', `/${v}/${b.phone_number_id}`, { token: b.token });

    expect(debug.status).toBe(200);
    expect(debug.body.data).toMatchObject({
      app_id: APP_ID,
      type: 'SYSTEM_USER',
      is_valid: false,
      expires_at: nowSeconds() - 1,
      error: {
        code: 190,
        subcode: 463,
        message: expect.stringMatching(/^Error validating access token: Session has expired/),
      },
      user_id: expect.any(String),
    });
    expect(call.status).toBe(401);
    expect(call.body.error).toMatchObject({ code: 190, error_subcode: 463 });
  });

  it('should refuse a revoked token with subcode 458, and accept it again once set valid', async () => {
    const b = await connected();

    await setToken(b.phone_number_id, { state: 'revoked' });
    const revoked = await debugToken(b.token);
    const refused = await sandbox.call<GraphErrorBody>('GET', `/${v}/${b.waba_id}/phone_numbers`, { token: b.token });
    await setToken(b.phone_number_id, { state: 'valid' });
    const restored = await debugToken(b.token);

    expect(revoked.body.data).toMatchObject({
      is_valid: false,
      error: {
        code: 190,
        subcode: 458,
        message: `Error validating access token: The user has not authorized application ${APP_ID}.`,
      },
      scopes: [],
      granular_scopes: [],
    });
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ code: 190, error_subcode: 458 });
    expect(restored.body.data).toMatchObject({ is_valid: true, expires_at: 0 });
  });

  it('should expire a token at once when told, and leave other businesses’ tokens alone', async () => {
    const b = await connected();
    const other = await connected();

    const set = await setToken(b.phone_number_id, { state: 'expired' });

    expect(set.body).toMatchObject({ state: 'expired', expires_at: nowSeconds() - 1 });
    expect((await debugToken(b.token)).body.data).toMatchObject({ is_valid: false, error: { subcode: 463 } });
    expect((await debugToken(other.token)).body.data).toMatchObject({ is_valid: true });
  });

  it('should answer 404 for an unknown number, 409 before a token exists and 400 naming bad fields', async () => {
    const unexchanged = await sandbox.createBusiness();

    const unknown = await setToken('123', { state: 'expired' });
    const noToken = await setToken(unexchanged.phone_number_id, { state: 'expired' });
    const bad = await setToken(unexchanged.phone_number_id, { state: 'expired', expires_in_seconds: 5 });
    const badState = await setToken(unexchanged.phone_number_id, { state: 'sleepy' });

    expect(unknown.status).toBe(404);
    expect(noToken).toMatchObject({
      status: 409,
      body: { message: expect.stringMatching(/exchange its Embedded Signup code/) },
    });
    expect(bad).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^expires_in_seconds:/) } });
    expect(badState).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^state:/) } });
  });

  it('should change the number’s quality, limit, throughput and status as the Graph API then reports them', async () => {
    const b = await connected({ quality_rating: 'GREEN', messaging_limit_tier: 'TIER_250' });
    await sandbox.call('POST', `/${v}/${b.phone_number_id}/register`, {
      token: b.token,
      body: { messaging_product: 'whatsapp', pin: '123456' },
    });
    const before = await sandbox.call('GET', `/${v}/${b.phone_number_id}?fields=${HEALTH_FIELDS}`, { token: b.token });

    const changed = await sandbox.call('PATCH', `/_sandbox/phone-numbers/${b.phone_number_id}`, {
      body: { quality_rating: 'RED', messaging_limit_tier: 'TIER_10K', throughput_level: 'HIGH', status: 'FLAGGED' },
    });
    const after = await sandbox.call('GET', `/${v}/${b.phone_number_id}?fields=${HEALTH_FIELDS}`, { token: b.token });
    await sandbox.call('PATCH', `/_sandbox/phone-numbers/${b.phone_number_id}`, { body: { status: null } });
    const reset = await sandbox.call('GET', `/${v}/${b.phone_number_id}?fields=status`, { token: b.token });

    expect(before.body).toEqual({
      quality_rating: 'GREEN',
      messaging_limit_tier: 'TIER_250',
      whatsapp_business_manager_messaging_limit: 'TIER_250',
      throughput: { level: 'STANDARD' },
      status: 'CONNECTED',
      name_status: 'APPROVED',
      verified_name: expect.any(String),
      display_phone_number: expect.stringMatching(/^\+1 555-010-\d{4}$/),
      id: b.phone_number_id,
    });
    expect(changed).toMatchObject({
      status: 200,
      body: {
        phone_number_id: b.phone_number_id,
        quality_rating: 'RED',
        messaging_limit_tier: 'TIER_10K',
        throughput_level: 'HIGH',
        status: 'FLAGGED',
      },
    });
    expect(after.body).toMatchObject({
      quality_rating: 'RED',
      messaging_limit_tier: 'TIER_10K',
      whatsapp_business_manager_messaging_limit: 'TIER_10K',
      throughput: { level: 'HIGH' },
      status: 'FLAGGED',
    });
    expect(reset.body).toEqual({ status: 'CONNECTED', id: b.phone_number_id });
  });

  it('should refuse an empty or unknown change of a number, naming the field', async () => {
    const b = await sandbox.createBusiness();

    const empty = await sandbox.call('PATCH', `/_sandbox/phone-numbers/${b.phone_number_id}`, { body: {} });
    const wrong = await sandbox.call('PATCH', `/_sandbox/phone-numbers/${b.phone_number_id}`, {
      body: { quality_rating: 'PURPLE' },
    });
    const unknown = await sandbox.call('PATCH', '/_sandbox/phone-numbers/42', { body: { quality_rating: 'RED' } });

    expect(empty).toMatchObject({ status: 400, body: { message: expect.stringMatching(/at least one field/) } });
    expect(wrong).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^quality_rating:/) } });
    expect(unknown.status).toBe(404);
  });

  it('should fail the next Graph reads with a transient 500 under graph_5xx, but not sends', async () => {
    const b = await connected();
    await sandbox.call('POST', `/_sandbox/faults`, { body: { graph_5xx: 2 } });

    const debug = await sandbox.call<GraphErrorBody & { error: { is_transient?: boolean } }>(
      'GET',
      `/${v}/debug_token?${new URLSearchParams({ input_token: b.token, access_token: `${APP_ID}|${APP_SECRET}` })}`,
    );
    const send = await sandbox.call('POST', `/${v}/${b.phone_number_id}/messages`, {
      token: b.token,
      body: {
        messaging_product: 'whatsapp',
        to: '15550001111',
        type: 'template',
        template: { name: 'x', language: { code: 'en' } },
      },
    });
    const number = await sandbox.call('GET', `/${v}/${b.phone_number_id}`, { token: b.token });
    const after = await sandbox.call('GET', `/${v}/${b.phone_number_id}`, { token: b.token });

    expect(debug.status).toBe(500);
    expect(debug.body.error).toMatchObject({ code: 1, is_transient: true });
    expect(send.body).not.toMatchObject({ error: { code: 1 } });
    expect(number.status).toBe(500);
    expect(after.status).toBe(200);
  });
});
