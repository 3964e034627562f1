import { createHash } from 'node:crypto';
import { GRAPH_VERSION, type Sandbox, startSandbox } from '../test-support/sandbox-harness';

type MediaInfo = {
  messaging_product: string;
  url: string;
  mime_type: string;
  sha256: string;
  file_size: string;
  id: string;
};
type SentMessage = { wamid: string; message: Record<string, { id: string; sha256: string; mime_type: string }> };

const v = GRAPH_VERSION;

describe('media retrieval and download', () => {
  let sandbox: Sandbox;
  let token: string;
  let phoneNumberId: string;

  beforeEach(async () => {
    sandbox = await startSandbox();
    const business = await sandbox.createBusiness();
    token = await sandbox.exchangeCode(business.code);
    phoneNumberId = business.phone_number_id;
  });

  afterEach(async () => {
    await sandbox.close();
  });

  async function customerSends(type: string, content: Record<string, unknown> = {}) {
    const res = await sandbox.call<SentMessage>('POST', '/_sandbox/customers/16505551234/messages', {
      body: { phone_number_id: phoneNumberId, type, [type]: content },
    });
    expect(res.status).toBe(200);
    return res.body.message[type]!;
  }

  it('should describe inbound media and serve its bytes at the URL with the bearer token', async () => {
    const image = await customerSends('image', { caption: 'Taj Mahal' });

    const info = await sandbox.call<MediaInfo>('GET', `/${v}/${image.id}`, { token });
    expect(info.status).toBe(200);
    expect(info.body).toEqual({
      messaging_product: 'whatsapp',
      url: expect.stringMatching(new RegExp(`^${sandbox.baseUrl}/_media/attachments\\?mid=${image.id}&ext=\\d+&hash=`)),
      mime_type: 'image/jpeg',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      file_size: expect.stringMatching(/^\d+$/),
      id: image.id,
    });

    const download = await fetch(info.body.url, { headers: { authorization: `Bearer ${token}` } });
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    expect(bytes.length).toBe(Number(info.body.file_size));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(info.body.sha256);
    expect(createHash('sha256').update(bytes).digest('base64')).toBe(image.sha256);
  });

  it('should store custom bytes sent as data_base64 with their MIME type', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const image = await customerSends('image', { mime_type: 'image/png', data_base64: png.toString('base64') });

    const info = await sandbox.call<MediaInfo>('GET', `/${v}/${image.id}`, { token });
    const download = await fetch(info.body.url, { headers: { authorization: `Bearer ${token}` } });

    expect(info.body.mime_type).toBe('image/png');
    expect(Buffer.from(await download.arrayBuffer())).toEqual(png);
  });

  it('should refuse the download without the bearer token', async () => {
    const image = await customerSends('image');
    const info = await sandbox.call<MediaInfo>('GET', `/${v}/${image.id}`, { token });

    const download = await fetch(info.body.url);

    expect(download.status).toBe(401);
    expect(await download.json()).toMatchObject({ error: { code: 104 } });
  });

  it('should refuse the download with a token of another WABA', async () => {
    const image = await customerSends('document');
    const info = await sandbox.call<MediaInfo>('GET', `/${v}/${image.id}`, { token });
    const other = await sandbox.createBusiness();
    const otherToken = await sandbox.exchangeCode(other.code);

    const download = await fetch(info.body.url, { headers: { authorization: `Bearer ${otherToken}` } });
    const infoForOther = await sandbox.call('GET', `/${v}/${image.id}`, { token: otherToken });

    expect(download.status).toBe(403);
    expect(infoForOther.status).toBe(403);
  });

  it('should answer 404 once the URL has expired, and a fresh GET gives a working URL', async () => {
    const audio = await customerSends('audio', { voice: true });
    const stale = await sandbox.call<MediaInfo>('GET', `/${v}/${audio.id}`, { token });

    sandbox.clock.advance(5 * 60_000 + 1_000);
    const expired = await fetch(stale.body.url, { headers: { authorization: `Bearer ${token}` } });
    const fresh = await sandbox.call<MediaInfo>('GET', `/${v}/${audio.id}`, { token });
    const download = await fetch(fresh.body.url, { headers: { authorization: `Bearer ${token}` } });

    expect(expired.status).toBe(404);
    expect(await expired.json()).toMatchObject({ error: { code: 100 } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('audio/ogg; codecs=opus');
  });

  it('should honour an injected URL lifetime', async () => {
    await sandbox.close();
    sandbox = await startSandbox({ config: { mediaUrlTtlMs: 1_000 } });
    const business = await sandbox.createBusiness();
    token = await sandbox.exchangeCode(business.code);
    phoneNumberId = business.phone_number_id;
    const sticker = await customerSends('sticker');
    const info = await sandbox.call<MediaInfo>('GET', `/${v}/${sticker.id}`, { token });

    sandbox.clock.advance(2_000);
    const download = await fetch(info.body.url, { headers: { authorization: `Bearer ${token}` } });

    expect(download.status).toBe(404);
  });

  it('should refuse a URL whose hash was tampered with', async () => {
    const image = await customerSends('image');
    const info = await sandbox.call<MediaInfo>('GET', `/${v}/${image.id}`, { token });
    const url = new URL(info.body.url);
    url.searchParams.set('ext', String(Number(url.searchParams.get('ext')) + 3600));

    const download = await fetch(url, { headers: { authorization: `Bearer ${token}` } });

    expect(download.status).toBe(404);
  });

  it('should forget deleted media', async () => {
    const image = await customerSends('image');

    const deleted = await sandbox.call('DELETE', `/${v}/${image.id}`, { token });
    const info = await sandbox.call('GET', `/${v}/${image.id}`, { token });

    expect(deleted.body).toEqual({ success: true });
    expect(info).toMatchObject({ status: 400, body: { error: { code: 100, error_subcode: 33 } } });
  });
});
