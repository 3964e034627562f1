import { APP_ID, APP_SECRET, GRAPH_VERSION, type Sandbox, startSandbox } from '../test-support/sandbox-harness';

type GraphErrorBody = {
  error: { message: string; type: string; code: number; error_subcode?: number; fbtrace_id: string };
};

const v = GRAPH_VERSION;
const oauthPath = (code: string, secret = APP_SECRET, clientId = APP_ID) =>
  `/${v}/oauth/access_token?${new URLSearchParams({ client_id: clientId, client_secret: secret, code })}`;

describe('Embedded Signup over the Graph API', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    sandbox = await startSandbox();
  });

  afterEach(async () => {
    await sandbox.close();
  });

  it('should walk businesses → oauth → debug_token → subscribed_apps → register → phone_numbers → number fields', async () => {
    const created = await sandbox.call<Record<string, string>>('POST', '/_sandbox/businesses', {
      body: { name: "Jasper's Market", display_phone_number: '15550100001', throughput_level: 'HIGH' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      code: expect.stringMatching(/^AQ\w{100,}$/),
      waba_id: expect.stringMatching(/^\d{15,16}$/),
      phone_number_id: expect.stringMatching(/^\d{15,16}$/),
      display_phone_number: '15550100001',
      business_id: expect.stringMatching(/^\d{15,16}$/),
    });
    const { code, waba_id: wabaId, phone_number_id: phoneNumberId, business_id: businessId } = created.body;

    const exchanged = await sandbox.call('GET', oauthPath(code!));
    expect(exchanged.status).toBe(200);
    expect(exchanged.headers.get('facebook-api-version')).toBe(v);
    expect(exchanged.body).toEqual({ access_token: expect.stringMatching(/^EAA\w+$/), token_type: 'bearer' });
    const token = exchanged.body.access_token as string;

    const debug = await sandbox.call(
      'GET',
      `/${v}/debug_token?${new URLSearchParams({ input_token: token, access_token: `${APP_ID}|${APP_SECRET}` })}`,
    );
    expect(debug.status).toBe(200);
    expect(debug.body).toEqual({
      data: expect.objectContaining({
        app_id: APP_ID,
        type: 'SYSTEM_USER',
        application: expect.any(String),
        is_valid: true,
        expires_at: 0,
        scopes: expect.arrayContaining(['whatsapp_business_management', 'whatsapp_business_messaging']),
        granular_scopes: [
          { scope: 'whatsapp_business_management', target_ids: [wabaId] },
          { scope: 'whatsapp_business_messaging', target_ids: [wabaId] },
        ],
        user_id: expect.stringMatching(/^\d+$/),
      }),
    });
    expect(businessId).toBeDefined();

    expect((await sandbox.call('GET', `/${v}/${wabaId}/subscribed_apps`, { token })).body).toEqual({ data: [] });
    const subscribed = await sandbox.call('POST', `/${v}/${wabaId}/subscribed_apps`, { token });
    expect(subscribed).toMatchObject({ status: 200, body: { success: true } });
    expect((await sandbox.call('GET', `/${v}/${wabaId}/subscribed_apps`, { token })).body).toEqual({
      data: [{ whatsapp_business_api_data: { id: APP_ID, name: expect.any(String), link: expect.any(String) } }],
    });

    const registered = await sandbox.call('POST', `/${v}/${phoneNumberId}/register`, {
      token,
      body: { messaging_product: 'whatsapp', pin: '123456' },
    });
    expect(registered).toMatchObject({ status: 200, body: { success: true } });

    const numbers = await sandbox.call('GET', `/${v}/${wabaId}/phone_numbers`, { token });
    expect(numbers.status).toBe(200);
    expect(numbers.body).toEqual({
      data: [
        {
          verified_name: "Jasper's Market",
          code_verification_status: 'VERIFIED',
          display_phone_number: '+1 555-010-0001',
          quality_rating: 'GREEN',
          platform_type: 'CLOUD_API',
          throughput: { level: 'HIGH' },
          last_onboarded_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/),
          id: phoneNumberId,
        },
      ],
      paging: { cursors: { before: expect.any(String), after: expect.any(String) } },
    });

    const fields =
      'throughput,whatsapp_business_manager_messaging_limit,display_phone_number,verified_name,quality_rating';
    const number = await sandbox.call('GET', `/${v}/${phoneNumberId}?fields=${fields}`, { token });
    expect(number.body).toEqual({
      throughput: { level: 'HIGH' },
      whatsapp_business_manager_messaging_limit: 'TIER_250',
      display_phone_number: '+1 555-010-0001',
      verified_name: "Jasper's Market",
      quality_rating: 'GREEN',
      id: phoneNumberId,
    });
  });

  it('should accept the token as an access_token query parameter and any vNN.N version', async () => {
    const business = await sandbox.createBusiness();
    const token = await sandbox.exchangeCode(business.code);

    const res = await sandbox.call('GET', `/v21.0/${business.phone_number_id}?access_token=${token}`);

    expect(res.status).toBe(200);
    expect(res.headers.get('facebook-api-version')).toBe('v21.0');
    expect(res.body).toEqual({
      verified_name: expect.any(String),
      display_phone_number: expect.stringMatching(/^\+1 555-010-\d{4}$/),
      quality_rating: 'GREEN',
      id: business.phone_number_id,
    });
  });

  it('should refuse a code that was already exchanged', async () => {
    const business = await sandbox.createBusiness();
    await sandbox.exchangeCode(business.code);

    const res = await sandbox.call<GraphErrorBody>('GET', oauthPath(business.code));

    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      message: '(#100) This authorization code has been used.',
      type: 'OAuthException',
      code: 100,
      error_subcode: 36009,
      fbtrace_id: expect.any(String),
    });
  });

  it('should refuse a code after its lifetime', async () => {
    const business = await sandbox.createBusiness();
    sandbox.clock.advance(5 * 60_000 + 1);

    const res = await sandbox.call<GraphErrorBody>('GET', oauthPath(business.code));

    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 100, error_subcode: 36007 });
  });

  it('should refuse the exchange with a wrong app secret or app id, and keep the code usable', async () => {
    const business = await sandbox.createBusiness();

    const wrongSecret = await sandbox.call<GraphErrorBody>('GET', oauthPath(business.code, 'not-the-secret'));
    const wrongApp = await sandbox.call<GraphErrorBody>('GET', oauthPath(business.code, APP_SECRET, '999'));

    expect(wrongSecret.status).toBe(400);
    expect(wrongSecret.body.error).toMatchObject({ code: 1, message: '(#1) Error validating client secret.' });
    expect(wrongApp.status).toBe(400);
    expect(wrongApp.body.error).toMatchObject({ code: 101 });
    await expect(sandbox.exchangeCode(business.code)).resolves.toMatch(/^EAA/);
  });

  it('should answer 403 code 200 when the token was granted another WABA', async () => {
    const mine = await sandbox.createBusiness();
    const theirs = await sandbox.createBusiness();
    const token = await sandbox.exchangeCode(mine.code);

    const paths = [
      ['GET', `/${v}/${theirs.waba_id}/phone_numbers`],
      ['POST', `/${v}/${theirs.waba_id}/subscribed_apps`],
      ['GET', `/${v}/${theirs.phone_number_id}`],
    ] as const;
    for (const [method, path] of paths) {
      const res = await sandbox.call<GraphErrorBody>(method, path, { token });
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ code: 200, type: 'OAuthException' });
    }
  });

  it('should answer 400 code 100 subcode 33 for an unknown object id', async () => {
    const business = await sandbox.createBusiness();
    const token = await sandbox.exchangeCode(business.code);

    const res = await sandbox.call<GraphErrorBody>('GET', `/${v}/123456789012345/phone_numbers`, { token });

    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
    expect(res.body.error.message).toMatch(/^\(#100\) Unsupported get request\. Object with ID '123456789012345'/);
  });

  it('should answer 401 code 190 for an unknown token and 104 for none', async () => {
    const business = await sandbox.createBusiness();

    const unknown = await sandbox.call<GraphErrorBody>('GET', `/${v}/${business.waba_id}/phone_numbers`, {
      token: 'EAAGnot-a-token',
    });
    const none = await sandbox.call<GraphErrorBody>('GET', `/${v}/${business.waba_id}/phone_numbers`);

    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toMatchObject({ code: 190, type: 'OAuthException' });
    expect(none.status).toBe(401);
    expect(none.body.error).toMatchObject({ code: 104 });
  });

  it('should report an unknown token as invalid in debug_token and refuse a wrong app token', async () => {
    const appToken = `${APP_ID}|${APP_SECRET}`;

    const unknown = await sandbox.call('GET', `/${v}/debug_token?input_token=EAAGnope&access_token=${appToken}`);
    const wrongApp = await sandbox.call<GraphErrorBody>(
      'GET',
      `/${v}/debug_token?input_token=EAAGnope&access_token=${APP_ID}|wrong`,
    );

    expect(unknown).toMatchObject({ status: 200, body: { data: { is_valid: false, error: { code: 190 } } } });
    expect(wrongApp.status).toBe(401);
    expect(wrongApp.body.error.code).toBe(190);
  });

  it('should check the PIN format and keep the first PIN for later registrations', async () => {
    const business = await sandbox.createBusiness();
    const token = await sandbox.exchangeCode(business.code);
    const register = (pin: string) =>
      sandbox.call<GraphErrorBody>('POST', `/${v}/${business.phone_number_id}/register`, {
        token,
        body: { messaging_product: 'whatsapp', pin },
      });

    const badFormat = await register('12345');
    const first = await register('111111');
    const same = await register('111111');
    const different = await register('222222');

    expect(badFormat.status).toBe(400);
    expect(badFormat.body.error).toMatchObject({ code: 100 });
    expect(first.status).toBe(200);
    expect(same.status).toBe(200);
    expect(different.status).toBe(400);
    expect(different.body.error).toMatchObject({ code: 133005 });
  });

  it('should stop listing the app after DELETE subscribed_apps', async () => {
    const business = await sandbox.createBusiness({ subscribed: false });
    const token = await sandbox.exchangeCode(business.code);
    await sandbox.call('POST', `/${v}/${business.waba_id}/subscribed_apps`, { token });

    const removed = await sandbox.call('DELETE', `/${v}/${business.waba_id}/subscribed_apps`, { token });
    const listed = await sandbox.call('GET', `/${v}/${business.waba_id}/subscribed_apps`, { token });

    expect(removed.body).toEqual({ success: true });
    expect(listed.body).toEqual({ data: [] });
  });

  it('should name the node type when an edge or field does not exist on it', async () => {
    const business = await sandbox.createBusiness();
    const token = await sandbox.exchangeCode(business.code);

    const edge = await sandbox.call<GraphErrorBody>('GET', `/${v}/${business.phone_number_id}/phone_numbers`, {
      token,
    });
    const field = await sandbox.call<GraphErrorBody>('GET', `/${v}/${business.phone_number_id}?fields=nope`, { token });

    expect(edge.status).toBe(400);
    expect(edge.body.error.message).toBe(
      '(#100) Tried accessing nonexisting field (phone_numbers) on node type (WhatsAppBusinessPhoneNumber)',
    );
    expect(field.body.error.message).toContain('(nope)');
  });

  it('should accept form-encoded register bodies as Graph clients send them', async () => {
    const business = await sandbox.createBusiness();
    const token = await sandbox.exchangeCode(business.code);

    const res = await fetch(`${sandbox.baseUrl}/${v}/${business.phone_number_id}/register`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'messaging_product=whatsapp&pin=654321',
    });

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: true });
  });
});
