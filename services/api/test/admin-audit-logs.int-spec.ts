import { type AdminAuditLogDto, type Page } from '@aerostic/shared';
import { AdminAuditLogsController } from '../src/admin/audit-logs/admin-audit-logs.controller';
import { AUDIT_LOG_CSV_COLUMNS } from '../src/audit-logs/audit-log-csv';
import { parseCsv } from '../src/contacts/csv';
import { type Member, registerTenant } from './support/builders';
import { createPlatformAdmin, type PlatformAdminAccount } from './support/platform-admins';
import { createTestApp, type TestApp } from './support/test-app';

describe(AdminAuditLogsController.name, () => {
  let t: TestApp;
  let admin: PlatformAdminAccount;
  let other: PlatformAdminAccount;
  let acme: Member;
  let globex: Member;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createPlatformAdmin(t, 'admin');
    other = await createPlatformAdmin(t, 'super_admin');
    acme = await registerTenant(t, 'Acme Audit');
    globex = await registerTenant(t, '=HYPERLINK("http://evil.test","Globex")');
    await t
      .http()
      .post(`/admin/tenants/${globex.tenantId}/suspend`)
      .auth(admin.token, { type: 'bearer' })
      .send({ reason: 'Phishing, reported by "Meta", twice' })
      .expect(200);
    await t
      .http()
      .post(`/admin/tenants/${globex.tenantId}/reactivate`)
      .auth(other.token, { type: 'bearer' })
      .send({ reason: '+ cleared by trust & safety' })
      .expect(200);
    // Older records at known times, for the time filters.
    for (const [day, action] of [
      ['2026-01-10T12:00:00Z', 'contact.deleted'],
      ['2026-01-11T12:00:00Z', 'template.created'],
      ['2026-01-12T12:00:00Z', 'contact.deleted'],
    ]) {
      await t.sql(`INSERT INTO audit_logs (tenant_id, actor_user_id, action, created_at) VALUES ($1, $2, $3, $4)`, [
        acme.tenantId,
        acme.userId,
        action,
        day,
      ]);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (query: string) => t.http().get(`/admin/audit-logs?${query}`).auth(admin.token, { type: 'bearer' });
  const page = async (query: string) => (await get(query).expect(200)).body as Page<AdminAuditLogDto>;
  const actions = async (query: string) => (await page(query)).data.map((a) => a.action);
  /** The export's text, as a browser downloads it. */
  const exportCsv = (query: string) =>
    t
      .http()
      .get(`/admin/audit-logs/export?${query}`)
      .auth(admin.token, { type: 'bearer' })
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => done(null, text));
      })
      .expect(200);

  it('should refuse a request without an admin token and a tenant user’s token', async () => {
    await t.http().get('/admin/audit-logs').expect(401);
    await t.http().get('/admin/audit-logs').auth(acme.token, { type: 'bearer' }).expect(401);
    await t.http().get('/admin/audit-logs/export').auth(acme.token, { type: 'bearer' }).expect(401);
  });

  it('should list every workspace’s records newest first, with the workspace’s name, the actor’s email and the reason', async () => {
    const { data } = await page('limit=200');

    const suspended = data.find((a) => a.action === 'tenant.suspended');
    expect(suspended).toEqual({
      id: expect.any(String),
      action: 'tenant.suspended',
      tenantId: globex.tenantId,
      tenantName: '=HYPERLINK("http://evil.test","Globex")',
      actorUserId: null,
      actorAdminId: admin.id,
      actorEmail: admin.email,
      targetType: 'tenant',
      targetId: globex.tenantId,
      ip: expect.any(String),
      metadata: { reason: 'Phishing, reported by "Meta", twice' },
      reason: 'Phishing, reported by "Meta", twice',
      createdAt: expect.any(String),
    });
    expect(data.find((a) => a.action === 'auth.register' && a.tenantId === acme.tenantId)).toMatchObject({
      tenantName: 'Acme Audit',
      actorUserId: acme.userId,
      actorAdminId: null,
      actorEmail: acme.email,
      reason: null,
    });
    const times = data.map((a) => a.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(new Set(data.map((a) => a.tenantId))).toEqual(new Set([acme.tenantId, globex.tenantId]));
  });

  it('should filter by workspace, action and actor (email in any case, or id)', async () => {
    expect(await actions(`tenantId=${globex.tenantId}&action=tenant.suspended`)).toEqual(['tenant.suspended']);
    expect(await actions(`actor=${admin.email.toUpperCase()}`)).toEqual(['tenant.suspended']);
    expect(await actions(`actor=${other.id}`)).toEqual(['tenant.reactivated']);
    expect(await actions(`actor=${acme.userId}`)).toEqual([
      'auth.register',
      'contact.deleted',
      'template.created',
      'contact.deleted',
    ]);
    expect(await actions(`actor=${encodeURIComponent(globex.email)}&tenantId=${globex.tenantId}`)).toEqual([
      'auth.register',
    ]);
    expect(await actions('actor=nobody@example.test')).toEqual([]);
    expect(await actions(`tenantId=${acme.tenantId}&action=contact.deleted`)).toHaveLength(2);
  });

  it('should keep records from `from` (included) to `to` (excluded) and page through them with the cursor', async () => {
    const range = `tenantId=${acme.tenantId}&from=2026-01-11&to=2026-01-12T12:00:00Z`;
    expect(await actions(range)).toEqual(['template.created']);
    expect(await actions(`tenantId=${acme.tenantId}&from=2026-01-11T12:00:00%2B00:00&to=2026-01-13`)).toEqual([
      'contact.deleted',
      'template.created',
    ]);

    const first = await page(`tenantId=${acme.tenantId}&limit=2`);
    const second = await page(`tenantId=${acme.tenantId}&limit=2&cursor=${first.nextCursor}`);
    expect([...first.data, ...second.data].map((a) => a.createdAt)).toEqual([
      expect.any(String),
      '2026-01-12T12:00:00.000Z',
      '2026-01-11T12:00:00.000Z',
      '2026-01-10T12:00:00.000Z',
    ]);
    expect(second.nextCursor).toBeNull();
  });

  it('should name the field when a filter is not valid', async () => {
    expect((await get('tenantId=acme').expect(400)).body).toMatchObject({ fields: { tenantId: expect.any(String) } });
    expect((await get('from=yesterday').expect(400)).body).toMatchObject({ fields: { from: expect.any(String) } });
    expect((await get('from=2026-01-12&to=2026-01-11').expect(400)).body).toMatchObject({
      fields: { to: 'to must be after from' },
    });
    expect((await get('action=DROP%20TABLE').expect(400)).body).toMatchObject({
      fields: { action: expect.any(String) },
    });
  });

  it('should export the filtered records as a CSV attachment that spreadsheets cannot run, and audit the export', async () => {
    const res = await exportCsv(`tenantId=${globex.tenantId}`);

    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="audit-log.csv"');
    expect(res.body as string).toMatch(/^\uFEFFcreated_at,action,/);
    const [header, ...rows] = parseCsv(res.body as string);
    expect(header).toEqual([...AUDIT_LOG_CSV_COLUMNS]);
    expect(header?.[0]).toBe('created_at');
    const byAction = new Map(rows.map((row) => [row[1], row]));
    // The export's own record is written first, so the file holds it too.
    expect([...byAction.keys()]).toEqual([
      'audit_logs.exported',
      'tenant.reactivated',
      'tenant.suspended',
      'auth.register',
    ]);
    expect(byAction.get('tenant.suspended')).toEqual([
      expect.any(String),
      'tenant.suspended',
      globex.tenantId,
      `'=HYPERLINK("http://evil.test","Globex")`,
      admin.email,
      '',
      admin.id,
      'tenant',
      globex.tenantId,
      expect.any(String),
      'Phishing, reported by "Meta", twice',
      JSON.stringify({ reason: 'Phishing, reported by "Meta", twice' }),
    ]);
    expect(byAction.get('tenant.reactivated')?.[10]).toBe("'+ cleared by trust & safety");

    const exported = (await page(`action=audit_logs.exported&actor=${admin.id}`)).data[0];
    expect(exported).toMatchObject({
      tenantId: globex.tenantId,
      actorAdminId: admin.id,
      metadata: { filters: { tenantId: globex.tenantId } },
    });
  });

  it('should stream every matching record when there are more than one read holds', async () => {
    const [tenant] = await t.sql(`INSERT INTO tenants (name, domain) VALUES ('Busy Audit', 'busy-audit') RETURNING id`);
    await t.sql(
      `INSERT INTO audit_logs (tenant_id, action, metadata, created_at)
       SELECT $1, 'contact.deleted', jsonb_build_object('n', n), now() - n * interval '1 second'
       FROM generate_series(1, 2500) n`,
      [tenant?.id],
    );

    const res = await exportCsv(`tenantId=${String(tenant?.id)}`);

    const [exported, ...rows] = parseCsv(res.body as string).slice(1);
    expect(exported?.[1]).toBe('audit_logs.exported');
    expect(rows).toHaveLength(2500);
    expect(new Set(rows.map((row) => row[11])).size).toBe(2500);
    expect(JSON.parse(rows[0]![11]!)).toEqual({ n: 1 });
    expect(JSON.parse(rows.at(-1)![11]!)).toEqual({ n: 2500 });
  });
});
