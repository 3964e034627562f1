import { QUEUES, type WhatsAppAccountDto } from '@aerostic/shared';
import { QueueProducer } from '@aerostic/shared/node';
import { Queue, QueueEvents } from 'bullmq';
import { queueOptions } from '../src/common/queue/queue-connection';
import { HEALTH_SCHEDULER_ID, HEALTH_SWEEP_PATTERN } from '../src/whatsapp/number-health-queue';
import { NumberHealthService } from '../src/whatsapp/number-health.service';
import { WhatsAppAccountsService } from '../src/whatsapp/whatsapp-accounts.service';
import { type Member, registerTenant } from './support/builders';
import { eventually } from './support/eventually';
import { type MetaStack, planMetaStack, startMetaStack } from './support/meta-stack';
import { freePort, json, startService } from './support/processes';
import { createTestApp, type TestApp } from './support/test-app';
import { TenantScope } from '../src/database/tenant-scope';

const DAY_MS = 24 * 3600_000;

interface HealthRow {
  token_status: string;
  token_expires_at: Date | null;
  health_checked_at: Date | null;
  health_error: string | null;
  quality_rating: string | null;
  messaging_limit_tier: string | null;
  throughput_level: string;
}

describe(NumberHealthService.name, () => {
  let t: TestApp;
  let stack: MetaStack;
  let member: Member;
  let health: NumberHealthService;
  let accounts: WhatsAppAccountsService;

  beforeAll(async () => {
    const plan = await planMetaStack();
    t = await createTestApp(plan.appEnv);
    stack = await startMetaStack(t, plan);
    health = t.app.get(NumberHealthService);
    accounts = t.app.get(WhatsAppAccountsService);
  });
  afterAll(async () => {
    await t.close();
    await stack.stop();
  });
  // A workspace of its own for each test: a workspace connects 5 numbers at most.
  beforeEach(async () => {
    member = await registerTenant(t, 'Health Co');
  });

  const sandbox = (path: string, body?: unknown, method?: string) =>
    json<Record<string, unknown>>(`${stack.sandbox.url}/_sandbox${path}`, { body, method });
  const setToken = (number: WhatsAppAccountDto, body: object) =>
    sandbox(`/phone-numbers/${number.phoneNumberId}/token`, body);
  const row = async (id: string) =>
    (await t.sql(`SELECT * FROM whatsapp_accounts WHERE id = $1`, [id]))[0] as unknown as HealthRow;
  const tenantView = async (id: string) =>
    (await t.http().get(`/whatsapp/accounts/${id}`).auth(member.token, { type: 'bearer' }).expect(200))
      .body as WhatsAppAccountDto;

  it('should store what Meta reports of a healthy number: a valid token and its quality, limit and throughput', async () => {
    const number = await stack.connectNumber(member, 'Healthy Bakery');
    const connected = await row(number.id);
    await sandbox(
      `/phone-numbers/${number.phoneNumberId}`,
      { quality_rating: 'YELLOW', messaging_limit_tier: 'TIER_10K', throughput_level: 'HIGH' },
      'PATCH',
    );

    const verdict = await TenantScope.forTenant(member.tenantId, () =>
      health.checkConnected(member.tenantId, number.id),
    );

    expect(verdict).toMatchObject({ token: { status: 'valid' }, problem: null, unreachable: false });
    const checked = await row(number.id);
    expect(checked).toMatchObject({
      token_status: 'valid',
      token_expires_at: null,
      health_error: null,
      quality_rating: 'YELLOW',
      messaging_limit_tier: 'TIER_10K',
      throughput_level: 'HIGH',
    });
    // Connecting was the first check; this one is later.
    expect(connected.health_checked_at).toBeInstanceOf(Date);
    expect(checked.health_checked_at!.getTime()).toBeGreaterThan(connected.health_checked_at!.getTime());
    expect(await tenantView(number.id)).toMatchObject({
      tokenStatus: 'valid',
      tokenExpiresAt: null,
      lastCheckedAt: checked.health_checked_at!.toISOString(),
      qualityRating: 'YELLOW',
      messagesPerSecond: 1000,
    });
  });

  it('should mark a token Meta stops accepting within 7 days expiring, with its expiry shown to the tenant', async () => {
    const number = await stack.connectNumber(member, 'Expiring Florist');
    const set = await setToken(number, { state: 'expiring', expires_in_seconds: 2 * 24 * 3600 });

    await TenantScope.forTenant(member.tenantId, () => health.checkConnected(member.tenantId, number.id));

    const expiresAt = new Date(Number(set.expires_at) * 1000);
    expect(await row(number.id)).toMatchObject({
      token_status: 'expiring',
      token_expires_at: expiresAt,
      health_error: expect.stringContaining(expiresAt.toISOString()),
    });
    expect(await tenantView(number.id)).toMatchObject({
      tokenStatus: 'expiring',
      tokenExpiresAt: expiresAt.toISOString(),
    });
  });

  it('should keep a token that expires in 30 days valid, with its expiry', async () => {
    const number = await stack.connectNumber(member, 'Patient Grocer');
    const set = await setToken(number, { state: 'valid', expires_in_seconds: 30 * 24 * 3600 });

    await TenantScope.forTenant(member.tenantId, () => health.checkConnected(member.tenantId, number.id));

    expect(await row(number.id)).toMatchObject({
      token_status: 'valid',
      token_expires_at: new Date(Number(set.expires_at) * 1000),
      health_error: null,
    });
  });

  it('should mark an expired or revoked token invalid with Meta’s reason', async () => {
    const expired = await stack.connectNumber(member, 'Expired Tailor');
    const revoked = await stack.connectNumber(member, 'Revoked Barber');
    await setToken(expired, { state: 'expired' });
    await setToken(revoked, { state: 'revoked' });

    await TenantScope.forTenant(member.tenantId, () => health.checkConnected(member.tenantId, expired.id));
    await TenantScope.forTenant(member.tenantId, () => health.checkConnected(member.tenantId, revoked.id));

    expect(await row(expired.id)).toMatchObject({
      token_status: 'invalid',
      health_error: expect.stringMatching(/^Meta no longer accepts the access token: .*Session has expired/),
    });
    expect(await row(revoked.id)).toMatchObject({
      token_status: 'invalid',
      health_error: expect.stringMatching(/has not authorized application/),
    });
    expect((await tenantView(revoked.id)).tokenStatus).toBe('invalid');
  });

  it('should keep the token status and record why when Meta answers 5xx, and retry later', async () => {
    const number = await stack.connectNumber(member, 'Unlucky Cafe');
    await setToken(number, { state: 'expiring' });
    await TenantScope.forTenant(member.tenantId, () => health.checkConnected(member.tenantId, number.id));
    const before = await row(number.id);
    await sandbox('/faults', { graph_5xx: 1 });

    const verdict = await TenantScope.forTenant(member.tenantId, () =>
      health.checkConnected(member.tenantId, number.id),
    );

    expect(verdict).toMatchObject({ token: null, unreachable: true });
    const after = await row(number.id);
    expect(after).toMatchObject({
      token_status: 'expiring',
      token_expires_at: before.token_expires_at,
      health_error: expect.stringMatching(/^Could not ask Meta about the access token: .*\(#1\)/),
    });
    expect(after.health_checked_at!.getTime()).toBeGreaterThan(before.health_checked_at!.getTime());
  });

  it('should lift an invalid status set by a refused send only once a call with the token works', async () => {
    const number = await stack.connectNumber(member, 'Recovered Deli');
    await t.sql(`UPDATE whatsapp_accounts SET token_status = 'invalid' WHERE id = $1`, [number.id]);
    const account = (await TenantScope.forTenant(member.tenantId, () =>
      accounts.findWithToken(member.tenantId, number.id),
    ))!;

    // debug_token vouched for the token but the number could not be read with it: not proof enough.
    const unproven = await TenantScope.forTenant(member.tenantId, () =>
      health.record(
        account,
        {
          token: { status: 'valid', expiresAt: null, problem: null },
          number: null,
          problem: 'Meta did not report the number: Meta answered (#1) An unknown error occurred',
          unreachable: true,
        },
        new Date(),
      ),
    );
    const stillInvalid = await row(number.id);
    await TenantScope.forTenant(member.tenantId, () => health.checkConnected(member.tenantId, number.id));

    expect(unproven).toBe(true);
    expect(stillInvalid).toMatchObject({ token_status: 'invalid', health_error: expect.stringMatching(/\(#1\)/) });
    expect(await row(number.id)).toMatchObject({ token_status: 'valid', health_error: null });
  });

  it('should not overwrite a token status that changed while Meta was asked', async () => {
    const number = await stack.connectNumber(member, 'Raced Kiosk');
    const account = (await TenantScope.forTenant(member.tenantId, () =>
      accounts.findWithToken(member.tenantId, number.id),
    ))!;
    const now = new Date();
    const verdict = await health.inspect(account, now);
    // A send found the token refused in the meantime.
    await t.sql(`UPDATE whatsapp_accounts SET token_status = 'invalid' WHERE id = $1`, [number.id]);

    const written = await TenantScope.forTenant(member.tenantId, () => health.record(account, verdict, now));

    expect(verdict.token?.status).toBe('valid');
    expect(written).toBe(false);
    expect((await row(number.id)).token_status).toBe('invalid');
  });

  it('should register the daily sweep once however many API instances start', async () => {
    const port = await freePort();
    // A second API process on the same database and Redis, as a deployment's second instance.
    const second = await startService(
      'api',
      {
        DATABASE_URL: t.config.DATABASE_URL,
        REDIS_URL: t.config.REDIS_URL,
        REDIS_PREFIX: t.config.REDIS_PREFIX,
        JWT_SECRET: t.config.JWT_SECRET,
        ENCRYPTION_KEY: t.config.ENCRYPTION_KEY,
        MEDIA_STORAGE_DIR: t.config.MEDIA_STORAGE_DIR,
        API_PORT: String(port),
      },
      port,
    );
    try {
      const queue = new Queue(QUEUES.whatsappHealth.name, queueOptions(t.config));
      try {
        const schedulers = await queue.getJobSchedulers();
        expect(schedulers).toEqual([
          expect.objectContaining({ key: HEALTH_SCHEDULER_ID, pattern: HEALTH_SWEEP_PATTERN, tz: 'UTC' }),
        ]);
        const delayed = await queue.getDelayed();
        expect(delayed.map((job) => job.name)).toEqual([QUEUES.whatsappHealth.jobs.sweep.name]);
        // The next sweep is the coming 03:00 UTC.
        const next = new Date(delayed[0]!.timestamp + delayed[0]!.delay);
        expect(next.toISOString()).toMatch(/T03:00:00\.000Z$/);
        expect(next.getTime() - Date.now()).toBeLessThanOrEqual(DAY_MS);
      } finally {
        await queue.close();
      }
    } finally {
      await second.stop();
    }
  });

  it('should check every connected number when the sweep runs, and each once if the sweep runs again', async () => {
    const other = await registerTenant(t, 'Second Health Co');
    const mine = await stack.connectNumber(member, 'Swept Shoes');
    const theirs = await stack.connectNumber(other, 'Swept Hats');
    await setToken(theirs, { state: 'revoked' });
    await t.sql(`UPDATE whatsapp_accounts SET health_checked_at = NULL`);
    const producer = new QueueProducer(QUEUES.whatsappHealth, queueOptions(t.config));
    const events = new QueueEvents(QUEUES.whatsappHealth.name, queueOptions(t.config));
    try {
      await events.waitUntilReady();
      const sweep = await producer.add(QUEUES.whatsappHealth.jobs.sweep, {});
      await sweep.waitUntilFinished(events, 15_000);

      const checked = await eventually(
        () =>
          t.sql(
            `SELECT id, token_status FROM whatsapp_accounts WHERE status = 'connected' AND health_checked_at IS NULL`,
          ),
        (rows) => rows.length === 0,
      );
      expect(checked).toEqual([]);
      expect((await row(mine.id)).token_status).toBe('valid');
      expect((await row(theirs.id)).token_status).toBe('invalid');

      // The same sweep retried queues nothing new: each number's check of this sweep is already kept.
      const checks = await producer.queue.getJobCountByTypes('completed', 'waiting', 'active', 'delayed');
      await TenantScope.acrossTenants('sweeps', () => t.app.get(NumberHealthService).queueSweep(String(sweep.id)));
      expect(await producer.queue.getJobCountByTypes('completed', 'waiting', 'active', 'delayed')).toBe(checks);
    } finally {
      await Promise.all([producer.close(), events.close()]);
    }
  });

  it('should keep the token status and record the failure when Meta cannot be reached at all', async () => {
    const number = await stack.connectNumber(member, 'Offline Optician');
    await stack.sandbox.stop();

    const verdict = await TenantScope.forTenant(member.tenantId, () =>
      health.checkConnected(member.tenantId, number.id),
    );

    expect(verdict).toMatchObject({ token: null, unreachable: true });
    expect(await row(number.id)).toMatchObject({
      token_status: 'valid',
      health_error: expect.stringMatching(/^Could not ask Meta about the access token: .*Network error/),
    });
  });
});
