import {
  type ConversationDto,
  type HeaderSampleDto,
  type MessageDto,
  type Page,
  type RealtimeEvents,
  type TemplateDto,
  type TemplateSyncResultDto,
  type WhatsAppAccountDto,
} from '@aerostic/shared';
import { io, type Socket } from 'socket.io-client';
import { TemplatesService } from '../src/templates/templates.service';
import { SecretBox } from '../src/common/crypto/secret-box';
import { addMember, type Member, registerTenant } from './support/builders';
import { type MetaStack, planMetaStack, startMetaStack } from './support/meta-stack';
import { json, type Service } from './support/processes';
import { createTestApp, type TestApp } from './support/test-app';
import { eventually } from './support/eventually';

const GRAPH_VERSION = 'v26.0';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

/**
 * Templates end to end: the API talks to the real meta-sandbox, whose review decision comes back as a signed
 * webhook through the real webhook-worker; an approved template is then sent through the real message-worker.
 */
describe(`${TemplatesService.name} (API ↔ meta-sandbox)`, () => {
  let t: TestApp;
  let sandbox: Service;
  let stack: MetaStack;
  let admin: Member;
  let agent: Member;
  let account: WhatsAppAccountDto;
  let apiUrl: string;

  beforeAll(async () => {
    const plan = await planMetaStack();
    t = await createTestApp(plan.appEnv);
    stack = await startMetaStack(t, plan, { webhookWorker: true, messageWorker: true });
    sandbox = stack.sandbox;
    apiUrl = await t.listen();
    ({ admin, account } = await workspaceWithNumber('Template Co'));
    agent = await addMember(t, admin, 'agent');
  });
  afterAll(async () => {
    await stack?.stop();
    await t.close();
  });

  async function workspaceWithNumber(name: string): Promise<{ admin: Member; account: WhatsAppAccountDto }> {
    const member = await registerTenant(t, name);
    return { admin: member, account: await stack.connectNumber(member, name) };
  }

  /** The business token the API keeps sealed, to arrange templates at "Meta" directly. */
  async function tokenOf(whatsappAccountId: string): Promise<string> {
    const [row] = await t.sql(`SELECT access_token_encrypted FROM whatsapp_accounts WHERE id = $1`, [
      whatsappAccountId,
    ]);
    return t.app.get(SecretBox).open(String(row?.access_token_encrypted), whatsappAccountId);
  }

  const as = (member: Member) => ({
    get: (path: string) => t.http().get(path).auth(member.token, { type: 'bearer' }),
    post: (path: string, body?: object) =>
      t
        .http()
        .post(path)
        .auth(member.token, { type: 'bearer' })
        .send(body ?? {}),
    delete: (path: string) => t.http().delete(path).auth(member.token, { type: 'bearer' }),
  });

  const templateBody = (name: string, overrides: Record<string, unknown> = {}) => ({
    whatsappAccountId: account.id,
    name,
    language: 'en_US',
    category: 'UTILITY',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Order update' },
      { type: 'BODY', text: 'Hi {{1}}, your order {{2}} has shipped.', example: { body_text: [['Ana', 'A-100']] } },
      { type: 'FOOTER', text: 'Thanks for shopping with us' },
      { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Thanks' }] },
    ],
    ...overrides,
  });

  const read = async (member: Member, id: string) => (await as(member).get(`/templates/${id}`)).body as TemplateDto;

  it('should submit a template as PENDING, then store APPROVED from Meta’s webhook and send it', async () => {
    const socket: Socket = io(apiUrl, { transports: ['websocket'], reconnection: false, auth: { token: admin.token } });
    const events: RealtimeEvents['template.updated'][] = [];
    socket.on('template.updated', (payload: RealtimeEvents['template.updated']) => events.push(payload));
    await new Promise((resolve) => socket.once('ready', resolve));

    const created = await as(admin).post('/templates', templateBody('order_shipped')).expect(201);
    const template = created.body as TemplateDto;
    expect(template).toMatchObject({
      name: 'order_shipped',
      language: 'en_US',
      category: 'UTILITY',
      status: 'PENDING',
      rejectedReason: null,
      wabaId: account.wabaId,
      metaTemplateId: expect.stringMatching(/^\d+$/),
    });
    expect(template.components[1]).toMatchObject({ type: 'BODY', example: { body_text: [['Ana', 'A-100']] } });

    const atMeta = await json<{ data: { id: string; name: string }[] }>(
      `${sandbox.url}/_sandbox/templates?waba_id=${account.wabaId}`,
    );
    expect(atMeta.data).toContainEqual(expect.objectContaining({ id: template.metaTemplateId, name: 'order_shipped' }));

    const approved = await eventually(
      () => read(admin, template.id),
      (v) => v.status !== 'PENDING',
    );
    expect(approved).toMatchObject({ status: 'APPROVED', rejectedReason: null, name: 'order_shipped' });
    await eventually(
      async () => events,
      (e) => e.length > 0,
    );
    socket.disconnect();
    expect(events).toEqual([
      { metaTemplateId: template.metaTemplateId, wabaId: account.wabaId, status: 'APPROVED', rejectedReason: null },
    ]);
    const audit = await t.sql(`SELECT action, target_id FROM audit_logs WHERE action = 'template.created'`);
    expect(audit).toContainEqual({ action: 'template.created', target_id: template.id });

    // The approved template reaches the customer: Meta (the sandbox) accepts it.
    await json(`${sandbox.url}/_sandbox/customers/351912000100/messages`, {
      body: { phone_number_id: account.phoneNumberId, type: 'text', text: { body: 'Where is my order?' } },
    });
    const conversation = await eventually(
      async () => ((await as(admin).get('/conversations?search=351912000100')).body as Page<ConversationDto>).data[0],
      (c) => c !== undefined,
    );
    const sent = await as(admin)
      .post(`/conversations/${conversation!.id}/messages`, {
        type: 'template',
        template: {
          name: 'order_shipped',
          language: { code: 'en_US' },
          components: [
            {
              type: 'body',
              parameters: [
                { type: 'text', text: 'Ana' },
                { type: 'text', text: 'A-100' },
              ],
            },
          ],
        },
      })
      .expect(201);
    const message = sent.body as MessageDto;
    const delivered = await eventually(
      async () =>
        (
          (await as(admin).get(`/conversations/${conversation!.id}/messages?limit=50`)).body as Page<MessageDto>
        ).data.find((m) => m.id === message.id),
      (m) => m?.wamid !== null && m?.wamid !== undefined,
    );
    expect(delivered?.wamid).toMatch(/^wamid\./);
    expect(delivered?.status).not.toBe('failed');
  });

  it('should store Meta’s rejection and its reason', async () => {
    const created = (await as(admin).post('/templates', templateBody('reject_flash_sale')).expect(201))
      .body as TemplateDto;
    const rejected = await eventually(
      () => read(admin, created.id),
      (v) => v.status !== 'PENDING',
    );
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectedReason: 'INVALID_FORMAT' });
    const listed = (await as(admin).get('/templates?status=REJECTED').expect(200)).body as Page<TemplateDto>;
    expect(listed.data.map((x) => x.id)).toEqual([created.id]);
  });

  it.each([
    ['a name with capitals', { name: 'Order Update' }, 'name'],
    ['an unknown category', { category: 'PROMO' }, 'category'],
    [
      'body variables without examples',
      { components: [{ type: 'BODY', text: 'Hi {{1}}, welcome.' }] },
      'components.0.example.body_text',
    ],
    [
      'eleven buttons',
      {
        components: [
          { type: 'BODY', text: 'Pick one.' },
          { type: 'BUTTONS', buttons: Array.from({ length: 11 }, (_, i) => ({ type: 'QUICK_REPLY', text: `b${i}` })) },
        ],
      },
      'components.1.buttons',
    ],
    ['a missing number', { whatsappAccountId: undefined }, 'whatsappAccountId'],
  ])('should refuse %s with 400 naming the field', async (_case, overrides, field) => {
    const res = await as(admin).post('/templates', templateBody('valid_name', overrides)).expect(400);
    expect(Object.keys(res.body.fields as Record<string, string>)).toContain(field);
    expect(res.body.message).toMatch(/^Validation failed/);
  });

  it('should refuse a second template with the same name and language with 409', async () => {
    await as(admin).post('/templates', templateBody('pending_duplicate')).expect(201);
    const res = await as(admin).post('/templates', templateBody('pending_duplicate')).expect(409);
    expect(res.body.fields).toEqual({ name: expect.stringMatching(/already exists/) });
    await as(admin)
      .post('/templates', templateBody('pending_duplicate', { language: 'pt_BR' }))
      .expect(201);
  });

  it('should pass on Meta’s refusal as 422 with Meta’s reason, and store nothing', async () => {
    // Made in WhatsApp Manager, never synced: only Meta knows the name is taken.
    const token = await tokenOf(account.id);
    const atMeta = await fetch(`${sandbox.url}/${GRAPH_VERSION}/${account.wabaId}/message_templates`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'pending_made_at_meta',
        language: 'en_US',
        category: 'UTILITY',
        components: [{ type: 'BODY', text: 'Hello.' }],
      }),
    });
    expect(atMeta.status).toBe(200);

    const res = await as(admin).post('/templates', templateBody('pending_made_at_meta')).expect(422);
    expect(res.body.message).toMatch(/Content in this language already exists/);
    const listed = (await as(admin).get('/templates?search=pending_made_at_meta').expect(200))
      .body as Page<TemplateDto>;
    expect(listed.data).toEqual([]);
  });

  it('should let agents read templates but not create, sync or delete them', async () => {
    const created = (await as(admin).post('/templates', templateBody('pending_agent_view')).expect(201))
      .body as TemplateDto;
    const page = (await as(agent).get('/templates?search=AGENT_VIEW').expect(200)).body as Page<TemplateDto>;
    expect(page.data.map((x) => x.id)).toEqual([created.id]);
    await as(agent).post('/templates', templateBody('pending_by_agent')).expect(403);
    await as(agent).post('/templates/sync').expect(403);
    await as(agent).delete(`/templates/${created.id}`).expect(403);
  });

  it('should hide templates from other workspaces (404) and refuse their numbers', async () => {
    const created = (await as(admin).post('/templates', templateBody('pending_private')).expect(201))
      .body as TemplateDto;
    const other = await workspaceWithNumber('Other Co');
    await as(other.admin).get(`/templates/${created.id}`).expect(404);
    await as(other.admin).delete(`/templates/${created.id}`).expect(404);
    const listed = (await as(other.admin).get('/templates').expect(200)).body as Page<TemplateDto>;
    expect(listed.data).toEqual([]);
    const foreign = await as(other.admin).post('/templates', templateBody('pending_foreign')).expect(404);
    expect(foreign.body.fields).toHaveProperty('whatsappAccountId');
    await as(other.admin).get(`/templates?whatsappAccountId=${account.id}`).expect(404);
  });

  it('should delete the template at Meta, then here', async () => {
    const keep = (
      await as(admin)
        .post('/templates', templateBody('pending_farewell', { language: 'es' }))
        .expect(201)
    ).body as TemplateDto;
    const gone = (await as(admin).post('/templates', templateBody('pending_farewell')).expect(201)).body as TemplateDto;

    await as(admin).delete(`/templates/${gone.id}`).expect(204);

    await as(admin).get(`/templates/${gone.id}`).expect(404);
    const atMeta = await json<{ data: { id: string }[] }>(
      `${sandbox.url}/_sandbox/templates?waba_id=${account.wabaId}`,
    );
    const ids = atMeta.data.map((x) => x.id);
    expect(ids).not.toContain(gone.metaTemplateId);
    expect(ids).toContain(keep.metaTemplateId);
    const audit = await t.sql(`SELECT target_id FROM audit_logs WHERE action = 'template.deleted'`);
    expect(audit).toContainEqual({ target_id: gone.id });
    await as(admin).delete(`/templates/${gone.id}`).expect(404);
  });

  it('should delete here a template Meta already removed', async () => {
    const created = (await as(admin).post('/templates', templateBody('pending_removed_at_meta')).expect(201))
      .body as TemplateDto;
    const token = await tokenOf(account.id);
    const res = await fetch(
      `${sandbox.url}/${GRAPH_VERSION}/${account.wabaId}/message_templates?name=pending_removed_at_meta`,
      { method: 'DELETE', headers: { authorization: `Bearer ${token}` } },
    );
    expect(res.status).toBe(200);
    await as(admin).delete(`/templates/${created.id}`).expect(204);
  });

  it('should sync every page from Meta, and mark templates Meta no longer has as DELETED', async () => {
    const ws = await workspaceWithNumber('Catalog Co');
    const token = await tokenOf(ws.account.id);
    const createAtMeta = (name: string) =>
      fetch(`${sandbox.url}/${GRAPH_VERSION}/${ws.account.wabaId}/message_templates`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          name,
          language: 'en_US',
          category: 'MARKETING',
          components: [{ type: 'BODY', text: `Offer ${name}.` }],
        }),
      }).then((r) => r.json() as Promise<{ id: string }>);
    // More than one page of Meta's list (the API asks for 100 per page).
    const names = Array.from({ length: 130 }, (_, i) => `pending_offer_${String(i).padStart(3, '0')}`);
    const created: { id: string }[] = [];
    for (let i = 0; i < names.length; i += 26) {
      created.push(...(await Promise.all(names.slice(i, i + 26).map(createAtMeta))));
    }
    await json(`${sandbox.url}/_sandbox/templates/${created[0]!.id}/status`, {
      body: { status: 'REJECTED', reason: 'PROMOTIONAL' },
    });

    // Meta's status webhook arrives first: the row it creates has no content until the sync completes it.
    const heard = await eventually(
      async () => ((await as(ws.admin).get('/templates?status=REJECTED')).body as Page<TemplateDto>).data,
      (rows) => rows.length === 1,
    );
    expect(heard[0]).toMatchObject({ metaTemplateId: created[0]!.id, components: [] });

    const first = await as(ws.admin).post('/templates/sync', {}).expect(200);
    expect(first.body).toEqual<TemplateSyncResultDto>({
      wabaIds: [ws.account.wabaId],
      created: 129,
      updated: 1,
      removed: 0,
    });
    const all: TemplateDto[] = [];
    let cursor: string | null = null;
    do {
      const page = (
        await as(ws.admin)
          .get(`/templates?limit=50${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200)
      ).body as Page<TemplateDto>;
      all.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    expect(all.map((x) => x.name).sort()).toEqual(names);
    expect(all.find((x) => x.metaTemplateId === created[0]!.id)).toMatchObject({
      status: 'REJECTED',
      rejectedReason: 'PROMOTIONAL',
      category: 'MARKETING',
      components: [{ type: 'BODY', text: 'Offer pending_offer_000.' }],
    });

    // Gone at Meta, and one approved there since: the next sync follows.
    await fetch(`${sandbox.url}/${GRAPH_VERSION}/${ws.account.wabaId}/message_templates?name=${names[1]}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    const again = await as(ws.admin).post('/templates/sync', { whatsappAccountId: ws.account.id }).expect(200);
    expect(again.body).toMatchObject({ created: 0, removed: 1 });
    const deleted = (await as(ws.admin).get('/templates?status=DELETED').expect(200)).body as Page<TemplateDto>;
    expect(deleted.data.map((x) => x.name)).toEqual([names[1]]);
    const live = (await as(ws.admin).get(`/templates?search=${names[1]}`).expect(200)).body as Page<TemplateDto>;
    expect(live.data).toEqual([]);
    // No body at all: every connected number's business account.
    const third = await t.http().post('/templates/sync').auth(ws.admin.token, { type: 'bearer' }).expect(200);
    expect(third.body).toMatchObject({ created: 0, updated: 0, removed: 0 });
    const audit = await t.sql(`SELECT count(*)::int AS n FROM audit_logs WHERE action = 'templates.synced'`);
    expect(audit[0]?.n).toBeGreaterThanOrEqual(3);
  });

  it('should explain that a connected number is needed to sync, create or delete', async () => {
    const lonely = await registerTenant(t, 'No Number Co');
    const sync = await as(lonely).post('/templates/sync').expect(422);
    expect(sync.body.message).toMatch(/Connect a WhatsApp number first/);

    const ws = await workspaceWithNumber('Leaving Co');
    const body = { ...templateBody('pending_left_behind'), whatsappAccountId: ws.account.id };
    const created = (await as(ws.admin).post('/templates', body).expect(201)).body as TemplateDto;
    await as(ws.admin).delete(`/whatsapp/accounts/${ws.account.id}`).expect(204);

    const refused = await as(ws.admin).delete(`/templates/${created.id}`).expect(422);
    expect(refused.body.message).toMatch(/connect one of its numbers again/);
    await as(ws.admin).get(`/templates/${created.id}`).expect(200);
    const again = await as(ws.admin)
      .post('/templates', { ...body, name: 'pending_after_leaving' })
      .expect(404);
    expect(again.body.fields).toHaveProperty('whatsappAccountId');
  });

  it('should filter by number and by WABA, and refuse bad filters', async () => {
    const byAccount = (await as(admin).get(`/templates?whatsappAccountId=${account.id}&limit=200`).expect(200))
      .body as Page<TemplateDto>;
    expect(byAccount.data.length).toBeGreaterThan(0);
    expect(byAccount.data.every((x) => x.wabaId === account.wabaId)).toBe(true);
    const otherWaba = (await as(admin).get('/templates?wabaId=1').expect(200)).body as Page<TemplateDto>;
    expect(otherWaba.data).toEqual([]);
    const bad = await as(admin).get('/templates?status=GOOD').expect(400);
    expect(bad.body.fields).toHaveProperty('status');
  });

  describe('header samples', () => {
    type SampleFile = { bytes: Buffer; name: string; contentType: string };
    const png: SampleFile = { bytes: PNG, name: 'banner.png', contentType: 'image/png' };

    function uploadSample(
      member: Member,
      file: SampleFile | null,
      fields: Record<string, string> = { whatsappAccountId: account.id, format: 'IMAGE' },
    ) {
      const req = t.http().post('/templates/header-samples').auth(member.token, { type: 'bearer' });
      for (const [name, value] of Object.entries(fields)) req.field(name, value);
      if (file) req.attach('file', file.bytes, { filename: file.name, contentType: file.contentType });
      return req;
    }

    const withHeader = (name: string, header: Record<string, unknown>) =>
      templateBody(name, {
        category: 'MARKETING',
        components: [header, { type: 'BODY', text: 'New arrivals are in.' }],
      });

    it('should upload a PNG sample to Meta and create an IMAGE-header template with its handle', async () => {
      const sample = (await uploadSample(admin, png).expect(201)).body as HeaderSampleDto;
      expect(sample).toEqual({
        handle: expect.stringMatching(/^4::/),
        format: 'IMAGE',
        fileType: 'image/png',
        fileName: 'banner.png',
        fileSize: PNG.length,
      });

      const header = { type: 'HEADER', format: 'IMAGE', example: { header_handle: [sample.handle] } };
      const created = (await as(admin).post('/templates', withHeader('image_header', header)).expect(201))
        .body as TemplateDto;

      expect(created).toMatchObject({ status: 'PENDING', components: [header, { type: 'BODY' }] });
      const approved = await eventually(
        () => read(admin, created.id),
        (v) => v.status !== 'PENDING',
      );
      expect(approved.status).toBe('APPROVED');
      const audit = await t.sql(`SELECT metadata FROM audit_logs WHERE action = 'template.header_sample_uploaded'`);
      expect(audit).toContainEqual({
        metadata: {
          wabaId: account.wabaId,
          format: 'IMAGE',
          fileType: 'image/png',
          fileName: 'banner.png',
          fileSize: PNG.length,
        },
      });
    });

    it('should refuse a file no header takes, or not of the chosen header’s kind, naming the file field', async () => {
      const gif = await uploadSample(admin, { bytes: PNG, name: 'a.gif', contentType: 'image/gif' }).expect(400);
      const pdfForImage = await uploadSample(admin, {
        bytes: PDF,
        name: 'menu.pdf',
        contentType: 'application/pdf',
      }).expect(400);

      expect(gif.body.fields).toEqual({ file: expect.stringMatching(/JPEG or PNG image.*this file is image\/gif/) });
      expect(pdfForImage.body.fields).toEqual({
        file: 'The sample of an image header must be a JPEG or PNG image; this file is application/pdf',
      });
      const pdf = (
        await uploadSample(
          admin,
          { bytes: PDF, name: 'menu.pdf', contentType: 'application/pdf' },
          { whatsappAccountId: account.id },
        ).expect(201)
      ).body as HeaderSampleDto;
      expect(pdf).toMatchObject({ format: 'DOCUMENT', fileType: 'application/pdf' });
    });

    it('should refuse an image over 5 MB, an empty file and no file', async () => {
      const big = await uploadSample(admin, {
        bytes: Buffer.alloc(5 * 1024 * 1024 + 1),
        name: 'big.jpg',
        contentType: 'image/jpeg',
      }).expect(413);
      const empty = await uploadSample(admin, { ...png, bytes: Buffer.alloc(0) }).expect(400);
      const none = await uploadSample(admin, null).expect(400);

      expect(big.body.fields.file).toMatch(/at most 5 MB/);
      expect(empty.body.fields).toHaveProperty('file');
      expect(none.body.fields).toHaveProperty('file');
    });

    it('should let only admins upload, with their own workspace’s numbers', async () => {
      await uploadSample(agent, png).expect(403);
      const other = await workspaceWithNumber('Sample Co');

      const foreign = await uploadSample(other.admin, png).expect(404);

      expect(foreign.body.fields).toHaveProperty('whatsappAccountId');
    });

    it('should pass on Meta’s refusal of a handle it did not issue', async () => {
      const header = { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::bWFkZS11cA=='] } };

      const res = await as(admin).post('/templates', withHeader('pending_made_up_handle', header)).expect(422);

      expect(res.body.message).toMatch(/header_handle/);
    });
  });
});
