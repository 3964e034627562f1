import { randomBytes } from 'node:crypto';
import { type AdminWhatsAppAccountDto, type ApiErrorBody, type Page } from '@aerostic/shared';
import { AdminWhatsAppAccountsController } from '../src/admin/whatsapp-accounts/admin-whatsapp-accounts.controller';
import { type Member, registerTenant } from './support/builders';
import { connectNumber } from './support/inbound-harness';
import { type MetaStack, planMetaStack, startMetaStack } from './support/meta-stack';
import { createPlatformAdmin, type PlatformAdminAccount } from './support/platform-admins';
import { json } from './support/processes';
import { createTestApp, type TestApp } from './support/test-app';

const HOUR = 3600_000;

describe(AdminWhatsAppAccountsController.name, () => {
  let t: TestApp;
  let stack: MetaStack;
  let support: PlatformAdminAccount;
  let superAdmin: PlatformAdminAccount;

  beforeAll(async () => {
    const plan = await planMetaStack();
    t = await createTestApp(plan.appEnv);
    stack = await startMetaStack(t, plan);
    [support, superAdmin] = await Promise.all([createPlatformAdmin(t, 'admin'), createPlatformAdmin(t, 'super_admin')]);
  });
  afterAll(async () => {
    await t.close();
    await stack.stop();
  });

  const list = (query: string, admin = support) =>
    t.http().get(`/admin/whatsapp-accounts${query}`).auth(admin.token, { type: 'bearer' });
  const listed = async (query: string, admin = support) =>
    (await list(query, admin).expect(200)).body as Page<AdminWhatsAppAccountDto>;
  const check = (id: string, admin = support) =>
    t.http().post(`/admin/whatsapp-accounts/${id}/check`).auth(admin.token, { type: 'bearer' });

  /** Every row of a listing, page after page of `limit`. */
  async function walk(query: string, limit: number): Promise<AdminWhatsAppAccountDto[]> {
    const rows: AdminWhatsAppAccountDto[] = [];
    let cursor: string | null = null;
    do {
      const page = await listed(`${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.data.length).toBeLessThanOrEqual(limit);
      rows.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    return rows;
  }

  /** A number stored as connected, with health columns as a check would have left them. */
  async function number(
    member: Member,
    health: {
      tokenStatus?: string;
      quality?: string | null;
      expiresInHours?: number | null;
      checkedHoursAgo?: number | null;
      error?: string | null;
    } = {},
  ): Promise<string> {
    const { id } = await connectNumber(t, member);
    const at = (hours: number | null | undefined) =>
      hours === null || hours === undefined ? null : new Date(Date.now() + hours * HOUR);
    await t.sql(
      `UPDATE whatsapp_accounts
          SET token_status = $2, quality_rating = $3, token_expires_at = $4, health_checked_at = $5,
              health_error = $6, messaging_limit_tier = 'TIER_1K'
        WHERE id = $1`,
      [
        id,
        health.tokenStatus ?? 'valid',
        health.quality === undefined ? 'GREEN' : health.quality,
        at(health.expiresInHours),
        at(health.checkedHoursAgo === undefined || health.checkedHoursAgo === null ? null : -health.checkedHoursAgo),
        health.error ?? null,
      ],
    );
    return id;
  }

  describe('GET /admin/whatsapp-accounts', () => {
    it('should answer every connected number of every workspace with its health, to both admin roles', async () => {
      const tag = randomBytes(3).toString('hex');
      const alpha = await registerTenant(t, `Alpha ${tag}`);
      const beta = await registerTenant(t, `Beta ${tag}`);
      const a = await number(alpha, { tokenStatus: 'expiring', expiresInHours: 48, checkedHoursAgo: 2, error: 'soon' });
      const b = await number(beta);
      const gone = await number(beta);
      await t.sql(`UPDATE whatsapp_accounts SET status = 'disconnected' WHERE id = $1`, [gone]);
      await t.sql(
        `UPDATE whatsapp_accounts SET meta_status = 'RESTRICTED', meta_status_reason = 'Meta restricted the account',
           meta_status_changed_at = '2026-12-06T08:00:00Z' WHERE id = $1`,
        [a],
      );

      const bySupport = await walk('?sort=tenant', 100);
      const bySuper = await listed('?limit=100', superAdmin);

      const ids = bySupport.map((row) => row.id);
      expect(ids).toEqual(expect.arrayContaining([a, b]));
      expect(ids).not.toContain(gone);
      expect(bySuper.data.map((row) => row.id)).toEqual(expect.arrayContaining([a, b]));
      const [row] = await t.sql(`SELECT * FROM whatsapp_accounts WHERE id = $1`, [a]);
      expect(bySupport.find((r) => r.id === a)).toEqual({
        id: a,
        tenantId: alpha.tenantId,
        tenantName: `Alpha ${tag}`,
        phoneNumberId: row?.phone_number_id,
        displayPhoneNumber: row?.display_phone_number,
        verifiedName: 'Test Business',
        wabaId: row?.waba_id,
        status: 'connected',
        tokenStatus: 'expiring',
        tokenExpiresAt: (row?.token_expires_at as Date).toISOString(),
        qualityRating: 'GREEN',
        messagingLimitTier: 'TIER_1K',
        throughputLevel: 'STANDARD',
        metaStatus: 'RESTRICTED',
        metaStatusReason: 'Meta restricted the account',
        metaStatusChangedAt: '2026-12-06T08:00:00.000Z',
        lastCheckedAt: (row?.health_checked_at as Date).toISOString(),
        lastCheckError: 'soon',
      });
      expect(JSON.stringify(bySupport)).not.toMatch(/token"|EAAG/);
    });

    it('should filter by token status, quality and workspace', async () => {
      const member = await registerTenant(t, 'Filtered Co');
      const other = await registerTenant(t, 'Unfiltered Co');
      const invalid = await number(member, { tokenStatus: 'invalid', quality: 'RED' });
      const expiring = await number(member, { tokenStatus: 'expiring', quality: 'YELLOW' });
      const unrated = await number(member, { quality: null });
      const na = await number(member, { quality: 'NA' });
      const elsewhere = await number(other, { tokenStatus: 'invalid', quality: 'RED' });
      const scoped = `?tenantId=${member.tenantId}&limit=100`;

      const ids = async (query: string) => (await listed(query)).data.map((row) => row.id).sort();

      expect(await ids(scoped)).toEqual([invalid, expiring, unrated, na].sort());
      expect(await ids(`${scoped}&tokenStatus=invalid`)).toEqual([invalid]);
      expect(await ids(`${scoped}&quality=yellow`)).toEqual([expiring]);
      expect(await ids(`${scoped}&quality=UNKNOWN`)).toEqual([unrated, na].sort());
      expect(await ids(`${scoped}&tokenStatus=valid&quality=GREEN`)).toEqual([]);
      expect(await ids(`?tokenStatus=invalid&quality=RED&limit=100`)).toEqual(
        expect.arrayContaining([invalid, elsewhere]),
      );
      // An empty filter, as a form sends it, is no filter.
      expect(await ids(`${scoped}&tokenStatus=&quality=`)).toHaveLength(4);
    });

    it('should sort by each key both ways, the same across pages as in one page', async () => {
      const member = await registerTenant(t, 'Sorted Co');
      const never = await number(member, { quality: null, expiresInHours: null, checkedHoursAgo: null });
      const soon = await number(member, { quality: 'RED', expiresInHours: 24, checkedHoursAgo: 1 });
      const later = await number(member, { quality: 'GREEN', expiresInHours: 24 * 40, checkedHoursAgo: 30 });
      const mid = await number(member, { quality: 'YELLOW', expiresInHours: 24 * 5, checkedHoursAgo: 5 });
      const scoped = `?tenantId=${member.tenantId}`;
      const order = async (query: string) => {
        const onePage = (await listed(`${query}&limit=100`)).data.map((row) => row.id);
        const paged = (await walk(query, 1)).map((row) => row.id);
        expect(paged).toEqual(onePage);
        return onePage;
      };

      // A token that never expires comes after every expiry; a number never checked before every check.
      expect(await order(`${scoped}&sort=tokenExpiresAt`)).toEqual([soon, mid, later, never]);
      expect(await order(`${scoped}&sort=tokenExpiresAt&order=desc`)).toEqual([never, later, mid, soon]);
      expect(await order(`${scoped}&sort=lastCheckedAt`)).toEqual([never, later, mid, soon]);
      expect(await order(`${scoped}&sort=quality&order=desc`)).toEqual([soon, mid, later, never]);
      expect(await order(`${scoped}&sort=quality`)).toEqual([never, later, mid, soon]);
    });

    it('should sort by workspace name, paging through workspaces with several numbers', async () => {
      const tag = randomBytes(3).toString('hex');
      const zulu = await registerTenant(t, `Zulu ${tag}`);
      const alpha = await registerTenant(t, `Alpha ${tag}`);
      const mine = [await number(zulu), await number(alpha), await number(zulu), await number(alpha)];

      const asc = (await walk('?sort=tenant&order=asc', 2)).filter((row) => mine.includes(row.id));
      const desc = (await walk('?sort=tenant&order=desc', 3)).filter((row) => mine.includes(row.id));

      expect(asc.map((row) => row.tenantName)).toEqual([`Alpha ${tag}`, `Alpha ${tag}`, `Zulu ${tag}`, `Zulu ${tag}`]);
      expect(desc.map((row) => row.id)).toEqual(asc.map((row) => row.id).reverse());
    });

    it('should name each bad query field, and refuse a cursor of another sort', async () => {
      const bad = await list('?sort=name&order=up&tokenStatus=broken&quality=PURPLE&tenantId=1&limit=0').expect(400);
      const first = await listed('?sort=quality&limit=1');

      expect(Object.keys((bad.body as ApiErrorBody).fields ?? {}).sort()).toEqual(
        ['limit', 'order', 'quality', 'sort', 'tenantId', 'tokenStatus'].sort(),
      );
      expect(first.nextCursor).not.toBeNull();
      const mixed = await list(`?sort=tenant&cursor=${encodeURIComponent(first.nextCursor!)}`).expect(400);
      expect((mixed.body as ApiErrorBody).fields).toHaveProperty('cursor');
    });

    it('should refuse a request without an admin token, and a tenant’s token', async () => {
      const member = await registerTenant(t, 'Curious Co');

      await t.http().get('/admin/whatsapp-accounts').expect(401);
      await t.http().get('/admin/whatsapp-accounts').auth(member.token, { type: 'bearer' }).expect(401);
      await t.http().post(`/admin/whatsapp-accounts/${member.tenantId}/check`).expect(401);
    });
  });

  describe('POST /admin/whatsapp-accounts/:id/check', () => {
    const sandbox = (path: string, body?: unknown, method?: string) =>
      json<Record<string, unknown>>(`${stack.sandbox.url}/_sandbox${path}`, { body, method });

    async function auditOf(id: string) {
      return t.sql(
        `SELECT tenant_id, actor_admin_id, actor_user_id, action, target_type, target_id, metadata
           FROM audit_logs WHERE action = 'whatsapp.checked' AND target_id = $1 ORDER BY created_at`,
        [id],
      );
    }

    it('should ask Meta now, store and answer what it said, and audit the check with its result', async () => {
      const member = await registerTenant(t, 'Checked Co');
      const connected = await stack.connectNumber(member, 'Checked Bakery');
      await sandbox(
        `/phone-numbers/${connected.phoneNumberId}`,
        { quality_rating: 'RED', messaging_limit_tier: 'TIER_2K' },
        'PATCH',
      );
      const before = Date.now();

      const res = await check(connected.id).expect(200);

      const body = res.body as AdminWhatsAppAccountDto;
      expect(body).toMatchObject({
        id: connected.id,
        tenantId: member.tenantId,
        tenantName: 'Checked Co',
        tokenStatus: 'valid',
        tokenExpiresAt: null,
        qualityRating: 'RED',
        messagingLimitTier: 'TIER_2K',
        lastCheckError: null,
      });
      expect(Date.parse(body.lastCheckedAt!)).toBeGreaterThanOrEqual(before - 1000);
      expect(await auditOf(connected.id)).toEqual([
        {
          tenant_id: member.tenantId,
          actor_admin_id: support.id,
          actor_user_id: null,
          action: 'whatsapp.checked',
          target_type: 'whatsapp_account',
          target_id: connected.id,
          metadata: expect.objectContaining({
            phoneNumberId: connected.phoneNumberId,
            result: 'valid',
            previousTokenStatus: 'valid',
            qualityRating: 'RED',
            error: null,
          }),
        },
      ]);
    });

    it('should report an expiring and an invalid token, to the admin and to the tenant', async () => {
      const member = await registerTenant(t, 'Warned Co');
      const expiring = await stack.connectNumber(member, 'Expiring Bakery');
      const invalid = await stack.connectNumber(member, 'Invalid Bakery');
      await sandbox(`/phone-numbers/${expiring.phoneNumberId}/token`, { state: 'expiring' });
      await sandbox(`/phone-numbers/${invalid.phoneNumberId}/token`, { state: 'revoked' });

      const e = (await check(expiring.id, superAdmin).expect(200)).body as AdminWhatsAppAccountDto;
      const i = (await check(invalid.id, superAdmin).expect(200)).body as AdminWhatsAppAccountDto;
      const tenantList = (await t.http().get('/whatsapp/accounts').auth(member.token, { type: 'bearer' }).expect(200))
        .body as { id: string; tokenStatus: string; tokenExpiresAt: string | null }[];

      expect(e).toMatchObject({ tokenStatus: 'expiring', lastCheckError: expect.stringMatching(/expires on/) });
      expect(Date.parse(e.tokenExpiresAt!) - Date.now()).toBeGreaterThan(2.9 * 24 * HOUR);
      expect(i).toMatchObject({ tokenStatus: 'invalid', lastCheckError: expect.stringMatching(/not authorized/) });
      expect(tenantList.find((a) => a.id === expiring.id)).toMatchObject({
        tokenStatus: 'expiring',
        tokenExpiresAt: e.tokenExpiresAt,
      });
      expect(tenantList.find((a) => a.id === invalid.id)).toMatchObject({ tokenStatus: 'invalid' });
      expect((await auditOf(invalid.id))[0]).toMatchObject({
        actor_admin_id: superAdmin.id,
        metadata: expect.objectContaining({ result: 'invalid', previousTokenStatus: 'valid' }),
      });
      const filtered = await listed(`?tenantId=${member.tenantId}&tokenStatus=expiring`);
      expect(filtered.data.map((row) => row.id)).toEqual([expiring.id]);
    });

    it('should keep the token status and answer why when Meta is down, auditing a failed check', async () => {
      const member = await registerTenant(t, 'Outage Co');
      const connected = await stack.connectNumber(member, 'Outage Bakery');
      await sandbox('/faults', { graph_5xx: 1 });

      const res = await check(connected.id).expect(200);

      expect(res.body).toMatchObject({
        tokenStatus: 'valid',
        lastCheckError: expect.stringMatching(/^Could not ask Meta about the access token/),
      });
      expect((await auditOf(connected.id))[0]).toMatchObject({
        metadata: expect.objectContaining({ result: 'failed', error: expect.stringMatching(/\(#1\)/) }),
      });
    });

    it('should answer 404 for a number that does not exist or is disconnected, and 400 for a bad id', async () => {
      const member = await registerTenant(t, 'Gone Co');
      const gone = await number(member);
      await t.sql(`UPDATE whatsapp_accounts SET status = 'disconnected' WHERE id = $1`, [gone]);

      await check(gone).expect(404);
      await check('7f1d0c3e-2a4b-4c5d-8e6f-0a1b2c3d4e5f').expect(404);
      const bad = await check('not-a-uuid').expect(400);
      expect((bad.body as ApiErrorBody).fields).toHaveProperty('id');
      expect(await auditOf(gone)).toEqual([]);
    });
  });
});
