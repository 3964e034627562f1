import { randomBytes, randomUUID } from 'node:crypto';
import {
  type CampaignAudienceCsvResult,
  type CampaignDto,
  type CampaignPreviewDto,
  type CampaignRecipientDto,
  type MarketingConsent,
  type Page,
} from '@aerostic/shared';
import { io, type Socket } from 'socket.io-client';
import { CampaignsService } from '../src/campaigns/campaigns.service';
import { type Member, addMember, registerTenant } from './support/builders';
import { eventually } from './support/eventually';
import { connectNumber, InboundHarness } from './support/inbound-harness';
import { limitReached, setTenantLimits } from './support/limits';
import { newWamid, status, text, webhook, type Number } from './support/meta-payloads';
import { createPlatformAdmin, type PlatformAdminAccount } from './support/platform-admins';
import { createTestApp, type TestApp } from './support/test-app';

interface ContactSeed {
  waId?: string | null;
  userId?: string | null;
  name?: string | null;
  profileName?: string | null;
  tags?: string[];
  attributes?: Record<string, string>;
  consent?: MarketingConsent;
}

describe('Campaigns', () => {
  let t: TestApp;
  let inbound: InboundHarness;
  let superAdmin: PlatformAdminAccount;
  let admin: Member;
  let agent: Member;
  let number: Number & { id: string };
  let seq = 0;
  let added = 0;

  beforeAll(async () => {
    t = await createTestApp();
    inbound = new InboundHarness(t);
    await inbound.ready();
    superAdmin = await createPlatformAdmin(t, 'super_admin');
    admin = await registerTenant(t, 'Campaign Co');
    agent = await addMember(t, admin, 'agent');
    number = await connectNumber(t, admin);
    await template(admin, number, { name: 'promo', category: 'MARKETING', body: 'Hi {{1}}, {{2}} is on sale' });
    await template(admin, number, { name: 'reminder', category: 'UTILITY', body: 'Dear {{1}}, see you at {{2}}' });
  });
  afterAll(async () => {
    await inbound.close();
    await t.close();
  });

  /** A unique tag, so that each test's audience is its own contacts. */
  const newTag = () => `t${++seq}-${randomBytes(3).toString('hex')}`;
  /** A phone number of a market, unique: `44…`, `91…`, `1…`. */
  const phone = (prefix: string) => `${prefix}${String(Date.now()).slice(-6)}${String(++seq).padStart(4, '0')}`;

  async function template(
    member: Member,
    num: Number,
    values: {
      name: string;
      category: string;
      body: string;
      status?: string;
      language?: string;
      components?: unknown[];
    },
  ): Promise<void> {
    await t.sql(
      `INSERT INTO templates (tenant_id, waba_id, meta_template_id, name, language, category, status, components)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        member.tenantId,
        num.wabaId,
        `mt-${randomBytes(6).toString('hex')}`,
        values.name,
        values.language ?? 'en_US',
        values.category,
        values.status ?? 'APPROVED',
        JSON.stringify(values.components ?? [{ type: 'BODY', text: values.body }]),
      ],
    );
  }

  async function contact(member: Member, seed: ContactSeed): Promise<string> {
    const [row] = await t.sql(
      // Each contact a millisecond after the last, so that the audience's order is the order they were added in.
      `INSERT INTO contacts (tenant_id, wa_id, user_id, name, profile_name, tags, attributes, marketing_consent, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, clock_timestamp() + make_interval(secs => $9 / 1000.0)) RETURNING id`,
      [
        member.tenantId,
        seed.waId === undefined ? phone('44') : seed.waId,
        seed.userId ?? null,
        seed.name === undefined ? `Customer ${seq}` : seed.name,
        seed.profileName ?? null,
        seed.tags ?? [],
        JSON.stringify(seed.attributes ?? {}),
        seed.consent ?? 'granted',
        ++added,
      ],
    );
    return String(row?.id);
  }

  const auth = (member: Member) => ({ Authorization: `Bearer ${member.token}` });

  function body(overrides: Record<string, unknown> = {}) {
    return {
      name: 'Spring sale',
      whatsappAccountId: number.id,
      template: {
        name: 'promo',
        language: 'en_US',
        variables: { '1': { field: 'name' }, '2': { text: 'Everything' } },
      },
      audience: { tags: ['none'] },
      ...overrides,
    };
  }

  const create = (payload: object, member: Member = admin) =>
    t.http().post('/campaigns').set(auth(member)).send(payload);

  async function created(payload: object, member: Member = admin): Promise<CampaignDto> {
    const res = await create(payload, member);
    if (res.status !== 201) throw new Error(`POST /campaigns answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as CampaignDto;
  }

  async function recipients(id: string, query = '', member: Member = admin): Promise<Page<CampaignRecipientDto>> {
    return (await t.http().get(`/campaigns/${id}/recipients${query}`).set(auth(member)).expect(200))
      .body as Page<CampaignRecipientDto>;
  }

  /**
   * What the sending engine does for a recipient, written as it would: its message (with the status Meta reported
   * since) in the contact's conversation, and the row queued with the message's id.
   */
  async function queue(
    campaign: CampaignDto,
    contactId: string,
    status: 'queued' | 'sent' | 'delivered' | 'read' | 'failed',
    options: { queuedAt?: Date; error?: object } = {},
  ): Promise<string> {
    const at = options.queuedAt ?? new Date();
    const [existing] = await t.sql(`SELECT id FROM conversations WHERE contact_id = $1 AND whatsapp_account_id = $2`, [
      contactId,
      campaign.whatsappAccountId,
    ]);
    const conversation =
      existing ??
      (
        await t.sql(
          `INSERT INTO conversations (tenant_id, contact_id, whatsapp_account_id, status, last_message_at)
           VALUES ($1, $2, $3, 'open', $4) RETURNING id`,
          [admin.tenantId, contactId, campaign.whatsappAccountId, at],
        )
      )[0];
    const reached = (s: string) =>
      ['sent', 'delivered', 'read'].indexOf(status) >= ['sent', 'delivered', 'read'].indexOf(s);
    const [message] = await t.sql(
      `INSERT INTO messages (tenant_id, conversation_id, direction, type, content, status, wamid, campaign_id,
         sent_at, delivered_at, read_at, failed_at, error, created_at)
       VALUES ($1, $2, 'outbound', 'template', '{}', $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        admin.tenantId,
        conversation?.id,
        status,
        status === 'queued' ? null : newWamid(),
        campaign.id,
        status !== 'queued' && status !== 'failed' ? at : null,
        status !== 'queued' && status !== 'failed' && reached('delivered') ? at : null,
        status === 'read' ? at : null,
        status === 'failed' ? at : null,
        options.error ? JSON.stringify(options.error) : null,
        at,
      ],
    );
    await t.sql(
      `UPDATE campaign_recipients SET state = 'queued', message_id = $3, queued_at = $4
       WHERE campaign_id = $1 AND contact_id = $2`,
      [campaign.id, contactId, message?.id, at],
    );
    return String(message?.id);
  }

  describe('POST /campaigns', () => {
    it('should write one row per contact in order, skipping with exact reasons, and start at once', async () => {
      const tag = newTag();
      const sent = [
        await contact(admin, { tags: [tag], name: 'Ada' }),
        await contact(admin, { tags: [tag, 'other'], name: 'Bea', waId: phone('91') }),
      ];
      const noConsent = await contact(admin, { tags: [tag], consent: 'unknown' });
      const optedOutConsent = await contact(admin, { tags: [tag], consent: 'opted_out' });
      const usNumber = await contact(admin, { tags: [tag], waId: phone('1') });
      const usUserId = await contact(admin, {
        tags: [tag],
        waId: null,
        userId: `US.${randomBytes(6).toString('hex')}`,
      });
      await contact(admin, { tags: ['elsewhere'] });

      const before = Date.now();
      const campaign = await created(body({ audience: { tags: [tag] } }));

      expect(campaign).toMatchObject({
        name: 'Spring sale',
        status: 'running',
        template: { name: 'promo', language: 'en_US', category: 'MARKETING' },
        audience: { tags: [tag] },
        totals: {
          recipients: 6,
          pending: 2,
          skipped: 4,
          queued: 0,
          sent: 0,
          delivered: 0,
          read: 0,
          replied: 0,
          failed: 0,
          cancelled: 0,
        },
      });
      expect(Date.parse(campaign.startedAt!)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(campaign.scheduledAt)).toBeLessThanOrEqual(Date.now());

      const page = await recipients(campaign.id);
      expect(page.data.map((r) => [r.contactId, r.state, r.reason])).toEqual([
        [sent[0], 'pending', null],
        [sent[1], 'pending', null],
        [noConsent, 'skipped', 'no_marketing_consent'],
        [optedOutConsent, 'skipped', 'opted_out'],
        [usNumber, 'skipped', 'market_blocks_marketing'],
        [usUserId, 'skipped', 'market_blocks_marketing'],
      ]);
      expect(page.data[0]).toMatchObject({ displayName: 'Ada', parameters: ['Ada', 'Everything'] });
      const rows = await t.sql(`SELECT position FROM campaign_recipients WHERE campaign_id = $1 ORDER BY position`, [
        campaign.id,
      ]);
      expect(rows.map((r) => r.position)).toEqual([0, 1, 2, 3, 4, 5]);
    });

    it('should estimate the cost of the recipients to be sent by market at list prices', async () => {
      const tag = newTag();
      await contact(admin, { tags: [tag], waId: phone('44') });
      await contact(admin, { tags: [tag], waId: phone('44') });
      await contact(admin, { tags: [tag], waId: phone('91') });
      await contact(admin, { tags: [tag], waId: phone('351') });
      await contact(admin, { tags: [tag], waId: phone('44'), consent: 'unknown' });

      const campaign = await created(body({ audience: { tags: [tag] } }));

      expect(campaign.estimate).toEqual({
        currency: 'USD',
        category: 'MARKETING',
        recipients: 4,
        lines: [
          { market: 'GB', recipients: 2, unitPrice: 0.0529 },
          { market: 'IN', recipients: 1, unitPrice: 0.0107 },
          { market: 'other', recipients: 1, unitPrice: 0.0604 },
        ],
        total: 0.1769,
      });
    });

    it('should hold back only marketing templates for opted-out, unconsented and +1 contacts', async () => {
      const tag = newTag();
      await contact(admin, { tags: [tag], consent: 'unknown' });
      await contact(admin, { tags: [tag], consent: 'opted_out' });
      await contact(admin, { tags: [tag], waId: phone('1') });

      const campaign = await created(
        body({
          template: {
            name: 'reminder',
            language: 'en_US',
            variables: { '1': { field: 'displayName' }, '2': { text: '10:00' } },
          },
          audience: { tags: [tag] },
        }),
      );

      expect(campaign.template.category).toBe('UTILITY');
      expect(campaign.totals).toMatchObject({ recipients: 3, pending: 3, skipped: 0 });
    });

    it('should choose contacts by attributes, all of them matching, and by tags with any of them', async () => {
      const [vip, regular] = [newTag(), newTag()];
      const match = await contact(admin, { tags: [vip], attributes: { city: 'Leeds', plan: 'gold' } });
      await contact(admin, { tags: [vip], attributes: { city: 'Leeds', plan: 'silver' } });
      const other = await contact(admin, { tags: [regular], attributes: { city: 'Leeds', plan: 'gold' } });

      const byAttributes = await created(
        body({ audience: { tags: [vip, regular], attributes: { city: 'Leeds', plan: 'gold' } } }),
      );

      expect((await recipients(byAttributes.id)).data.map((r) => r.contactId)).toEqual([match, other]);
    });

    it('should send contacts chosen by id in the order given, each once', async () => {
      const [a, b, c] = [await contact(admin, {}), await contact(admin, {}), await contact(admin, {})];

      const campaign = await created(body({ audience: { contactIds: [c, a, c, b] } }));

      expect((await recipients(campaign.id)).data.map((r) => r.contactId)).toEqual([c, a, b]);
    });

    it('should fill variables from contact fields and attributes, collapsing whitespace', async () => {
      const id = await contact(admin, {
        name: null,
        profileName: 'Bo  Profile',
        waId: '447700900123',
        attributes: { coupon: ' SAVE\n10 ' },
      });
      await template(admin, number, {
        name: 'fields',
        category: 'MARKETING',
        body: '{{1}} {{2}} {{3}} {{4}} {{5}}',
      });

      const campaign = await created(
        body({
          template: {
            name: 'fields',
            language: 'en_US',
            variables: {
              '1': { field: 'profileName' },
              '2': { field: 'displayName' },
              '3': { field: 'phone' },
              '4': { field: 'attributes.coupon' },
              '5': { text: 'Thanks' },
            },
          },
          audience: { contactIds: [id] },
        }),
      );

      expect((await recipients(campaign.id)).data[0]?.parameters).toEqual([
        'Bo Profile',
        'Bo Profile',
        '+447700900123',
        'SAVE 10',
        'Thanks',
      ]);
    });

    it('should schedule a campaign whose time is in the future, keeping the instant given with its offset', async () => {
      const at = new Date(Date.now() + 3 * 3600_000);
      const withOffset = `${new Date(at.getTime() + 5.5 * 3600_000).toISOString().slice(0, 19)}+05:30`;

      const campaign = await created(
        body({ audience: { contactIds: [await contact(admin, {})] }, scheduledAt: withOffset }),
      );

      expect(campaign).toMatchObject({ status: 'scheduled', startedAt: null });
      expect(Math.abs(Date.parse(campaign.scheduledAt) - at.getTime())).toBeLessThan(1000);
    });

    it('should refuse a missing value naming the parameter, how many recipients miss it and a few of them', async () => {
      const tag = newTag();
      await contact(admin, { tags: [tag], name: 'Has name' });
      const missing = [];
      for (let i = 0; i < 5; i += 1)
        missing.push(await contact(admin, { tags: [tag], name: null, waId: `4479000${seq}${i}` }));
      // A skipped recipient is not sent, so its missing value does not matter.
      await contact(admin, { tags: [tag], name: null, consent: 'unknown' });

      const res = await create(body({ audience: { tags: [tag] } })).expect(400);

      expect(res.body).toMatchObject({
        fields: { 'template.variables.1': expect.stringContaining('{{1}} has no value for 5 recipients') as unknown },
        missing: [
          {
            parameter: '1',
            source: { field: 'name' },
            recipients: 5,
            examples: missing.slice(0, 3).map((id) => ({ contactId: id, displayName: expect.any(String) as unknown })),
          },
        ],
      });
      expect(
        await t.sql(`SELECT 1 FROM campaigns WHERE tenant_id = $1 AND audience->'tags' ? $2`, [admin.tenantId, tag]),
      ).toEqual([]);
    });

    it.each([
      [
        'a template it does not have',
        { name: 'nope', language: 'en_US', variables: {} },
        'template.name',
        'has no template',
      ],
      ['another language', { name: 'promo', language: 'pt_BR', variables: {} }, 'template.name', 'has no template'],
      [
        'a variable left unmapped',
        { name: 'promo', language: 'en_US', variables: { '1': { field: 'name' } } },
        'template.variables.2',
        'Map {{2}}',
      ],
      [
        'a variable the template does not have',
        {
          name: 'promo',
          language: 'en_US',
          variables: { '1': { field: 'name' }, '2': { text: 'x' }, '3': { text: 'y' } },
        },
        'template.variables.3',
        'has no {{3}}',
      ],
      [
        'an unknown contact field',
        { name: 'promo', language: 'en_US', variables: { '1': { field: 'email' }, '2': { text: 'x' } } },
        'template.variables.1.field',
        '"email" is not a contact field',
      ],
    ])('should refuse %s, naming the field', async (_case, templateBody, field, message) => {
      const res = await create(
        body({ template: templateBody, audience: { contactIds: [await contact(admin, {})] } }),
      ).expect(400);

      expect(res.body.fields[field]).toContain(message);
    });

    it('should refuse a template that is not approved, or has a header needing a value', async () => {
      await template(admin, number, { name: 'pending_one', category: 'MARKETING', body: 'Hi', status: 'PENDING' });
      await template(admin, number, {
        name: 'with_image',
        category: 'MARKETING',
        body: 'Hi',
        components: [
          { type: 'HEADER', format: 'IMAGE' },
          { type: 'BODY', text: 'Hi' },
        ],
      });
      const audience = { contactIds: [await contact(admin, {})] };

      const pending = await create(
        body({ template: { name: 'pending_one', language: 'en_US', variables: {} }, audience }),
      );
      const image = await create(
        body({ template: { name: 'with_image', language: 'en_US', variables: {} }, audience }),
      );

      expect(pending.status).toBe(400);
      expect(pending.body.fields['template.name']).toContain('is PENDING: only an approved template can be sent');
      expect(image.status).toBe(400);
      expect(image.body.fields['template.name']).toContain('a media header (image)');
    });

    it('should refuse a number that is not the tenant’s, disconnected, or of another business account’s templates', async () => {
      const audience = { contactIds: [await contact(admin, {})] };
      const other = await registerTenant(t, 'Other Co');
      const otherNumber = await connectNumber(t, other);
      await template(other, otherNumber, { name: 'theirs', category: 'UTILITY', body: 'Hi' });
      const disconnected = await connectNumber(t, admin);
      await t.sql(`UPDATE whatsapp_accounts SET status = 'disconnected' WHERE id = $1`, [disconnected.id]);

      const foreign = await create(body({ whatsappAccountId: otherNumber.id, audience })).expect(400);
      const off = await create(body({ whatsappAccountId: disconnected.id, audience })).expect(400);
      const theirs = await create(
        body({ template: { name: 'theirs', language: 'en_US', variables: {} }, audience }),
      ).expect(400);

      expect(foreign.body.fields.whatsappAccountId).toContain('No WhatsApp number of this workspace');
      expect(off.body.fields.whatsappAccountId).toContain('disconnected');
      expect(theirs.body.fields['template.name']).toContain('has no template "theirs"');
    });

    it('should refuse an audience that chooses nothing, matches nothing or lists unknown contacts', async () => {
      const none = await create(body({ audience: {} })).expect(400);
      const empty = await create(body({ audience: { tags: [newTag()] } })).expect(400);
      const unknownId = randomUUID();
      const unknown = await create(body({ audience: { contactIds: [await contact(admin, {}), unknownId] } })).expect(
        400,
      );

      expect(none.body.fields.audience).toBe('Choose the audience by tags, attributes or contactIds');
      expect(empty.body.fields.audience).toContain('No contact matches');
      expect(unknown.body.fields['audience.contactIds']).toContain(
        `1 of these ids are not contacts of this workspace (${unknownId})`,
      );
    });

    it('should refuse a campaign that would pass the month’s outbound limit, counting other campaigns’ pending', async () => {
      const tenant = await registerTenant(t, 'Limited Co');
      const num = await connectNumber(t, tenant);
      await template(tenant, num, { name: 'promo', category: 'MARKETING', body: 'Hi {{1}}, {{2}} is on sale' });
      await setTenantLimits(t, superAdmin, tenant.tenantId, { outboundMessagesPerMonth: 3 });
      const tag = newTag();
      for (let i = 0; i < 2; i += 1) await contact(tenant, { tags: [tag] });
      const payload = body({ whatsappAccountId: num.id, audience: { tags: [tag] } });

      await created(payload, tenant);
      const res = await create(payload, tenant).expect(402);

      expect(res.body).toEqual(limitReached('outboundMessagesPerMonth', 3, 2, expect.any(String) as unknown as string));
    });

    it('should refuse a campaign that would pass the plan’s campaign recipients this month, offering a larger plan', async () => {
      const tenant = await registerTenant(t, 'Free Co');
      const num = await connectNumber(t, tenant);
      await template(tenant, num, { name: 'promo', category: 'MARKETING', body: 'Hi {{1}}, {{2}} is on sale' });
      // Free: 100 campaign recipients a month.
      await t.sql(
        `UPDATE subscriptions SET plan_id = (SELECT id FROM plans WHERE code = 'free'), status = 'active',
           trial_ends_at = NULL WHERE tenant_id = $1`,
        [tenant.tenantId],
      );
      const [first, second] = [newTag(), newTag()];
      for (let i = 0; i < 60; i += 1) await contact(tenant, { tags: [first] });
      for (let i = 0; i < 60; i += 1) await contact(tenant, { tags: [second] });
      await created(body({ whatsappAccountId: num.id, audience: { tags: [first] } }), tenant);

      const res = await create(body({ whatsappAccountId: num.id, audience: { tags: [second] } }), tenant).expect(402);

      const [starter] = await t.sql(`SELECT id FROM plans WHERE code = 'starter'`);
      expect(res.body).toEqual(
        limitReached(
          'campaignRecipientsPerMonth',
          100,
          60,
          "This would add 60 new campaign recipients a month, but your workspace's limit of 100 campaign recipients a month leaves room for 40 more, so nothing was saved. Add at most 40; or upgrade to Starter (5,000 campaign recipients a month) on the Billing page, or wait for the new month (the count restarts on the 1st, UTC).",
          { planId: String(starter?.id), code: 'starter', name: 'Starter' },
        ),
      );
      const [count] = await t.sql(`SELECT count(*)::int AS n FROM campaigns WHERE tenant_id = $1`, [tenant.tenantId]);
      expect(count?.n).toBe(1);
    });

    it('should let only admins create, and record it in the audit log', async () => {
      const audience = { contactIds: [await contact(admin, {})] };
      await create(body({ audience }), agent).expect(403);

      const campaign = await created(body({ audience }));

      const [log] = await t.sql(`SELECT action, actor_user_id, metadata FROM audit_logs WHERE target_id = $1`, [
        campaign.id,
      ]);
      expect(log).toMatchObject({ action: 'campaign.created', actor_user_id: admin.userId });
      expect(log?.metadata).toMatchObject({ recipients: 1, sending: 1 });
    });
  });

  describe('GET /campaigns', () => {
    it('should page the tenant’s campaigns newest first with their totals, to agents too', async () => {
      const tenant = await registerTenant(t, 'Lister Co');
      const num = await connectNumber(t, tenant);
      await template(tenant, num, { name: 'promo', category: 'MARKETING', body: 'Hi {{1}}, {{2}} is on sale' });
      const member = await addMember(t, tenant, 'agent');
      const ids = [];
      for (let i = 0; i < 3; i += 1) {
        const audience = { contactIds: [await contact(tenant, {}), await contact(tenant, { consent: 'unknown' })] };
        ids.push((await created(body({ name: `C${i}`, whatsappAccountId: num.id, audience }), tenant)).id);
      }

      const first = (await t.http().get('/campaigns?limit=2').set(auth(member)).expect(200)).body as Page<CampaignDto>;
      const second = (await t.http().get(`/campaigns?limit=2&cursor=${first.nextCursor}`).set(auth(member)).expect(200))
        .body as Page<CampaignDto>;

      expect([...first.data, ...second.data].map((c) => c.id)).toEqual(ids.reverse());
      expect(second.nextCursor).toBeNull();
      expect(first.data[0]?.totals).toMatchObject({ recipients: 2, pending: 1, skipped: 1 });
      const one = (await t.http().get(`/campaigns/${ids[0]}`).set(auth(member)).expect(200)).body as CampaignDto;
      expect(one.totals.recipients).toBe(2);
    });

    it('should answer 404 for another tenant’s campaign and never list it', async () => {
      const campaign = await created(body({ audience: { contactIds: [await contact(admin, {})] } }));
      const other = await registerTenant(t, 'Nosy Co');

      await t.http().get(`/campaigns/${campaign.id}`).set(auth(other)).expect(404);
      await t.http().get(`/campaigns/${campaign.id}/recipients`).set(auth(other)).expect(404);
      await t.http().post(`/campaigns/${campaign.id}/pause`).set(auth(other)).expect(404);
      const list = (await t.http().get('/campaigns').set(auth(other)).expect(200)).body as Page<CampaignDto>;
      expect(list.data).toEqual([]);
    });
  });

  describe('POST /campaigns/preview', () => {
    it('should count, skip, estimate and render each recipient’s message without storing anything', async () => {
      const tag = newTag();
      const ada = await contact(admin, { tags: [tag], name: 'Ada', waId: phone('44') });
      await contact(admin, { tags: [tag], name: 'Bea', waId: phone('91') });
      const nameless = await contact(admin, { tags: [tag], name: null, waId: '447700900999' });
      await contact(admin, { tags: [tag], consent: 'unknown' });
      await contact(admin, { tags: [tag], waId: phone('1') });
      const { name: _name, ...payload } = body({ audience: { tags: [tag] } });
      const campaignsBefore = await t.sql(`SELECT count(*)::int AS n FROM campaigns`);

      const res = await t.http().post('/campaigns/preview?limit=2').set(auth(admin)).send(payload).expect(200);
      const preview = res.body as CampaignPreviewDto;

      expect(preview).toMatchObject({
        recipients: 5,
        sending: 3,
        skipped: { no_marketing_consent: 1, opted_out: 0, market_blocks_marketing: 1 },
        estimate: { recipients: 3, total: 0.0529 * 2 + 0.0107 },
        missing: [
          {
            parameter: '1',
            source: { field: 'name' },
            recipients: 1,
            examples: [{ contactId: nameless, displayName: '+447700900999' }],
          },
        ],
      });
      expect(preview.data).toHaveLength(2);
      expect(preview.data[0]).toMatchObject({
        position: 0,
        contactId: ada,
        displayName: 'Ada',
        state: 'pending',
        reason: null,
        parameters: ['Ada', 'Everything'],
        text: 'Hi Ada, Everything is on sale',
      });
      const rest = (
        await t
          .http()
          .post(`/campaigns/preview?limit=10&cursor=${preview.nextCursor}`)
          .set(auth(admin))
          .send(payload)
          .expect(200)
      ).body as CampaignPreviewDto;
      expect(rest.data.map((r) => r.position)).toEqual([2, 3, 4]);
      expect(rest.data[0]).toMatchObject({ parameters: ['', 'Everything'], text: 'Hi {{1}}, Everything is on sale' });
      expect(rest.data.slice(1).map((r) => r.reason)).toEqual(['no_marketing_consent', 'market_blocks_marketing']);
      expect(rest.nextCursor).toBeNull();
      expect(await t.sql(`SELECT count(*)::int AS n FROM campaigns`)).toEqual(campaignsBefore);
    });

    it('should check the template and number as creation does, and be for admins only', async () => {
      const { name: _name, ...payload } = body({ audience: { contactIds: [await contact(admin, {})] } });

      const wrong = await t
        .http()
        .post('/campaigns/preview')
        .set(auth(admin))
        .send({ ...payload, template: { ...payload.template, name: 'nope' } })
        .expect(400);
      await t.http().post('/campaigns/preview').set(auth(agent)).send(payload).expect(403);

      expect(wrong.body.fields['template.name']).toContain('has no template "nope"');
    });
  });

  describe('POST /campaigns/audience.csv', () => {
    it('should save valid rows as contacts, list rejected ones by line, and answer ids for the audience', async () => {
      const existing = await contact(admin, { waId: '447700900501', name: 'Known' });
      const csv = [
        'phone,name,city',
        '+44 7700 900501,,Leeds',
        'not a number,Bad,York',
        '+44 7700 900502,Newbie,Hull',
        '+44 7700 900501,Again,Leeds',
      ].join('\n');

      const res = await t
        .http()
        .post('/campaigns/audience.csv')
        .set(auth(admin))
        .set('Content-Type', 'text/csv')
        .send(csv)
        .expect(200);
      const result = res.body as CampaignAudienceCsvResult;

      expect(result.contactIds).toHaveLength(2);
      expect(result.contactIds[0]).toBe(existing);
      expect(result.rejected.map((r) => r.line)).toEqual([3, 5]);
      expect(result.rejected[1]?.reason).toContain('Duplicate of row 1');
      const [stored] = await t.sql(`SELECT name, attributes FROM contacts WHERE id = $1`, [result.contactIds[1]]);
      expect(stored).toEqual({ name: 'Newbie', attributes: { city: 'Hull' } });

      const campaign = await created(body({ audience: { contactIds: result.contactIds } }));
      expect(campaign.totals.recipients).toBe(2);
    });

    it('should refuse a body that is not CSV, and agents', async () => {
      const notCsv = await t.http().post('/campaigns/audience.csv').set(auth(admin)).send({ phone: '1' }).expect(400);
      await t
        .http()
        .post('/campaigns/audience.csv')
        .set(auth(agent))
        .set('Content-Type', 'text/csv')
        .send('phone\n+447700900777')
        .expect(403);

      expect(notCsv.body.fields.file).toContain('Content-Type: text/csv');
    });
  });

  describe('pause, resume and cancel', () => {
    const act = (id: string, action: string, member: Member = admin) =>
      t.http().post(`/campaigns/${id}/${action}`).set(auth(member));

    it('should pause and resume a running campaign, refusing what its status does not allow with 409', async () => {
      const campaign = await created(body({ audience: { contactIds: [await contact(admin, {})] } }));

      const paused = (await act(campaign.id, 'pause').expect(200)).body as CampaignDto;
      const again = await act(campaign.id, 'pause').expect(409);
      const resumed = (await act(campaign.id, 'resume').expect(200)).body as CampaignDto;
      const notPaused = await act(campaign.id, 'resume').expect(409);

      expect(paused).toMatchObject({ status: 'paused', pausedAt: expect.any(String) as unknown });
      expect(again.body.message).toBe('The campaign is paused: only a running or scheduled campaign can be paused');
      expect(resumed).toMatchObject({ status: 'running', pausedAt: null, startedAt: campaign.startedAt });
      expect(notPaused.body.message).toBe('The campaign is running: only a paused campaign can be resumed');
    });

    it('should resume a paused scheduled campaign as scheduled while its time has not come', async () => {
      const scheduledAt = new Date(Date.now() + 3600_000).toISOString();
      const campaign = await created(body({ audience: { contactIds: [await contact(admin, {})] }, scheduledAt }));

      await act(campaign.id, 'pause').expect(200);
      const resumed = (await act(campaign.id, 'resume').expect(200)).body as CampaignDto;

      expect(resumed).toMatchObject({ status: 'scheduled', startedAt: null });
    });

    it('should cancel pending recipients only, keep queued ones, and refuse anything after', async () => {
      const ids = [await contact(admin, {}), await contact(admin, {}), await contact(admin, { consent: 'unknown' })];
      const campaign = await created(body({ audience: { contactIds: ids } }));
      await queue(campaign, ids[0]!, 'sent');
      await act(campaign.id, 'pause').expect(200);

      const cancelled = (await act(campaign.id, 'cancel').expect(200)).body as CampaignDto;
      const resume = await act(campaign.id, 'resume').expect(409);
      const cancelAgain = await act(campaign.id, 'cancel').expect(409);

      expect(cancelled).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String) as unknown });
      expect(cancelled.totals).toMatchObject({ recipients: 3, sent: 1, cancelled: 1, skipped: 1, pending: 0 });
      expect((await recipients(campaign.id, '?state=cancelled')).data).toEqual([
        expect.objectContaining({ contactId: ids[1], state: 'cancelled', reason: 'campaign cancelled' }),
      ]);
      expect(resume.body.message).toBe('The campaign is cancelled: only a paused campaign can be resumed');
      expect(cancelAgain.body.message).toBe(
        'The campaign is cancelled: only a scheduled, running or paused campaign can be cancelled',
      );
    });

    it('should refuse a completed campaign and agents, and audit each change', async () => {
      const campaign = await created(body({ audience: { contactIds: [await contact(admin, {})] } }));
      await act(campaign.id, 'pause', agent).expect(403);
      await act(campaign.id, 'cancel', agent).expect(403);
      await act(campaign.id, 'pause').expect(200);
      await act(campaign.id, 'resume').expect(200);
      await t.sql(`UPDATE campaigns SET status = 'completed', completed_at = now() WHERE id = $1`, [campaign.id]);

      const res = await act(campaign.id, 'cancel').expect(409);

      expect(res.body.message).toBe(
        'The campaign is completed: only a scheduled, running or paused campaign can be cancelled',
      );
      const logs = await t.sql(`SELECT action FROM audit_logs WHERE target_id = $1 ORDER BY created_at`, [campaign.id]);
      expect(logs.map((l) => l.action)).toEqual(['campaign.created', 'campaign.paused', 'campaign.resumed']);
    });
  });

  describe('report', () => {
    it('should count each recipient once by its message’s status, replied over delivery, in the totals', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 8; i += 1) ids.push(await contact(admin, {}));
      ids.push(await contact(admin, { consent: 'unknown' }));
      const campaign = await created(body({ audience: { contactIds: ids } }));
      await queue(campaign, ids[0]!, 'queued');
      await queue(campaign, ids[1]!, 'sent');
      await queue(campaign, ids[2]!, 'delivered');
      await queue(campaign, ids[3]!, 'read');
      await queue(campaign, ids[4]!, 'read');
      await t.sql(`UPDATE campaign_recipients SET replied_at = now() WHERE campaign_id = $1 AND contact_id = $2`, [
        campaign.id,
        ids[4],
      ]);
      await queue(campaign, ids[5]!, 'failed', {
        error: { code: 131026, title: 'Message undeliverable', details: null },
      });

      const dto = (await t.http().get(`/campaigns/${campaign.id}`).set(auth(agent)).expect(200)).body as CampaignDto;

      expect(dto.totals).toEqual({
        recipients: 9,
        pending: 2,
        queued: 1,
        sent: 1,
        delivered: 1,
        read: 1,
        replied: 1,
        failed: 1,
        skipped: 1,
        cancelled: 0,
      });
      const failed = (await recipients(campaign.id, '?state=failed', agent)).data;
      expect(failed).toEqual([
        expect.objectContaining({
          contactId: ids[5],
          state: 'failed',
          reason: 'Message undeliverable',
          errorCode: 131026,
          failedAt: expect.any(String) as unknown,
          queuedAt: expect.any(String) as unknown,
        }),
      ]);
      const read = (await recipients(campaign.id, '?state=read')).data[0];
      expect(read).toMatchObject({ contactId: ids[3], sentAt: expect.any(String), readAt: expect.any(String) });
    });

    it('should page recipients in sending order and refuse a cursor it did not give', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) ids.push(await contact(admin, {}));
      const campaign = await created(body({ audience: { contactIds: ids } }));

      const first = await recipients(campaign.id, '?limit=2');
      const second = await recipients(campaign.id, `?limit=2&cursor=${first.nextCursor}`);
      const third = await recipients(campaign.id, `?limit=2&cursor=${second.nextCursor}`);
      const bad = await t.http().get(`/campaigns/${campaign.id}/recipients?cursor=abc`).set(auth(admin)).expect(400);
      const badState = await t
        .http()
        .get(`/campaigns/${campaign.id}/recipients?state=lost`)
        .set(auth(admin))
        .expect(400);

      expect([...first.data, ...second.data, ...third.data].map((r) => r.contactId)).toEqual(ids);
      expect(third.nextCursor).toBeNull();
      expect(bad.body.fields.cursor).toBeDefined();
      expect(badState.body.fields.state).toContain('state must be one of');
    });

    it('should export the recipients as CSV, of one state if asked, for admins', async () => {
      const ids = [await contact(admin, { name: '=cmd()' }), await contact(admin, { consent: 'unknown' })];
      const campaign = await created(body({ audience: { contactIds: ids } }));
      await queue(campaign, ids[0]!, 'delivered');

      const all = await t.http().get(`/campaigns/${campaign.id}/recipients.csv`).set(auth(admin)).expect(200);
      const skipped = await t
        .http()
        .get(`/campaigns/${campaign.id}/recipients.csv?state=skipped`)
        .set(auth(admin))
        .expect(200);
      await t.http().get(`/campaigns/${campaign.id}/recipients.csv`).set(auth(agent)).expect(403);

      expect(all.headers['content-type']).toBe('text/csv; charset=utf-8');
      const lines = all.text
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      expect(lines[0]).toBe(
        'position,contact_id,name,phone,user_id,state,reason,error_code,parameters,queued_at,sent_at,delivered_at,read_at,replied_at,failed_at',
      );
      expect(lines).toHaveLength(3);
      expect(lines[1]).toContain(`0,${ids[0]},'=cmd(),44`);
      expect(lines[1]).toContain(',delivered,,,');
      expect(lines[2]).toContain(`1,${ids[1]},`);
      expect(lines[2]).toContain(',skipped,no_marketing_consent,');
      expect(skipped.text.trimEnd().split('\r\n')).toHaveLength(2);
    });
  });

  describe('replies', () => {
    it('should mark the latest campaign message of the last 72 hours replied and the inbound message its answer', async () => {
      const waId = phone('44');
      const id = await contact(admin, { waId });
      const older = await created(body({ audience: { contactIds: [id] } }));
      const newer = await created(body({ audience: { contactIds: [id] } }));
      await queue(older, id, 'read', { queuedAt: new Date(Date.now() - 3600_000) });
      await queue(newer, id, 'delivered', { queuedAt: new Date(Date.now() - 60_000) });

      const reply = text(waId, 'Yes please');
      await inbound.deliver(webhook(number, { messages: [reply] }));
      // Redelivered: counted once.
      await inbound.deliver(webhook(number, { messages: [reply] }));
      await inbound.deliver(webhook(number, { messages: [text(waId, 'And another thing')] }));

      const [message] = await t.sql(`SELECT campaign_id FROM messages WHERE wamid = $1`, [reply.id]);
      expect(message?.campaign_id).toBe(newer.id);
      const newerRecipient = (await recipients(newer.id)).data[0];
      expect(newerRecipient).toMatchObject({ state: 'replied', repliedAt: expect.any(String) as unknown });
      expect((await recipients(older.id)).data[0]?.state).toBe('read');
      // A later message answers nothing more: the latest campaign message was answered already.
      expect((await recipients(older.id)).data[0]?.repliedAt).toBeNull();
      const answers = await t.sql(
        `SELECT count(*)::int AS n FROM messages WHERE campaign_id = $1 AND direction = 'inbound'`,
        [newer.id],
      );
      expect(answers).toEqual([{ n: 1 }]);
    });

    it('should not count a message after 72 hours, to a failed send, or from another contact', async () => {
      const [late, failing, silent] = [phone('44'), phone('44'), phone('44')];
      const ids = [
        await contact(admin, { waId: late }),
        await contact(admin, { waId: failing }),
        await contact(admin, { waId: silent }),
      ];
      const campaign = await created(body({ audience: { contactIds: ids } }));
      await queue(campaign, ids[0]!, 'delivered', { queuedAt: new Date(Date.now() - 73 * 3600_000) });
      await queue(campaign, ids[1]!, 'failed', {
        error: { code: 131026, title: 'Message undeliverable', details: null },
      });
      await queue(campaign, ids[2]!, 'delivered');

      await inbound.deliver(
        webhook(number, { messages: [text(late, 'Late'), text(failing, 'Hello?'), text(phone('44'), 'Stranger')] }),
      );

      expect((await recipients(campaign.id)).data.map((r) => r.state)).toEqual(['delivered', 'failed', 'delivered']);
      const marked = await t.sql(
        `SELECT count(*)::int AS n FROM messages WHERE campaign_id = $1 AND direction = 'inbound'`,
        [campaign.id],
      );
      expect(marked).toEqual([{ n: 0 }]);
    });
  });

  describe('campaign.updated', () => {
    let url: string;
    const sockets: Socket[] = [];

    beforeAll(async () => {
      url = await t.listen();
    });
    afterAll(() => {
      for (const s of sockets) s.disconnect();
    });

    it('should tell the tenant’s dashboards of a change at most once a second, the last state included', async () => {
      const socket = io(url, { transports: ['websocket'], reconnection: false, auth: { token: admin.token } });
      sockets.push(socket);
      await new Promise((resolve) => socket.once('ready', resolve));
      const events: { at: number; campaign: CampaignDto }[] = [];
      socket.on('campaign.updated', (event: { campaign: CampaignDto }) => events.push({ at: Date.now(), ...event }));
      const ids = [await contact(admin, {}), await contact(admin, {})];

      const campaign = await created(body({ audience: { contactIds: ids } }));
      const heard = () => events.filter((e) => e.campaign.id === campaign.id);
      await eventually(
        async () => heard().length,
        (n) => n >= 1,
      );
      const service = t.app.get(CampaignsService);
      for (let i = 0; i < 20; i += 1) service.announce(admin.tenantId, campaign.id);
      await queue(campaign, ids[0]!, 'sent');
      service.announce(admin.tenantId, campaign.id);
      await eventually(
        async () => heard().at(-1)?.campaign.totals.sent,
        (sent) => sent === 1,
      );
      await new Promise((resolve) => setTimeout(resolve, 1200));

      expect(heard()[0]?.campaign).toMatchObject({ id: campaign.id, status: 'running' });
      expect(heard().length).toBeLessThanOrEqual(3);
      const gaps = heard()
        .slice(1)
        .map((h, i) => h.at - heard()[i]!.at);
      expect(gaps.every((gap) => gap >= 900)).toBe(true);
    });

    it('should tell the dashboards when a campaign message is delivered or read, after the campaign completed too', async () => {
      const socket = io(url, { transports: ['websocket'], reconnection: false, auth: { token: admin.token } });
      sockets.push(socket);
      await new Promise((resolve) => socket.once('ready', resolve));
      const ids = [await contact(admin, {})];
      const campaign = await created(body({ audience: { contactIds: ids } }));
      const messageId = await queue(campaign, ids[0]!, 'sent');
      await t.sql(`UPDATE campaigns SET status = 'completed', completed_at = now() WHERE id = $1`, [campaign.id]);
      const [sent] = await t.sql(
        `SELECT m.wamid, ct.wa_id FROM messages m JOIN conversations c ON c.id = m.conversation_id
         JOIN contacts ct ON ct.id = c.contact_id WHERE m.id = $1`,
        [messageId],
      );
      const events: CampaignDto[] = [];
      socket.on('campaign.updated', (event: { campaign: CampaignDto }) => {
        if (event.campaign.id === campaign.id) events.push(event.campaign);
      });

      await inbound.deliver(webhook(number, { statuses: [status(String(sent!.wamid), 'read', String(sent!.wa_id))] }));

      await eventually(
        async () => events.at(-1)?.totals.read,
        (read) => read === 1,
      );
      expect(events.at(-1)).toMatchObject({ status: 'completed' });
    });
  });
});
