import { createHash } from 'node:crypto';
import { type Business, GRAPH_VERSION, type Sandbox, startSandbox } from '../test-support/sandbox-harness';

type ErrorAnswer = { error: { code: number; message: string; error_data?: { details: string } } };
type MediaInfo = { url: string; mime_type: string; sha256: string; file_size: string; id: string };

const v = GRAPH_VERSION;
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('POST /{phone-number-id}/media', () => {
  let sandbox: Sandbox;
  let business: Business;
  let token: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ config: { statusDelaysMs: [5, 5, 5] } });
  });

  beforeEach(async () => {
    business = await sandbox.createBusiness();
    token = await sandbox.exchangeCode(business.code);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  type Form = { messaging_product?: string; type?: string; file?: { bytes: Buffer; mimeType: string; name?: string } };
  const pngForm = (): Form => ({
    messaging_product: 'whatsapp',
    type: 'image/png',
    file: { bytes: PNG, mimeType: 'image/png', name: 'dot.png' },
  });

  async function upload<T>(form: Form, options: { token?: string; phoneNumberId?: string } = {}) {
    const body = new FormData();
    if (form.messaging_product !== undefined) body.set('messaging_product', form.messaging_product);
    if (form.file) {
      body.set('file', new Blob([new Uint8Array(form.file.bytes)], { type: form.file.mimeType }), form.file.name);
    }
    if (form.type !== undefined) body.set('type', form.type);
    const headers: Record<string, string> = {};
    const bearer = 'token' in options ? options.token : token;
    if (bearer !== undefined) headers.authorization = `Bearer ${bearer}`;
    const res = await fetch(`${sandbox.baseUrl}/${v}/${options.phoneNumberId ?? business.phone_number_id}/media`, {
      method: 'POST',
      headers,
      body,
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  it('should answer a numeric id whose media can be read back, downloaded and sent', async () => {
    const res = await upload<{ id: string }>(pngForm());

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: expect.stringMatching(/^\d+$/) });
    const info = await sandbox.call<MediaInfo>('GET', `/${v}/${res.body.id}`, { token });
    expect(info.body).toMatchObject({ id: res.body.id, mime_type: 'image/png', file_size: String(PNG.length) });
    expect(info.body.sha256).toBe(createHash('sha256').update(PNG).digest('hex'));
    const download = await fetch(info.body.url, { headers: { authorization: `Bearer ${token}` } });
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PNG);

    await sandbox.call('POST', '/_sandbox/customers/16505551234/window', {
      body: { phone_number_id: business.phone_number_id, last_inbound_at: Math.floor(sandbox.clock.now() / 1000) },
    });
    const send = await sandbox.call<{ messages: { id: string }[] }>(
      'POST',
      `/${v}/${business.phone_number_id}/messages`,
      { token, body: { messaging_product: 'whatsapp', to: '16505551234', type: 'image', image: { id: res.body.id } } },
    );
    expect(send.status).toBe(200);
    const outbox = await sandbox.call<{ data: { request: unknown }[] }>(
      'GET',
      `/_sandbox/outbox?phone_number_id=${business.phone_number_id}`,
    );
    expect(outbox.body.data.map((e) => e.request)).toEqual([expect.objectContaining({ image: { id: res.body.id } })]);
  });

  it('should refuse a send whose media id is unknown or belongs to another WABA', async () => {
    const other = await sandbox.createBusiness();
    const otherToken = await sandbox.exchangeCode(other.code);
    const foreign = await upload<{ id: string }>(pngForm(), {
      token: otherToken,
      phoneNumberId: other.phone_number_id,
    });
    const sendImage = (id: string) =>
      sandbox.call<ErrorAnswer>('POST', `/${v}/${business.phone_number_id}/messages`, {
        token,
        body: { messaging_product: 'whatsapp', to: '16505551234', type: 'image', image: { id } },
      });

    const unknown = await sendImage('1234567890');
    const fromOther = await sendImage(foreign.body.id);

    for (const res of [unknown, fromOther]) {
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe(100);
      expect(res.body.error.error_data?.details).toContain("image['id']");
    }
  });

  it.each([
    ['a GIF', { type: 'image/gif', file: { bytes: PNG, mimeType: 'image/gif' } }, 'image/gif'],
    [
      'an image over 5 MB',
      { type: 'image/jpeg', file: { bytes: Buffer.alloc(5 * 1024 * 1024 + 1), mimeType: 'image/jpeg' } },
      '5 MB',
    ],
    [
      'an animated sticker over 500 KB',
      { type: 'image/webp', file: { bytes: Buffer.alloc(500 * 1024 + 1), mimeType: 'image/webp' } },
      '0.5 MB',
    ],
    ['an empty file', { type: 'image/png', file: { bytes: Buffer.alloc(0), mimeType: 'image/png' } }, 'empty'],
  ])('should answer 131053 when the file is %s', async (_case, form, detail) => {
    const res = await upload<ErrorAnswer>({ messaging_product: 'whatsapp', ...form });

    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(131053);
    expect(res.body.error.error_data?.details).toContain(detail);
  });

  it.each([
    ['file', { messaging_product: 'whatsapp', type: 'image/png' }],
    ['type', { messaging_product: 'whatsapp', file: { bytes: PNG, mimeType: 'image/png' } }],
    ['messaging_product', { type: 'image/png', file: { bytes: PNG, mimeType: 'image/png' } }],
  ])('should answer 400 code 100 naming %s when it is missing', async (field, form) => {
    const res = await upload<ErrorAnswer>(form);

    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 100, message: `(#100) The parameter ${field} is required` });
  });

  it('should answer 401 without a token and 403 with a token of another WABA', async () => {
    const other = await sandbox.createBusiness();
    const otherToken = await sandbox.exchangeCode(other.code);

    const anonymous = await upload<ErrorAnswer>(pngForm(), { token: undefined });
    const foreign = await upload<ErrorAnswer>(pngForm(), { token: otherToken });

    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe(104);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe(200);
  });
});
