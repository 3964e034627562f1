import {
  type ApiErrorBody,
  type AuditLogDto,
  type ContactDto,
  type ContactImportResult,
  type Page,
} from '@aerostic/shared';
import { ContactsController } from '../src/contacts/contacts.controller';
import { parseCsv } from '../src/contacts/csv';
import { addMember, type Member, registerTenant } from './support/builders';
import { limitReached, setTenantLimits } from './support/limits';
import { createPlatformAdmin, type PlatformAdminAccount } from './support/platform-admins';
import { createTestApp, type TestApp } from './support/test-app';

describe(ContactsController.name, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const as = (member: Member) => ({
    get: (path: string) => t.http().get(path).auth(member.token, { type: 'bearer' }),
    post: (path: string, body?: object) => t.http().post(path).auth(member.token, { type: 'bearer' }).send(body),
    patch: (path: string, body: object) => t.http().patch(path).auth(member.token, { type: 'bearer' }).send(body),
    delete: (path: string) => t.http().delete(path).auth(member.token, { type: 'bearer' }),
    importCsv: (csv: string) =>
      t
        .http()
        .post('/contacts/import')
        .auth(member.token, { type: 'bearer' })
        .set('Content-Type', 'text/csv')
        .send(csv),
  });

  async function createContact(member: Member, body: object): Promise<ContactDto> {
    return (await as(member).post('/contacts', body).expect(201)).body as ContactDto;
  }

  async function listAll(member: Member, query = ''): Promise<ContactDto[]> {
    const all: ContactDto[] = [];
    let cursor: string | null = null;
    do {
      const page = (
        await as(member)
          .get(`/contacts?limit=200${query}${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200)
      ).body as Page<ContactDto>;
      all.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }

  /** The contact as an import or export carries it, without ids and timestamps. */
  const portable = (c: ContactDto) => ({
    waId: c.waId,
    name: c.name,
    profileName: c.profileName,
    tags: c.tags,
    attributes: c.attributes,
    marketingConsent: c.marketingConsent,
  });

  const byWaId = (a: { waId: string | null }, b: { waId: string | null }) => (a.waId ?? '').localeCompare(b.waId ?? '');

  describe('one contact', () => {
    it('should create, read, update and delete a contact when an admin manages it', async () => {
      const admin = await registerTenant(t);
      const created = await createContact(admin, {
        phone: '+1 (650) 555-1234',
        name: '  Ada Lovelace ',
        tags: [' VIP', 'vip', 'New'],
        attributes: { ' Home City': 'Pune' },
      });
      expect(created).toEqual({
        id: expect.any(String),
        waId: '16505551234',
        userId: null,
        username: null,
        name: 'Ada Lovelace',
        profileName: null,
        displayName: 'Ada Lovelace',
        tags: ['vip', 'new'],
        attributes: { home_city: 'Pune' },
        optedOut: false,
        marketingConsent: 'unknown',
        marketingConsentAt: null,
        marketingConsentSource: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect((await as(admin).get(`/contacts/${created.id}`).expect(200)).body).toEqual(created);

      const updated = (
        await as(admin)
          .patch(`/contacts/${created.id}`, {
            name: null,
            tags: ['Lead'],
            attributes: { zip: '411001' },
            marketingConsent: 'opted_out',
          })
          .expect(200)
      ).body as ContactDto;
      expect(updated).toMatchObject({
        name: null,
        displayName: '+16505551234',
        tags: ['lead'],
        attributes: { zip: '411001' },
        optedOut: true,
        marketingConsent: 'opted_out',
        marketingConsentSource: 'agent',
        createdAt: created.createdAt,
      });
      expect(Date.parse(updated.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));

      const renamed = (await as(admin).patch(`/contacts/${created.id}`, { name: 'Ada' }).expect(200)).body;
      expect(renamed).toMatchObject({ name: 'Ada', tags: ['lead'], optedOut: true });

      await as(admin).delete(`/contacts/${created.id}`).expect(204);
      await as(admin).get(`/contacts/${created.id}`).expect(404);
      await as(admin).delete(`/contacts/${created.id}`).expect(404);
      const logs = (await as(admin).get('/audit-logs').expect(200)).body as Page<AuditLogDto>;
      expect(logs.data).toContainEqual(
        expect.objectContaining({
          action: 'contact.deleted',
          actorUserId: admin.userId,
          targetId: created.id,
          metadata: { waId: '16505551234' },
        }),
      );
    });

    it('should show the WhatsApp profile name when the team has not named the contact', async () => {
      const admin = await registerTenant(t);
      const created = await createContact(admin, { waId: '447700900123' });
      await t.sql(`UPDATE contacts SET profile_name = 'Bea' WHERE id = $1`, [created.id]);
      const contact = (await as(admin).get(`/contacts/${created.id}`).expect(200)).body as ContactDto;
      expect(contact).toMatchObject({ name: null, profileName: 'Bea', displayName: 'Bea' });
    });

    it.each([
      [{}, 'waId', 'Phone number is required'],
      [{ waId: 'call me' }, 'waId', 'is not a phone number'],
      [{ phone: '+1 650' }, 'waId', 'has 4 digits'],
      [{ waId: '0650 555 1234' }, 'waId', 'has no country code'],
      [{ waId: '1'.repeat(21) }, 'waId', 'has 21 digits'],
      [{ waId: 16505551234 }, 'waId', 'waId must be text'],
      [{ waId: '16505551234', tags: ['ok', 'x'.repeat(51)] }, 'tags.1', 'at most 50 characters'],
      [{ waId: '16505551234', tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, 'tags', 'at most 50 tags'],
      [{ waId: '16505551234', attributes: { name: 'x' } }, 'attributes.name', 'is a contact field'],
      [{ waId: '16505551234', attributes: { city: 42 } }, 'attributes.city', 'must be text'],
      [{ waId: '16505551234', attributes: { City: 'a', city: 'b' } }, 'attributes.city', 'are the same'],
      [{ waId: '16505551234', attributes: { 'Opted Out': 'x' } }, 'attributes.Opted Out', 'is a contact field'],
      [{ waId: '16505551234', marketingConsent: 'yes' }, 'marketingConsent', 'must be one of'],
      [{ waId: '16505551234', name: 'n'.repeat(121) }, 'name', 'at most 120 characters'],
    ])('should answer 400 naming the field when the body is %j', async (body, field, message) => {
      const admin = await registerTenant(t);
      const res = await as(admin).post('/contacts', body).expect(400);
      expect((res.body as ApiErrorBody).fields?.[field]).toContain(message);
    });

    it('should name every bad field at once when several are wrong', async () => {
      const admin = await registerTenant(t);
      const res = await as(admin)
        .post('/contacts', { waId: 'x', tags: [''], marketingConsent: 1 })
        .expect(400);
      expect(Object.keys((res.body as ApiErrorBody).fields ?? {}).sort()).toEqual([
        'marketingConsent',
        'tags.0',
        'waId',
      ]);
    });

    it('should answer 409 naming waId when the workspace already has the number', async () => {
      const admin = await registerTenant(t);
      await createContact(admin, { waId: '16505551234' });
      const res = await as(admin).post('/contacts', { phone: '+1 650-555-1234' }).expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, fields: { waId: expect.stringContaining('already exists') } });
      // Another workspace may have the same customer.
      await createContact(await registerTenant(t), { waId: '16505551234' });
    });

    it('should answer 400 when an update names no field, an unknown field or a bad id', async () => {
      const admin = await registerTenant(t);
      const contact = await createContact(admin, { waId: '16505551234' });
      await as(admin).patch(`/contacts/${contact.id}`, {}).expect(400);
      await as(admin).patch(`/contacts/${contact.id}`, { waId: '16505550000' }).expect(400);
      await as(admin).patch('/contacts/not-a-uuid', { name: 'x' }).expect(400);
      await as(admin).get('/contacts/not-a-uuid').expect(400);
    });
  });

  describe('list', () => {
    let admin: Member;
    let ids: Record<string, string>;

    beforeAll(async () => {
      admin = await registerTenant(t);
      ids = {};
      for (const [waId, name, tags] of [
        ['16505550001', 'Ada Lovelace', ['vip']],
        ['16505550002', 'Alan Turing', ['lead', 'vip']],
        ['447700900003', null, ['lead']],
        ['919800000004', 'Grace 100%_Hopper', []],
      ] as const) {
        ids[waId] = (await createContact(admin, { waId, name, tags })).id;
      }
      await t.sql(`UPDATE contacts SET profile_name = 'Bea Kumar' WHERE id = $1`, [ids['447700900003']]);
    });

    const search = async (query: string) => (await listAll(admin, query)).map((c) => c.waId);

    it('should list newest first in pages when a limit and cursor are given', async () => {
      const first = (await as(admin).get('/contacts?limit=3').expect(200)).body as Page<ContactDto>;
      expect(first.data.map((c) => c.waId)).toEqual(['919800000004', '447700900003', '16505550002']);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = (await as(admin).get(`/contacts?limit=3&cursor=${first.nextCursor}`).expect(200))
        .body as Page<ContactDto>;
      expect(second).toEqual({ data: [expect.objectContaining({ waId: '16505550001' })], nextCursor: null });
      await as(admin).get('/contacts?cursor=garbage').expect(400);
      await as(admin).get('/contacts?limit=500').expect(400);
    });

    it('should keep pages complete when many contacts share a creation time', async () => {
      const other = await registerTenant(t);
      await as(other)
        .importCsv(
          ['phone', ...Array.from({ length: 25 }, (_, i) => `1650555${String(i).padStart(4, '0')}`)].join('\n'),
        )
        .expect(200);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = (
          await as(other)
            .get(`/contacts?limit=7${cursor ? `&cursor=${cursor}` : ''}`)
            .expect(200)
        ).body as Page<ContactDto>;
        seen.push(...page.data.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(25);
    });

    it('should find contacts by part of the name or profile name in any case when searching', async () => {
      expect(await search('&search=LOVE')).toEqual(['16505550001']);
      expect(await search('&search=kumar')).toEqual(['447700900003']);
      expect(await search('&search=a')).toHaveLength(4);
    });

    it('should find contacts by digits of the number when the search looks like a phone number', async () => {
      expect(await search(`&search=${encodeURIComponent('+1 650-555')}`)).toEqual(['16505550002', '16505550001']);
      expect(await search('&search=0003')).toEqual(['447700900003']);
      expect(await search('&search=Grace 4')).toEqual([]);
    });

    it('should treat % and _ as plain characters when searching', async () => {
      expect(await search(`&search=${encodeURIComponent('100%_')}`)).toEqual(['919800000004']);
      expect(await search(`&search=${encodeURIComponent('%')}`)).toEqual(['919800000004']);
    });

    it('should list only contacts with the tag when a tag filter is given, in any case', async () => {
      expect(await search('&tag=VIP')).toEqual(['16505550002', '16505550001']);
      expect(await search('&tag=lead&search=alan')).toEqual(['16505550002']);
      expect(await search('&tag=nobody')).toEqual([]);
    });
  });

  describe('import', () => {
    it('should create new contacts, update existing ones and report each rejected row with its reason', async () => {
      const admin = await registerTenant(t);
      const existing = await createContact(admin, {
        waId: '16505550001',
        name: 'Kept Name',
        tags: ['old'],
        attributes: { city: 'Pune', plan: 'gold' },
        marketingConsent: 'opted_out',
      });
      const optedIn = await createContact(admin, { waId: '16505550002', marketingConsent: 'opted_out' });
      const csv = [
        'Phone,Name,Tags,Marketing Consent,City',
        '+1 650 555 0001,,new|OLD,,Mumbai',
        '"+1 (650) 555-0002",Opted In,,granted,',
        '+44 7700 900003,"Lovelace, Ada",vip;lead,opted out,London',
        'call me maybe,Nope,,,',
        '+44 7700 900003,Twice,,,',
        '919800000004,Bad Flag,,sometimes,',
        '',
        '919800000005,"Multi',
        'line name",,,',
      ].join('\r\n');

      const res = await as(admin).importCsv(csv).expect(200);

      expect(res.body).toEqual({
        accepted: 4,
        created: 2,
        updated: 2,
        rejected: [
          { row: 4, reason: expect.stringContaining('"call me maybe" is not a phone number') },
          { row: 5, reason: 'Duplicate of row 3: the number +447700900003 appears earlier in the file' },
          { row: 6, reason: 'marketing_consent must be one of granted, opted_out, unknown, yes, no (not "sometimes")' },
        ],
      } satisfies ContactImportResult);
      const updated = (await as(admin).get(`/contacts/${existing.id}`).expect(200)).body as ContactDto;
      expect(portable(updated)).toEqual({
        waId: '16505550001',
        name: 'Kept Name',
        profileName: null,
        tags: ['old', 'new'],
        attributes: { city: 'Mumbai', plan: 'gold' },
        marketingConsent: 'opted_out',
      });
      expect((await as(admin).get(`/contacts/${optedIn.id}`).expect(200)).body).toMatchObject({
        name: 'Opted In',
        optedOut: false,
        marketingConsent: 'granted',
        marketingConsentSource: 'import',
      });
      const all = await listAll(admin);
      expect(all.map(portable).sort(byWaId)).toEqual([
        expect.objectContaining({ waId: '16505550001' }),
        expect.objectContaining({ waId: '16505550002' }),
        {
          waId: '447700900003',
          name: 'Lovelace, Ada',
          profileName: null,
          tags: ['vip', 'lead'],
          attributes: { city: 'London' },
          marketingConsent: 'opted_out',
        },
        expect.objectContaining({ waId: '919800000005', name: 'Multi\r\nline name' }),
      ]);
      const logs = (await as(admin).get('/audit-logs').expect(200)).body as Page<AuditLogDto>;
      expect(logs.data).toContainEqual(
        expect.objectContaining({
          action: 'contacts.imported',
          actorUserId: admin.userId,
          metadata: { accepted: 4, created: 2, updated: 2, rejected: 3 },
        }),
      );
    });

    it('should fill in the profile name only when WhatsApp has not given one', async () => {
      const admin = await registerTenant(t);
      const known = await createContact(admin, { waId: '16505550001' });
      await t.sql(`UPDATE contacts SET profile_name = 'From WhatsApp' WHERE id = $1`, [known.id]);
      await as(admin).importCsv('phone,profile_name\n16505550001,From File\n16505550002,From File\n').expect(200);
      expect((await listAll(admin)).map((c) => [c.waId, c.profileName]).sort()).toEqual([
        ['16505550001', 'From WhatsApp'],
        ['16505550002', 'From File'],
      ]);
    });

    it('should reject a row and keep the contact when merging would go over the tag limit', async () => {
      const admin = await registerTenant(t);
      const contact = await createContact(admin, {
        waId: '16505550001',
        tags: Array.from({ length: 50 }, (_, i) => `t${i}`),
      });
      const res = await as(admin).importCsv('phone,name,tags\n16505550001,New Name,extra\n16505550002,,t1\n');
      expect(res.body).toEqual({
        accepted: 1,
        created: 1,
        updated: 0,
        rejected: [{ row: 1, reason: expect.stringContaining('more than 50 tags or 50 attributes') }],
      });
      const after = (await as(admin).get(`/contacts/${contact.id}`).expect(200)).body as ContactDto;
      expect(after).toMatchObject({ name: null, tags: contact.tags });
    });

    it.each([
      ['name,tags\nAda,vip\n', 'The header row needs a phone column (or wa_id)'],
      ['', 'The file is empty'],
      ['phone,name\n16505550001,"never closed\n', 'The quoted value that starts on line 2 is never closed'],
    ])('should answer 400 and save nothing when the file is %j', async (csv, message) => {
      const admin = await registerTenant(t);
      const res = await as(admin).importCsv(csv).expect(400);
      expect((res.body as ApiErrorBody).message).toContain(message);
      expect((res.body as ApiErrorBody).fields?.file).toContain(message);
      expect(await listAll(admin)).toEqual([]);
    });

    it('should answer 400 when the body is not sent as text/csv', async () => {
      const admin = await registerTenant(t);
      const res = await as(admin).post('/contacts/import', { csv: 'phone\n16505550001' }).expect(400);
      expect((res.body as ApiErrorBody).message).toContain('Content-Type: text/csv');
    });

    it('should answer 413 when the file is larger than 5 MB', async () => {
      const admin = await registerTenant(t);
      await as(admin)
        .importCsv(`phone,note\n16505550001,${'x'.repeat(5 * 1024 * 1024)}\n`)
        .expect(413);
    });

    it('should import 10,000 rows in one request within a few seconds', async () => {
      const admin = await registerTenant(t);
      const rows = Array.from(
        { length: 10_000 },
        (_, i) => `+91 98${String(i).padStart(8, '0')},Customer ${i},bulk;batch-${i % 10},${i % 7 === 0},Pune`,
      );
      const res = await as(admin)
        .importCsv(['phone,name,tags,opted_out,city', ...rows].join('\n'))
        .expect(200);
      expect(res.body).toEqual({ accepted: 10_000, created: 10_000, updated: 0, rejected: [] });
      const [count] = await t.sql(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE opted_out)::int AS out FROM contacts WHERE tenant_id = $1`,
        [admin.tenantId],
      );
      expect(count).toEqual({ n: 10_000, out: 1429 });

      const again = await as(admin)
        .importCsv(['phone,name,tags,opted_out,city', ...rows].join('\n'))
        .expect(200);
      expect(again.body).toMatchObject({ accepted: 10_000, created: 0, updated: 10_000 });
    });
  });

  describe('limit', () => {
    let superAdmin: PlatformAdminAccount;

    beforeAll(async () => {
      superAdmin = await createPlatformAdmin(t);
    });

    const contactsOf = async (member: Member) =>
      (await t.sql(`SELECT wa_id, name FROM contacts WHERE tenant_id = $1 ORDER BY wa_id`, [member.tenantId])).map(
        (row) => `${String(row.wa_id)} ${String(row.name)}`,
      );

    it('should answer 402 with the limit when creating a contact would go over it, and 409 for a number it has', async () => {
      const admin = await registerTenant(t);
      await setTenantLimits(t, superAdmin, admin.tenantId, { contacts: 2 });
      await createContact(admin, { waId: '16505550001' });
      await createContact(admin, { waId: '16505550002' });

      const refused = await as(admin).post('/contacts', { waId: '16505550003' }).expect(402);

      expect(refused.body).toEqual(
        limitReached(
          'contacts',
          2,
          2,
          'Your workspace has reached its limit of 2 contacts. Delete contacts you no longer need, or ask Aerostic support to raise the limit.',
        ),
      );
      await as(admin).post('/contacts', { waId: '16505550001' }).expect(409);
      await setTenantLimits(t, superAdmin, admin.tenantId, { contacts: 3 });
      await createContact(admin, { waId: '16505550003' });
    });

    it('should import nothing and say how many rows fit when an import would go over the limit', async () => {
      const admin = await registerTenant(t);
      await setTenantLimits(t, superAdmin, admin.tenantId, { contacts: 5 });
      for (const waId of ['16505550001', '16505550002', '16505550003']) await createContact(admin, { waId });
      const before = await contactsOf(admin);
      const rows = ['16505550001', '16505550002', '16505550004', '16505550005', '16505550006', '16505550007'];

      const refused = await as(admin)
        .importCsv(['phone,name', ...rows.map((waId) => `${waId},Imported`)].join('\n'))
        .expect(402);

      expect(refused.body).toEqual(
        limitReached(
          'contacts',
          5,
          3,
          "This would add 4 new contacts, but your workspace's limit of 5 contacts leaves room for 2 more, so nothing was saved. Add at most 2; or delete contacts you no longer need, or ask Aerostic support to raise the limit.",
        ),
      );
      expect(await contactsOf(admin)).toEqual(before);
      expect(
        await t.sql(`SELECT 1 FROM audit_logs WHERE tenant_id = $1 AND action = 'contacts.imported'`, [admin.tenantId]),
      ).toEqual([]);

      // Existing numbers are updates, which take no room: two new ones fit.
      const fitting = await as(admin)
        .importCsv(['phone,name', ...rows.slice(0, 4).map((waId) => `${waId},Imported`)].join('\n'))
        .expect(200);
      expect(fitting.body).toEqual({ accepted: 4, created: 2, updated: 2, rejected: [] });
      await as(admin).importCsv('phone,name\n16505550001,Again\n16505550004,Again').expect(200);
      await setTenantLimits(t, superAdmin, admin.tenantId, { contacts: 7 });
      await as(admin)
        .importCsv(['phone,name', ...rows.map((waId) => `${waId},Imported`)].join('\n'))
        .expect(200);
      expect(await contactsOf(admin)).toHaveLength(7);
    });
  });

  describe('export', () => {
    it('should answer a CSV attachment with every filtered contact and one column per attribute', async () => {
      const admin = await registerTenant(t);
      await createContact(admin, { waId: '16505550001', name: 'Ada', tags: ['vip'], attributes: { city: 'Pune' } });
      await createContact(admin, { waId: '16505550002', attributes: { zip: '411001' }, marketingConsent: 'opted_out' });
      const res = await as(admin).get('/contacts/export').expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="contacts.csv"');
      expect(res.text.startsWith('\uFEFF')).toBe(true);
      const [header, ...rows] = parseCsv(res.text);
      expect(header).toEqual([
        'phone',
        'name',
        'profile_name',
        'tags',
        'marketing_consent',
        'created_at',
        'city',
        'zip',
      ]);
      expect(rows).toEqual([
        ['16505550002', '', '', '', 'opted_out', expect.stringMatching(/^\d{4}-.*Z$/), '', '411001'],
        ['16505550001', 'Ada', '', 'vip', 'unknown', expect.any(String), 'Pune', ''],
      ]);

      const vip = parseCsv((await as(admin).get('/contacts/export?tag=vip').expect(200)).text);
      expect(vip).toEqual([header?.slice(0, 7), [...(rows[1]?.slice(0, 7) ?? [])]]);
    });

    it('should prefix an apostrophe when a cell would run as a spreadsheet formula', async () => {
      const admin = await registerTenant(t);
      await createContact(admin, {
        waId: '16505550001',
        name: '=HYPERLINK("http://evil.test","Click")',
        tags: ['-1'],
        attributes: { '@note': '+SUM(A1:A9)', safe: 'a=b' },
      });
      const res = await as(admin).get('/contacts/export').expect(200);
      const [header, row] = parseCsv(res.text);
      expect(header?.slice(6)).toEqual(["'@note", 'safe']);
      expect(row).toEqual([
        '16505550001',
        `'=HYPERLINK("http://evil.test","Click")`,
        '',
        "'-1",
        'unknown',
        expect.any(String),
        "'+SUM(A1:A9)",
        'a=b',
      ]);
    });

    it('should give the same contacts to another workspace when its export is imported there', async () => {
      const a = await registerTenant(t, 'Source');
      const b = await registerTenant(t, 'Target');
      await createContact(a, {
        waId: '16505550001',
        name: 'Zoë "Z", Jr.',
        tags: ['vip', '-dash', 'a,b'],
        attributes: { address: 'Line 1\nLine 2, City', '=odd key': "'=quoted", 'Shoe size': '-9' },
      });
      await createContact(a, {
        waId: '447700900002',
        marketingConsent: 'opted_out',
        attributes: { address: '  ' + 'x' },
      });
      const withProfile = await createContact(a, { waId: '919800000003' });
      await t.sql(`UPDATE contacts SET profile_name = '@Bea' WHERE id = $1`, [withProfile.id]);
      // More than one page of the export (it reads 1,000 contacts at a time).
      const bulk = Array.from({ length: 1_200 }, (_, i) => `+55 11 9${String(i).padStart(8, '0')},Bulk ${i},bulk`);
      await as(a)
        .importCsv(['phone,name,tags', ...bulk].join('\n'))
        .expect(200);

      const csv = (await as(a).get('/contacts/export').expect(200)).text;
      expect(parseCsv(csv)).toHaveLength(1 + 1_203);
      const imported = (await as(b).importCsv(csv).expect(200)).body as ContactImportResult;
      expect(imported).toEqual({ accepted: 1_203, created: 1_203, updated: 0, rejected: [] });

      const source = (await listAll(a)).map(portable).sort(byWaId);
      const target = (await listAll(b)).map(portable).sort(byWaId);
      expect(target).toHaveLength(1_203);
      expect(target).toEqual(source);
    });
  });

  describe('roles', () => {
    it('should let an agent create, read and edit contacts but not delete, import or export them', async () => {
      const admin = await registerTenant(t);
      const agent = await addMember(t, admin, 'agent');
      const contact = await createContact(agent, { waId: '16505550001' });
      await as(agent).get(`/contacts/${contact.id}`).expect(200);
      await as(agent)
        .patch(`/contacts/${contact.id}`, { tags: ['seen'] })
        .expect(200);
      await as(agent).get('/contacts').expect(200);

      const denied = await as(agent).delete(`/contacts/${contact.id}`).expect(403);
      expect((denied.body as ApiErrorBody).message).toMatch(/admin role/);
      await as(agent).importCsv('phone\n16505550002\n').expect(403);
      await as(agent).get('/contacts/export').expect(403);
      await as(admin).get(`/contacts/${contact.id}`).expect(200);
      await as(admin).delete(`/contacts/${contact.id}`).expect(204);
    });

    it('should answer 401 on every contacts route when no token is sent', async () => {
      const id = '00000000-0000-4000-8000-000000000000';
      for (const req of [
        t.http().get('/contacts'),
        t.http().post('/contacts').send({ waId: '16505550001' }),
        t.http().get('/contacts/export'),
        t.http().post('/contacts/import').set('Content-Type', 'text/csv').send('phone\n16505550001\n'),
        t.http().get(`/contacts/${id}`),
        t.http().patch(`/contacts/${id}`).send({ name: 'x' }),
        t.http().delete(`/contacts/${id}`),
      ]) {
        await req.expect(401);
      }
    });
  });

  describe('tenant isolation', () => {
    let a: Member;
    let b: Member;
    let bContact: ContactDto;

    beforeAll(async () => {
      a = await registerTenant(t, 'Tenant A');
      b = await registerTenant(t, 'Tenant B');
      await createContact(a, { waId: '16505550001', name: 'A customer', tags: ['shared'] });
      bContact = await createContact(b, { waId: '16505550002', name: 'B customer', tags: ['shared'] });
    });

    it('should answer 404 when tenant A reads a contact of tenant B', async () => {
      const res = await as(a).get(`/contacts/${bContact.id}`).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, message: 'Contact not found' });
    });

    it('should answer 404 and change nothing when tenant A updates or deletes a contact of tenant B', async () => {
      await as(a).patch(`/contacts/${bContact.id}`, { name: 'Hijacked', marketingConsent: 'opted_out' }).expect(404);
      await as(a).delete(`/contacts/${bContact.id}`).expect(404);
      expect((await as(b).get(`/contacts/${bContact.id}`).expect(200)).body).toEqual(bContact);
    });

    it('should never show tenant B contacts in tenant A lists, searches or exports', async () => {
      expect((await listAll(a)).map((c) => c.waId)).toEqual(['16505550001']);
      expect(await listAll(a, '&search=B customer')).toEqual([]);
      expect(await listAll(a, '&tag=shared')).toHaveLength(1);
      const exported = parseCsv((await as(a).get('/contacts/export').expect(200)).text);
      expect(exported.slice(1).map((row) => row[0])).toEqual(['16505550001']);
    });

    it('should update only its own contact when tenant A imports a number tenant B also has', async () => {
      await as(a).importCsv('phone,name\n16505550002,Imported by A\n').expect(200);
      expect((await as(b).get(`/contacts/${bContact.id}`).expect(200)).body).toEqual(bContact);
      expect((await listAll(a)).map((c) => c.waId).sort()).toEqual(['16505550001', '16505550002']);
    });
  });
});
