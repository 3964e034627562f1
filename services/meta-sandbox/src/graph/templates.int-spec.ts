import { createHmac } from 'node:crypto';
import { APP_SECRET, type Business, GRAPH_VERSION, type Sandbox, startSandbox } from '../test-support/sandbox-harness';

type TemplateItem = {
  id: string;
  name: string;
  language: string;
  status: string;
  category: string;
  components: Record<string, unknown>[];
  rejected_reason?: string;
};
type ListAnswer = {
  data: TemplateItem[];
  paging?: { cursors: { before: string; after: string }; next?: string };
};
type ErrorAnswer = {
  error: { code: number; message: string; error_subcode?: number; error_data?: { details: string } };
};
type StatusValue = {
  event: string;
  message_template_id: number;
  message_template_name: string;
  message_template_language: string;
  reason: string | null;
};

const body = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  language: 'en_US',
  category: 'UTILITY',
  components: [
    { type: 'BODY', text: 'Hi {{1}}, your order {{2}} shipped.', example: { body_text: [['Ana', 'A-100']] } },
  ],
  ...extra,
});

describe('/{waba-id}/message_templates', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  async function newWaba(subscribed = true) {
    const business: Business = await sandbox.createBusiness({ subscribed });
    const token = await sandbox.exchangeCode(business.code);
    const path = `/${GRAPH_VERSION}/${business.waba_id}/message_templates`;
    const create = <T = { id: string; status: string; category: string }>(input: unknown) =>
      sandbox.call<T>('POST', path, { token, body: input });
    const list = (query = '') => sandbox.call<ListAnswer>('GET', `${path}${query}`, { token });
    return { business, token, path, create, list };
  }

  function statusUpdates(templateId: string): StatusValue[] {
    return sandbox.receiver.received
      .flatMap((w) => w.body.entry.flatMap((e) => e.changes))
      .filter((c) => c.field === 'message_template_status_update')
      .map((c) => c.value as unknown as StatusValue)
      .filter((v) => String(v.message_template_id) === templateId);
  }

  it('should answer PENDING, then approve the template and send a signed status webhook', async () => {
    const { business, create, list } = await newWaba();

    const res = await create(body('order_shipped'));

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: expect.stringMatching(/^\d+$/), status: 'PENDING', category: 'UTILITY' });
    await sandbox.receiver.waitFor(() => statusUpdates(res.body.id).length === 1);
    expect(statusUpdates(res.body.id)).toEqual([
      {
        event: 'APPROVED',
        message_template_id: Number(res.body.id),
        message_template_name: 'order_shipped',
        message_template_language: 'en_US',
        reason: null,
        message_template_category: 'UTILITY',
      },
    ]);
    const webhook = sandbox.receiver.received.find((w) => w.raw.includes(res.body.id))!;
    expect(webhook.body.entry[0]).toMatchObject({ id: business.waba_id, time: expect.any(Number) });
    const hmac = createHmac('sha256', APP_SECRET).update(webhook.raw, 'utf8').digest('hex');
    expect(webhook.headers['x-hub-signature-256']).toBe(`sha256=${hmac}`);
    expect((await list()).body.data).toEqual([
      expect.objectContaining({ id: res.body.id, status: 'APPROVED', name: 'order_shipped', language: 'en_US' }),
    ]);
  });

  it('should reject names starting with reject_ with a reason, and hold names starting with pending_', async () => {
    const { create, list } = await newWaba();
    const rejected = await create(body('reject_promo'));
    const held = await create(body('pending_notice'));

    await sandbox.receiver.waitFor(() => statusUpdates(rejected.body.id).length === 1);
    expect(statusUpdates(rejected.body.id)[0]).toMatchObject({ event: 'REJECTED', reason: 'INVALID_FORMAT' });
    const fields = '?fields=name,status,rejected_reason';
    expect((await list(fields)).body.data).toEqual([
      { id: rejected.body.id, name: 'reject_promo', status: 'REJECTED', rejected_reason: 'INVALID_FORMAT' },
      { id: held.body.id, name: 'pending_notice', status: 'PENDING', rejected_reason: 'NONE' },
    ]);
    expect(statusUpdates(held.body.id)).toEqual([]);

    const decided = await sandbox.call('POST', `/_sandbox/templates/${held.body.id}/status`, {
      body: { status: 'REJECTED', reason: 'PROMOTIONAL' },
    });
    expect(decided.body).toMatchObject({ status: 'REJECTED', rejected_reason: 'PROMOTIONAL' });
    await sandbox.receiver.waitFor(() => statusUpdates(held.body.id).length === 1);
    expect(statusUpdates(held.body.id)[0]).toMatchObject({ event: 'REJECTED', reason: 'PROMOTIONAL' });
  });

  it('should page with cursors and a next link, and filter by name and status', async () => {
    const { create, list, token } = await newWaba();
    for (let i = 0; i < 5; i++) await create(body(`pending_bulk_${i}`));
    await create(body('pending_other'));

    const first = await list('?limit=2');
    expect(first.body.data.map((t) => t.name)).toEqual(['pending_bulk_0', 'pending_bulk_1']);
    expect(first.body.paging?.next).toContain(`after=${first.body.paging?.cursors.after}`);
    const names: string[] = [];
    let next = first.body.paging?.next;
    names.push(...first.body.data.map((t) => t.name));
    while (next) {
      const res = await fetch(next, { headers: { authorization: `Bearer ${token}` } });
      const page = (await res.json()) as ListAnswer;
      names.push(...page.data.map((t) => t.name));
      next = page.paging?.next;
    }
    expect(names).toEqual([0, 1, 2, 3, 4].map((i) => `pending_bulk_${i}`).concat('pending_other'));
    const third = await list(
      `?limit=2&after=${encodeURIComponent((await list('?limit=4')).body.paging!.cursors.after)}`,
    );
    const back = await list(`?limit=2&before=${encodeURIComponent(third.body.paging!.cursors.before)}`);
    expect(back.body.data.map((t) => t.name)).toEqual(['pending_bulk_2', 'pending_bulk_3']);
    expect((await list('?name=bulk_3')).body.data.map((t) => t.name)).toEqual(['pending_bulk_3']);
    expect((await list('?status=APPROVED')).body.data).toEqual([]);
  });

  it.each([
    ['a name with capitals', body('Order Update'), 'name'],
    ['a name too long', body('a'.repeat(513)), 'name'],
    ['no language', { ...body('x'), language: undefined }, 'language'],
    ['an unknown category', body('x', { category: 'PROMO' }), 'category'],
    ['no components', body('x', { components: undefined }), 'components'],
    [
      'body variables without examples',
      body('x', { components: [{ type: 'BODY', text: 'Hi {{1}}, welcome.' }] }),
      'components[0].example.body_text',
    ],
    [
      'too few examples',
      body('x', { components: [{ type: 'BODY', text: 'Hi {{1}} {{2}}.', example: { body_text: [['Ana']] } }] }),
      'components[0].example.body_text',
    ],
    [
      'variables out of sequence',
      body('x', { components: [{ type: 'BODY', text: 'Hi {{2}}.', example: { body_text: [['Ana']] } }] }),
      'components[0].text',
    ],
    [
      'a body ending with a variable',
      body('x', { components: [{ type: 'BODY', text: 'Hi {{1}}', example: { body_text: [['Ana']] } }] }),
      'components[0].text',
    ],
    [
      'a footer too long',
      body('x', {
        components: [
          { type: 'BODY', text: 'Hi.' },
          { type: 'FOOTER', text: 'f'.repeat(61) },
        ],
      }),
      'components[1].text',
    ],
    [
      'a quick reply title too long',
      body('x', {
        components: [
          { type: 'BODY', text: 'Hi.' },
          { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'q'.repeat(26) }] },
        ],
      }),
      'components[1].buttons[0].text',
    ],
    [
      'eleven buttons',
      body('x', {
        components: [
          { type: 'BODY', text: 'Hi.' },
          { type: 'BUTTONS', buttons: Array.from({ length: 11 }, (_, i) => ({ type: 'QUICK_REPLY', text: `b${i}` })) },
        ],
      }),
      'components[1].buttons',
    ],
    [
      'a URL variable without example',
      body('x', {
        components: [
          { type: 'BODY', text: 'Hi.' },
          { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Track', url: 'https://example.com/t/{{1}}' }] },
        ],
      }),
      'components[1].buttons[0].example',
    ],
    [
      'an image header without a handle',
      body('x', {
        components: [
          { type: 'HEADER', format: 'IMAGE' },
          { type: 'BODY', text: 'Hi.' },
        ],
      }),
      'components[0].example.header_handle',
    ],
    ['no BODY', body('x', { components: [{ type: 'FOOTER', text: 'Bye' }] }), 'BODY'],
  ])('should refuse %s with code 100 naming the field', async (_case, input, field) => {
    const { create } = await newWaba();
    const res = await create<ErrorAnswer>(input);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(100);
    expect(res.body.error.error_data?.details).toContain(field);
  });

  it('should accept named variables with named examples, headers and every button kind', async () => {
    const { create } = await newWaba();
    const res = await create(
      body('named_vars', {
        category: 'MARKETING',
        parameter_format: 'NAMED',
        components: [
          {
            type: 'HEADER',
            format: 'TEXT',
            text: 'Hello {{first_name}}',
            example: { header_text_named_params: [{ param_name: 'first_name', example: 'Ana' }] },
          },
          {
            type: 'BODY',
            text: 'Your code {{code}} is ready.',
            example: { body_text_named_params: [{ param_name: 'code', example: 'X1' }] },
          },
          { type: 'FOOTER', text: 'Reply STOP to opt out' },
          {
            type: 'BUTTONS',
            buttons: [
              { type: 'QUICK_REPLY', text: 'Stop promotions' },
              { type: 'URL', text: 'Shop', url: 'https://shop.example/{{1}}', example: ['summer'] },
              { type: 'PHONE_NUMBER', text: 'Call us', phone_number: '+15550100001' },
            ],
          },
        ],
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'PENDING', category: 'MARKETING' });
  });

  it('should accept a form-encoded create with the components as JSON, as Graph does', async () => {
    const { path, token, list } = await newWaba();
    const form = new URLSearchParams({
      name: 'pending_form_encoded',
      language: 'es',
      category: 'UTILITY',
      components: JSON.stringify([{ type: 'BODY', text: 'Hola.' }]),
    });
    const res = await fetch(`${sandbox.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(res.status).toBe(200);
    expect((await list()).body.data).toEqual([
      expect.objectContaining({ name: 'pending_form_encoded', components: [{ type: 'BODY', text: 'Hola.' }] }),
    ]);
  });

  it('should refuse a second template with the same name and language, but not in another language', async () => {
    const { create } = await newWaba();
    await create(body('pending_dup'));
    const dup = await create<ErrorAnswer>(body('pending_dup'));
    expect(dup.status).toBe(400);
    expect(dup.body.error).toMatchObject({ code: 100, error_subcode: 2388024 });
    expect((await create(body('pending_dup', { language: 'pt_BR' }))).status).toBe(200);
  });

  it('should delete by name (every language) or by hsm_id, and answer an error for an unknown name', async () => {
    const { create, list, path, token } = await newWaba();
    const en = await create(body('pending_gone'));
    await create(body('pending_gone', { language: 'pt_BR' }));
    const kept = await create(body('pending_kept'));
    const kept2 = await create(body('pending_kept', { language: 'es' }));

    const byId = await sandbox.call('DELETE', `${path}?name=pending_kept&hsm_id=${kept2.body.id}`, { token });
    expect(byId.body).toEqual({ success: true });
    const byName = await sandbox.call('DELETE', `${path}?name=pending_gone`, { token });
    expect(byName.body).toEqual({ success: true });
    expect((await list()).body.data.map((t) => t.id)).toEqual([kept.body.id]);
    expect(en.body.id).not.toBe(kept.body.id);

    const unknown = await sandbox.call<ErrorAnswer>('DELETE', `${path}?name=pending_gone`, { token });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe(100);
    const noName = await sandbox.call<ErrorAnswer>('DELETE', path, { token });
    expect(noName.body.error.message).toContain('name');
  });

  it('should need a token of the WABA', async () => {
    const { path } = await newWaba();
    const other = await newWaba();
    expect((await sandbox.call<ErrorAnswer>('GET', path)).status).toBe(401);
    const res = await sandbox.call<ErrorAnswer>('GET', path, { token: other.token });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe(200);
  });

  it('should let only APPROVED templates be sent (132001 otherwise)', async () => {
    const { business, token, create } = await newWaba();
    await sandbox.call('POST', `/_sandbox/customers/16505550199/window`, {
      body: { phone_number_id: business.phone_number_id, last_inbound_at: Math.floor(sandbox.clock.now() / 1000) },
    });
    const send = (name: string, language = 'en_US') =>
      sandbox.call<ErrorAnswer & { messages?: { id: string; message_status: string }[] }>(
        'POST',
        `/${GRAPH_VERSION}/${business.phone_number_id}/messages`,
        {
          token,
          body: {
            messaging_product: 'whatsapp',
            to: '16505550199',
            type: 'template',
            template: { name, language: { code: language } },
          },
        },
      );
    const held = await create(body('pending_welcome'));

    expect((await send('nothing_like_this')).body.error.code).toBe(132001);
    expect((await send('pending_welcome')).body.error.code).toBe(132001);
    await sandbox.call('POST', `/_sandbox/templates/${held.body.id}/status`, { body: { status: 'APPROVED' } });
    expect((await send('pending_welcome', 'pt_BR')).body.error.code).toBe(132001);
    const ok = await send('pending_welcome');
    expect(ok.status).toBe(200);
    expect(ok.body.messages?.[0]?.message_status).toBe('accepted');
    await sandbox.call('POST', `/_sandbox/templates/${held.body.id}/status`, { body: { status: 'PAUSED' } });
    expect((await send('pending_welcome')).body.error.code).toBe(132015);
  });

  it('should forget templates on reset', async () => {
    const { business, create } = await newWaba();
    const held = await create(body('pending_reset'));
    await sandbox.call('POST', '/_sandbox/reset');
    const res = await sandbox.call('POST', `/_sandbox/templates/${held.body.id}/status`, {
      body: { status: 'APPROVED' },
    });
    expect(res.status).toBe(404);
    const listed = await sandbox.call<{ data: unknown[] }>('GET', `/_sandbox/templates?waba_id=${business.waba_id}`);
    expect(listed.body.data).toEqual([]);
  });
});
