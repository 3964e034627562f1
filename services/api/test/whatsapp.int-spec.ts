import { randomBytes, randomUUID } from 'node:crypto';
import { SPAM_COOL_OFF, type WhatsAppAccountDto } from '@aerostic/shared';
import { pacerKeysOf, slowDownNumber } from '@aerostic/shared/node';
import { type Redis } from 'ioredis';
import { REDIS } from '../src/common/redis/redis.module';
import { SecretBox } from '../src/common/crypto/secret-box';
import { WhatsAppController } from '../src/whatsapp/whatsapp.controller';
import { addMember, type Member, registerTenant } from './support/builders';
import { limitReached, setTenantLimits } from './support/limits';
import { createPlatformAdmin } from './support/platform-admins';
import { freePort, json, type Service, startService } from './support/processes';
import { createTestApp, type TestApp } from './support/test-app';

interface Business {
  code: string;
  waba_id: string;
  phone_number_id: string;
  display_phone_number: string;
}

describe(WhatsAppController.name, () => {
  let t: TestApp;
  let sandbox: Service;
  let admin: Member;
  const secret = randomBytes(16).toString('hex');

  beforeAll(async () => {
    const port = await freePort();
    sandbox = await startService(
      'meta-sandbox',
      { META_SANDBOX_PORT: String(port), META_APP_ID: 'sandbox-app', META_APP_SECRET: secret },
      port,
    );
    t = await createTestApp({ META_GRAPH_URL: sandbox.url, META_APP_ID: 'sandbox-app', META_APP_SECRET: secret });
    admin = await registerTenant(t, 'Signup Co');
  });
  afterAll(async () => {
    await t.close();
    await sandbox.stop();
  });

  const business = (name = 'Jasper’s Market') =>
    json<Business>(`${sandbox.url}/_sandbox/businesses`, { body: { verified_name: name } });
  const connect = (member: Member, body: object) =>
    t.http().post('/whatsapp/embedded-signup').auth(member.token, { type: 'bearer' }).send(body);

  it('should connect the number through Meta’s Embedded Signup steps and never reveal the token', async () => {
    const b = await business();
    const res = await connect(admin, { code: b.code, wabaId: b.waba_id, phoneNumberId: b.phone_number_id }).expect(201);
    const account = res.body as WhatsAppAccountDto;
    expect(account).toMatchObject({
      wabaId: b.waba_id,
      phoneNumberId: b.phone_number_id,
      displayPhoneNumber: b.display_phone_number.replace(/\D/g, ''),
      verifiedName: 'Jasper’s Market',
      status: 'connected',
      tokenStatus: 'valid',
      // Connecting asked Meta about the token: that is the number's first check.
      tokenExpiresAt: null,
      lastCheckedAt: expect.any(String),
      throughputLevel: 'STANDARD',
      messagesPerSecond: 80,
      messagingLimitTier: expect.any(String),
      qualityRating: expect.any(String),
    });
    expect(JSON.stringify(res.body)).not.toMatch(/token"|EAA/i);

    const numbers = await json<{ data: { phone_number_id: string; registered: boolean; subscribed: boolean }[] }>(
      `${sandbox.url}/_sandbox/businesses`,
    );
    expect(numbers.data.find((n) => n.phone_number_id === b.phone_number_id)).toMatchObject({
      registered: true,
      subscribed: true,
    });
    const [row] = await t.sql(`SELECT access_token_encrypted, pin_encrypted FROM whatsapp_accounts WHERE id = $1`, [
      account.id,
    ]);
    expect(String(row?.access_token_encrypted)).toMatch(/^v2\./);
    expect(String(row?.pin_encrypted)).toMatch(/^v2\./);
    // Bound to this account: copied to another row, the token would not open.
    expect(() => t.app.get(SecretBox).open(String(row?.access_token_encrypted), randomUUID())).toThrow();

    const list = (await t.http().get('/whatsapp/accounts').auth(admin.token, { type: 'bearer' }).expect(200))
      .body as WhatsAppAccountDto[];
    expect(list.map((a) => a.id)).toEqual([account.id]);
  });

  it('should say until when a number sends slower after Meta’s spam rate limit', async () => {
    const b = await business('Slowed Bakery');
    const account = (
      await connect(admin, { code: b.code, wabaId: b.waba_id, phoneNumberId: b.phone_number_id }).expect(201)
    ).body as WhatsAppAccountDto;
    expect(account.sendingSlowedUntil).toBeNull();

    const until = Date.now() + SPAM_COOL_OFF.durationMs;
    await slowDownNumber(t.app.get<Redis>(REDIS), pacerKeysOf(b.phone_number_id).slowdown, SPAM_COOL_OFF.factor, until);

    const one = (
      await t.http().get(`/whatsapp/accounts/${account.id}`).auth(admin.token, { type: 'bearer' }).expect(200)
    ).body as WhatsAppAccountDto;
    expect(Math.abs(Date.parse(one.sendingSlowedUntil ?? '') - until)).toBeLessThan(5_000);
    const list = (await t.http().get('/whatsapp/accounts').auth(admin.token, { type: 'bearer' }).expect(200))
      .body as WhatsAppAccountDto[];
    const listed = list.find((a) => a.id === account.id)?.sendingSlowedUntil;
    expect(Math.abs(Date.parse(listed ?? '') - until)).toBeLessThan(5_000);
    expect(list.filter((a) => a.id !== account.id).every((a) => a.sendingSlowedUntil === null)).toBe(true);
  });

  it('should refuse a WABA the token was not granted, and a reused code, with Meta’s reason', async () => {
    const mine = await business();
    const theirs = await business();
    const refused = await connect(admin, {
      code: mine.code,
      wabaId: theirs.waba_id,
      phoneNumberId: theirs.phone_number_id,
    }).expect(403);
    expect(refused.body).toMatchObject({ fields: { wabaId: expect.any(String) } });
    const reused = await connect(admin, {
      code: mine.code,
      wabaId: mine.waba_id,
      phoneNumberId: mine.phone_number_id,
    }).expect(422);
    expect((reused.body as { message: string }).message).toMatch(/Meta answered \(#100\)/);
  });

  it('should refuse a phone number that is not in the WABA', async () => {
    const b = await business();
    const other = await business();
    await connect(admin, { code: b.code, wabaId: b.waba_id, phoneNumberId: other.phone_number_id }).expect(400);
  });

  it('should let the database refuse a second workspace connecting the same number', async () => {
    const b = await business();
    await connect(admin, { code: b.code, wabaId: b.waba_id, phoneNumberId: b.phone_number_id }).expect(201);
    const rival = await registerTenant(t, 'Rival Co');
    // The sandbox hands out one code per business; the partial unique index is what settles a race.
    await expect(
      t.sql(
        `INSERT INTO whatsapp_accounts (tenant_id, waba_id, phone_number_id, display_phone_number, access_token_encrypted)
         VALUES ($1, $2, $3, '1', 'v1.x')`,
        [rival.tenantId, b.waba_id, b.phone_number_id],
      ),
    ).rejects.toThrow(/whatsapp_accounts_connected_number_uq/);
  });

  it('should let only admins connect and disconnect, and unsubscribe the app when the last number goes', async () => {
    const b = await business();
    const agent = await addMember(t, admin, 'agent');
    await connect(agent, { code: b.code, wabaId: b.waba_id, phoneNumberId: b.phone_number_id }).expect(403);
    const account = (
      await connect(admin, { code: b.code, wabaId: b.waba_id, phoneNumberId: b.phone_number_id }).expect(201)
    ).body as WhatsAppAccountDto;
    await t.http().delete(`/whatsapp/accounts/${account.id}`).auth(agent.token, { type: 'bearer' }).expect(403);
    await t.http().delete(`/whatsapp/accounts/${account.id}`).auth(admin.token, { type: 'bearer' }).expect(204);
    await t.http().get(`/whatsapp/accounts/${account.id}`).auth(admin.token, { type: 'bearer' }).expect(404);
    const numbers = await json<{ data: { phone_number_id: string; subscribed: boolean }[] }>(
      `${sandbox.url}/_sandbox/businesses`,
    );
    expect(numbers.data.find((n) => n.phone_number_id === b.phone_number_id)?.subscribed).toBe(false);
  });

  it('should answer 402 before anything happens at Meta when the workspace has connected as many numbers as its limit', async () => {
    const owner = await registerTenant(t, 'Small Plan Co');
    const superAdmin = await createPlatformAdmin(t);
    await setTenantLimits(t, superAdmin, owner.tenantId, { whatsappNumbers: 1 });
    const first = await business();
    await connect(owner, { code: first.code, wabaId: first.waba_id, phoneNumberId: first.phone_number_id }).expect(201);
    const second = await business();
    const body = { code: second.code, wabaId: second.waba_id, phoneNumberId: second.phone_number_id };

    const refused = await connect(owner, body).expect(402);

    expect(refused.body).toEqual(
      limitReached(
        'whatsappNumbers',
        1,
        1,
        'Your workspace has reached its limit of 1 WhatsApp number. Disconnect a number you no longer use, or ask Aerostic support to raise the limit.',
      ),
    );
    const numbers = await json<{ data: { phone_number_id: string; registered: boolean; subscribed: boolean }[] }>(
      `${sandbox.url}/_sandbox/businesses`,
    );
    expect(numbers.data.find((n) => n.phone_number_id === second.phone_number_id)).toMatchObject({
      registered: false,
      subscribed: false,
    });
    // Meta's single-use code was not spent, so the same signup goes through once the limit is raised.
    await setTenantLimits(t, superAdmin, owner.tenantId, { whatsappNumbers: 2 });
    await connect(owner, body).expect(201);
  });

  it('should connect only one of two numbers connected at once when one more fits', async () => {
    const owner = await registerTenant(t, 'Race Co');
    await setTenantLimits(t, await createPlatformAdmin(t), owner.tenantId, { whatsappNumbers: 1 });
    const [a, b] = await Promise.all([business(), business()]);

    const answers = await Promise.all(
      [a, b].map((x) => connect(owner, { code: x.code, wabaId: x.waba_id, phoneNumberId: x.phone_number_id })),
    );

    expect(answers.map((res) => res.status).sort()).toEqual([201, 402]);
    const [row] = await t.sql(
      `SELECT count(*)::int AS connected FROM whatsapp_accounts WHERE tenant_id = $1 AND status = 'connected'`,
      [owner.tenantId],
    );
    expect(row?.connected).toBe(1);
  });

  it('should answer 400 naming the field when an id is not Meta’s numeric id', async () => {
    const res = await connect(admin, { code: 'x', wabaId: 'abc', phoneNumberId: '1' }).expect(400);
    expect(res.body).toMatchObject({ fields: { wabaId: expect.any(String) } });
  });
});
