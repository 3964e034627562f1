import { HEADER_SAMPLE_UPLOAD_PATH, uploadHeaderSample } from './template-header-upload';

const PNG = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'banner.png', { type: 'image/png' });
const ACCOUNT = '5b0c3f5e-4c3a-4a8e-9d7c-2f1e0a9b8c7d';

/** Records what the uploader sends and answers like the app's route would. */
function answering(status: number, body: unknown) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const send = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  }) as unknown as typeof fetch;
  return { send, calls };
}

describe('uploadHeaderSample', () => {
  it('should send the file, its kind and the number to the app route and answer the handle', async () => {
    const sample = {
      handle: '4::aW1hZ2U=',
      format: 'IMAGE',
      fileType: 'image/png',
      fileName: 'banner.png',
      fileSize: 4,
    };
    const { send, calls } = answering(201, sample);
    await expect(uploadHeaderSample(PNG, 'IMAGE', ACCOUNT, send)).resolves.toEqual({ ok: true, sample });

    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(HEADER_SAMPLE_UPLOAD_PATH);
    const form = calls[0]!.init.body as FormData;
    expect(form.get('whatsappAccountId')).toBe(ACCOUNT);
    expect(form.get('format')).toBe('IMAGE');
    expect((form.get('file') as File).name).toBe('banner.png');
  });

  it('should answer the API’s sentence for the file field', async () => {
    const { send } = answering(400, {
      statusCode: 400,
      error: 'Bad Request',
      message: 'Validation failed',
      fields: { file: 'An image header takes a JPEG or PNG image' },
    });
    await expect(uploadHeaderSample(PNG, 'IMAGE', ACCOUNT, send)).resolves.toEqual({
      ok: false,
      message: 'An image header takes a JPEG or PNG image',
    });
  });

  it('should answer the API’s message when no field is named, and a sentence when there is no answer', async () => {
    const forbidden = answering(403, { statusCode: 403, error: 'Forbidden', message: 'Only admins can do this' });
    await expect(uploadHeaderSample(PNG, 'IMAGE', ACCOUNT, forbidden.send)).resolves.toEqual({
      ok: false,
      message: 'Only admins can do this',
    });
    const tooLarge = answering(413, undefined);
    await expect(uploadHeaderSample(PNG, 'IMAGE', ACCOUNT, tooLarge.send)).resolves.toEqual({
      ok: false,
      message: 'banner.png is larger than the server accepts.',
    });
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(uploadHeaderSample(PNG, 'IMAGE', ACCOUNT, offline)).resolves.toEqual({
      ok: false,
      message: 'The upload was interrupted. Check the connection and try again.',
    });
  });
});
