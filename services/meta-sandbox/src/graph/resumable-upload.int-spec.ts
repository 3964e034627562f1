import {
  APP_ID,
  APP_SECRET,
  type Business,
  GRAPH_VERSION,
  type Sandbox,
  startSandbox,
} from '../test-support/sandbox-harness';

type ErrorAnswer = {
  error: { code: number; message: string; error_subcode?: number; error_data?: { details: string } };
};
type Progress = { id: string; file_offset: number };

const v = GRAPH_VERSION;
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

describe('Resumable Upload API (/{app-id}/uploads, /upload:{id})', () => {
  let sandbox: Sandbox;
  let business: Business;
  let token: string;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });

  beforeEach(async () => {
    business = await sandbox.createBusiness();
    token = await sandbox.exchangeCode(business.code);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  type Start = { file_name?: string; file_length?: string; file_type?: string };
  const startParams = (bytes: Buffer, fileType: string): Start => ({
    file_name: 'sample',
    file_length: String(bytes.length),
    file_type: fileType,
  });

  /** Step 1, with the token as `access_token` as in Meta's examples. */
  async function start<T = { id: string }>(params: Start, options: { appId?: string; token?: string } = {}) {
    const query = new URLSearchParams(params as Record<string, string>);
    const bearer = 'token' in options ? options.token : token;
    if (bearer !== undefined) query.set('access_token', bearer);
    return sandbox.call<T>('POST', `/${v}/${options.appId ?? APP_ID}/uploads?${query}`);
  }

  /** Step 2: raw bytes, `Authorization: OAuth`, `file_offset`. */
  async function send<T = { h: string }>(session: string, bytes: Buffer, offset: string | undefined, as = token) {
    const headers: Record<string, string> = {
      authorization: `OAuth ${as}`,
      'content-type': 'application/x-www-form-urlencoded',
    };
    if (offset !== undefined) headers.file_offset = offset;
    const res = await fetch(`${sandbox.baseUrl}/${v}/${session}`, {
      method: 'POST',
      headers,
      body: new Uint8Array(bytes),
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  const progress = (session: string, as = token) =>
    sandbox.call<Progress & ErrorAnswer>('GET', `/${v}/${session}`, { token: as });

  async function upload(bytes: Buffer, fileType: string): Promise<string> {
    const session = await start(startParams(bytes, fileType));
    const res = await send(session.body.id, bytes, '0');
    if (res.status !== 200) throw new Error(`upload: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.h;
  }

  const createTemplate = (name: string, format: string, handle?: string) =>
    sandbox.call<{ id: string; status: string } & ErrorAnswer>('POST', `/${v}/${business.waba_id}/message_templates`, {
      token,
      body: {
        name,
        language: 'en_US',
        category: 'MARKETING',
        components: [
          { type: 'HEADER', format, ...(handle !== undefined && { example: { header_handle: [handle] } }) },
          { type: 'BODY', text: 'New arrivals are in.' },
        ],
      },
    });

  it('should open a session, take the file in two parts with a resume in between, and answer a handle', async () => {
    const session = await start(startParams(PNG, 'image/png'));
    expect(session.status).toBe(200);
    expect(session.body.id).toMatch(/^upload:[A-Za-z0-9_-]+$/);

    const first = await send<Progress>(session.body.id, PNG.subarray(0, 10), '0');
    expect(first.body).toEqual({ id: session.body.id, file_offset: 10 });
    const resumed = await progress(session.body.id);
    expect(resumed.status).toBe(200);
    expect(resumed.body).toEqual({ id: session.body.id, file_offset: 10 });
    const last = await send(session.body.id, PNG.subarray(10), '10');

    expect(last.status).toBe(200);
    expect(last.body.h).toMatch(/^4::[A-Za-z0-9+/]+=*$/);
    expect((await progress(session.body.id)).body.file_offset).toBe(PNG.length);
    // The answer of the last part may be lost: resuming at the end gives the same handle.
    expect((await send(session.body.id, Buffer.alloc(0), String(PNG.length))).body.h).toBe(last.body.h);
  });

  it('should accept the handle as the sample of a header of its kind, and refuse it for another kind', async () => {
    const image = await upload(PNG, 'image/png');
    const pdf = await upload(PDF, 'application/pdf');

    const imageHeader = await createTemplate('pending_image_header', 'IMAGE', image);
    const documentHeader = await createTemplate('pending_document_header', 'DOCUMENT', pdf);
    const mismatch = await createTemplate('pending_mismatch', 'VIDEO', image);

    expect(imageHeader.status).toBe(200);
    expect(imageHeader.body.status).toBe('PENDING');
    expect(documentHeader.status).toBe(200);
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.code).toBe(100);
    expect(mismatch.body.error.error_data?.details).toContain('components[0].example.header_handle');
    expect(mismatch.body.error.error_data?.details).toContain('MP4');
  });

  it('should refuse a header handle the sandbox did not issue, and forget handles on reset', async () => {
    const handle = await upload(PNG, 'image/png');
    const madeUp = await createTemplate('pending_made_up', 'IMAGE', '4::aW1hZ2UvcG5n:made-up');
    await sandbox.call('POST', '/_sandbox/reset');
    business = await sandbox.createBusiness();
    token = await sandbox.exchangeCode(business.code);
    const forgotten = await createTemplate('pending_forgotten', 'IMAGE', handle);

    for (const res of [madeUp, forgotten]) {
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe(100);
      expect(res.body.error.error_data?.details).toContain('components[0].example.header_handle');
    }
  });

  it.each([
    ['no file_length', { file_name: 'a.png', file_type: 'image/png' }, 'file_length'],
    ['a file_length of 0', { file_name: 'a.png', file_length: '0', file_type: 'image/png' }, 'file_length'],
    [
      'a file_length that is not a number',
      { file_name: 'a.png', file_length: '1e3', file_type: 'image/png' },
      'file_length',
    ],
    [
      'a file over 100 MB',
      { file_name: 'a.pdf', file_length: String(100 * 1024 * 1024 + 1), file_type: 'application/pdf' },
      'file_length',
    ],
    ['no file_type', { file_name: 'a.png', file_length: '10' }, 'file_type'],
    ['a GIF', { file_name: 'a.gif', file_length: '10', file_type: 'image/gif' }, 'file_type'],
    ['no file_name', { file_length: '10', file_type: 'image/png' }, 'file_name'],
  ])('should refuse to open a session with %s, naming the parameter', async (_case, params, name) => {
    const res = await start<ErrorAnswer>(params);

    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(100);
    expect(res.body.error.error_data?.details).toContain(name);
  });

  it('should answer Graph errors for another app id, a WABA id, no token and the app token', async () => {
    const params = startParams(PNG, 'image/png');

    const otherApp = await start<ErrorAnswer>(params, { appId: '1234567890' });
    const waba = await start<ErrorAnswer>(params, { appId: business.waba_id });
    const anonymous = await start<ErrorAnswer>(params, { token: undefined });
    const appToken = await start<ErrorAnswer>(params, { token: `${APP_ID}|${APP_SECRET}` });

    expect(otherApp.status).toBe(400);
    expect(otherApp.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    expect(waba.status).toBe(400);
    expect(waba.body.error.message).toContain('nonexisting field (uploads)');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe(104);
    expect(appToken.status).toBe(400);
    expect(appToken.body.error.code).toBe(102);
  });

  it('should refuse a part without file_offset, at the wrong offset, or beyond file_length', async () => {
    const session = (await start(startParams(PNG, 'image/png'))).body.id;

    const noOffset = await send<ErrorAnswer>(session, PNG, undefined);
    const wrongOffset = await send<ErrorAnswer>(session, PNG, '5');
    const tooLong = await send<ErrorAnswer>(session, Buffer.concat([PNG, PNG]), '0');
    const empty = await send<ErrorAnswer>(session, Buffer.alloc(0), '0');

    expect(noOffset.status).toBe(400);
    expect(noOffset.body.error.message).toBe('(#100) The parameter file_offset is required');
    expect(wrongOffset.status).toBe(400);
    expect(wrongOffset.body.error.error_data?.details).toContain('file_offset must be 0');
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.error_data?.details).toContain('file_length');
    expect(empty.status).toBe(400);
    expect((await progress(session)).body.file_offset).toBe(0);
  });

  it('should not let another token continue or read a session', async () => {
    const other = await sandbox.createBusiness();
    const otherToken = await sandbox.exchangeCode(other.code);
    const session = (await start(startParams(PNG, 'image/png'))).body.id;

    const write = await send<ErrorAnswer>(session, PNG, '0', otherToken);
    const read = await progress(session, otherToken);
    const unknown = await progress('upload:bm90LWEtc2Vzc2lvbg');

    for (const res of [write, read, unknown]) {
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    }
    expect((await progress(session)).body.file_offset).toBe(0);
  });
});
