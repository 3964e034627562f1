import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  type ConversationDto,
  MEDIA_MAX_BYTES,
  type MessageDto,
  type Page,
  type UploadedMediaDto,
  type WhatsAppAccountDto,
} from '@aerostic/shared';
import { MediaService } from '../src/media/media.service';
import { addMember, type Member, registerTenant } from './support/builders';
import { connectNumber, InboundHarness } from './support/inbound-harness';
import { text, webhook } from './support/meta-payloads';
import { type MetaStack, planMetaStack, startMetaStack } from './support/meta-stack';
import { json, type Service } from './support/processes';
import { createTestApp, type TestApp } from './support/test-app';
import { eventually } from './support/eventually';

type OutboxEntry = { wamid: string; request: Record<string, unknown> };

// A garbage collection on demand, to measure what the API holds rather than what it has not yet freed.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/**
 * `POST /media` against the real meta-sandbox, and the uploaded id sent in an image message through the real
 * message-worker.
 */
describe(`${MediaService.name} upload`, () => {
  let t: TestApp;
  let sandbox: Service;
  let stack: MetaStack;
  let inbound: InboundHarness;
  let admin: Member;
  let agent: Member;
  let account: WhatsAppAccountDto;

  beforeAll(async () => {
    const plan = await planMetaStack();
    t = await createTestApp({ ...plan.appEnv, MEDIA_MAX_CONCURRENT_UPLOADS: 2 });
    inbound = new InboundHarness(t);
    [stack] = await Promise.all([startMetaStack(t, plan, { messageWorker: true }), inbound.ready()]);
    sandbox = stack.sandbox;
    admin = await registerTenant(t, 'Upload Co');
    agent = await addMember(t, admin, 'agent');
    account = await stack.connectNumber(admin, 'Upload Co');
  });
  afterAll(async () => {
    await Promise.all([stack?.stop(), inbound?.close()]);
    await t.close();
  });

  function upload(
    member: Member,
    file: { bytes: Buffer; name: string; contentType: string } | null,
    fields: Record<string, string> = { whatsappAccountId: account.id },
    fileField = 'file',
  ) {
    const req = t.http().post('/media').auth(member.token, { type: 'bearer' });
    for (const [name, value] of Object.entries(fields)) req.field(name, value);
    if (file) req.attach(fileField, file.bytes, { filename: file.name, contentType: file.contentType });
    return req;
  }

  const png = { bytes: PNG, name: 'receipt.png', contentType: 'image/png' };

  /** The API on a port, for requests that stream their body by hand. */
  let origin: Promise<string> | undefined;
  const listening = () => (origin ??= t.listen());

  /** The customer writes first (the window opens); answers the conversation's id. */
  async function customerWrites(waId: string, body: string): Promise<string> {
    const number = {
      wabaId: account.wabaId,
      phoneNumberId: account.phoneNumberId,
      displayPhoneNumber: account.displayPhoneNumber,
    };
    await inbound.deliver(webhook(number, { messages: [text(waId, body)] }));
    const page = (await t.http().get(`/conversations?search=${waId}`).auth(agent.token, { type: 'bearer' }))
      .body as Page<ConversationDto>;
    return page.data[0]!.id;
  }

  async function sendImage(conversationId: string, image: Record<string, string>): Promise<MessageDto> {
    const res = await t
      .http()
      .post(`/conversations/${conversationId}/messages`)
      .auth(agent.token, { type: 'bearer' })
      .send({ type: 'image', image })
      .expect(201);
    return res.body as MessageDto;
  }

  it('should upload an agent’s image to WhatsApp and send it by its id in an image message', async () => {
    const res = await upload(agent, png).expect(201);
    const media = res.body as UploadedMediaDto;
    expect(media).toEqual({
      id: expect.stringMatching(/^\d+$/),
      type: 'image',
      mimeType: 'image/png',
      fileSize: PNG.length,
      filename: 'receipt.png',
    });

    const waId = '351913000001';
    const conversationId = await customerWrites(waId, 'Can you send the receipt?');
    await json(`${sandbox.url}/_sandbox/customers/${waId}/window`, {
      body: { phone_number_id: account.phoneNumberId, last_inbound_at: Math.floor(Date.now() / 1000) },
    });
    const sent = await sendImage(conversationId, { id: media.id, caption: 'Your receipt' });

    const outbox = await eventually(
      async () =>
        (await json<{ data: OutboxEntry[] }>(`${sandbox.url}/_sandbox/outbox?phone_number_id=${account.phoneNumberId}`))
          .data,
      (entries) => entries.length > 0,
    );
    expect(outbox).toEqual([
      expect.objectContaining({
        request: expect.objectContaining({ type: 'image', image: { id: media.id, caption: 'Your receipt' } }),
      }),
    ]);
    const [row] = await eventually(
      () => t.sql('SELECT wamid FROM messages WHERE id = $1', [sent.id]),
      (rows) => rows[0]?.wamid !== null,
    );
    expect(row?.wamid).toBe(outbox[0]!.wamid);

    // The inbox shows the team's own photo: the uploaded file is the message's, and Meta's job never carried it.
    expect(sent.content).toMatchObject({ stored_media: { status: 'stored', mimeType: 'image/png', size: PNG.length } });
    expect(outbox[0]!.request).not.toHaveProperty('stored_media');
    const file = await t.http().get(`/media/${sent.id}`).auth(agent.token, { type: 'bearer' }).expect(200);
    expect(file.headers['content-type']).toMatch(/^image\/png/);
    expect(file.headers['content-disposition']).toBe('inline');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(file.body as Buffer, PNG)).toBe(0);
  });

  it('should send a media id that was not uploaded from the inbox without a file to show', async () => {
    const sent = await sendImage(await customerWrites('351913000002', 'Hello'), { id: '1234567890' });
    expect(sent.content).not.toHaveProperty('stored_media');
    await t.http().get(`/media/${sent.id}`).auth(agent.token, { type: 'bearer' }).expect(404);
  });

  it('should keep the file name a browser sends in UTF-8 and drop any folder in front of it', async () => {
    const res = await upload(admin, { ...png, name: 'C:\\Users\\ana\\Fatura nº 12 — março.png' }).expect(201);

    expect((res.body as UploadedMediaDto).filename).toBe('Fatura nº 12 — março.png');
  });

  it('should answer a sticker and a document with their WhatsApp media kind', async () => {
    const sticker = await upload(admin, {
      bytes: Buffer.from('RIFF0000WEBPVP8 '),
      name: 's.webp',
      contentType: 'image/webp',
    });
    const pdf = await upload(admin, {
      bytes: Buffer.from('%PDF-1.4\n'),
      name: 'quote.pdf',
      contentType: 'application/pdf',
    });

    expect(sticker.status).toBe(201);
    expect(sticker.body).toMatchObject({ type: 'sticker', mimeType: 'image/webp' });
    expect(pdf.status).toBe(201);
    expect(pdf.body).toMatchObject({ type: 'document', mimeType: 'application/pdf', filename: 'quote.pdf' });
  });

  it.each([
    ['a GIF image', 'image/gif'],
    ['an HTML page', 'text/html'],
    ['a file of no known type', 'application/octet-stream'],
  ])('should answer 415 naming the file when it is %s', async (_case, contentType) => {
    const res = await upload(agent, { bytes: PNG, name: 'x.bin', contentType }).expect(415);

    expect(res.body).toMatchObject({ statusCode: 415, fields: { file: expect.stringContaining(contentType) } });
    expect((res.body as { message: string }).message).toMatch(/^WhatsApp does not accept .* Send a JPEG or PNG image/);
  });

  it('should answer 413 with the limit of the kind when an image is over 5 MB', async () => {
    const big = { bytes: Buffer.alloc(5 * 1024 * 1024 + 1), name: 'big.jpg', contentType: 'image/jpeg' };

    const res = await upload(agent, big).expect(413);

    expect(res.body).toMatchObject({
      message: 'The file is too large: WhatsApp accepts image files of at most 5 MB',
      fields: { file: expect.stringContaining('5 MB') },
    });
  });

  it('should answer 413 while the file streams in when it is larger than any WhatsApp media', async () => {
    const huge = { bytes: Buffer.alloc(MEDIA_MAX_BYTES + 1), name: 'huge.pdf', contentType: 'application/pdf' };

    const res = await upload(agent, huge).expect(413);

    expect(res.body).toMatchObject({
      message: 'The file is too large: WhatsApp accepts files of at most 100 MB',
      fields: { file: expect.stringContaining('100 MB') },
    });
  });

  it('should stream a large document to disk, holding none of it in memory while it arrives', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x25);
    const chunks = 60;
    const origin = await listening();
    const head = Buffer.from(
      `--big\r\nContent-Disposition: form-data; name="whatsappAccountId"\r\n\r\n${account.id}\r\n` +
        `--big\r\nContent-Disposition: form-data; name="file"; filename="large.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    const tail = Buffer.from('\r\n--big--\r\n');
    const req = httpRequest(`${origin}/media`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${agent.token}`,
        'content-type': 'multipart/form-data; boundary=big',
        'content-length': String(head.length + chunk.length * chunks + tail.length),
      },
    });
    const status = new Promise<number>((resolve, reject) => {
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
    });
    const send = async (buffer: Buffer) => {
      if (!req.write(buffer)) await once(req, 'drain');
    };
    const retained = async () => {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 50));
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };

    req.write(head);
    const before = await retained();
    for (let i = 0; i < chunks - 10; i++) await send(chunk);
    // 50 MB sent: let the API take them in, then see what it still holds.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const during = await retained();
    for (let i = 0; i < 10; i++) await send(chunk);
    req.end(tail);

    // Memory storage keeps every chunk received so far (50 MB); streaming to disk keeps none of them.
    expect(during - before).toBeLessThan(10 * 1024 * 1024);
    expect(await status).toBe(201);
  });

  it('should answer 429 with Retry-After while the process already receives as many uploads as it allows', async () => {
    const origin = await listening();
    // Two uploads that send their headers and the start of the body, and then wait.
    const held = [0, 1].map(() => {
      const req = httpRequest(`${origin}/media`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${agent.token}`,
          'content-type': 'multipart/form-data; boundary=held',
          'content-length': '1000000',
        },
      });
      req.on('error', () => undefined);
      req.write(
        '--held\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n',
      );
      return req;
    });
    await eventually(
      async () => (await upload(agent, png)).status,
      (status) => status === 429,
    );

    const res = await upload(agent, png).expect(429);
    expect(res.headers['retry-after']).toBe('5');
    for (const req of held) req.destroy();
    await eventually(
      async () => (await upload(agent, png)).status,
      (status) => status === 201,
    );
  });

  it('should answer 400 naming the field when the file or the account is missing', async () => {
    const noFile = await upload(agent, null).expect(400);
    const noAccount = await upload(agent, png, {}).expect(400);
    const badAccount = await upload(agent, png, { whatsappAccountId: 'not-an-id' }).expect(400);
    const empty = await upload(agent, { ...png, bytes: Buffer.alloc(0) }).expect(400);

    expect(noFile.body).toMatchObject({ fields: { file: 'Choose a file to upload' } });
    expect(noAccount.body).toMatchObject({ fields: { whatsappAccountId: expect.any(String) } });
    expect(badAccount.body).toMatchObject({ fields: { whatsappAccountId: expect.any(String) } });
    expect(empty.body).toMatchObject({ fields: { file: 'The file is empty' } });
  });

  it('should answer 400 naming the file field when the file comes in another field', async () => {
    const res = await upload(agent, png, { whatsappAccountId: account.id }, 'image').expect(400);

    expect(res.body).toMatchObject({ fields: { file: expect.any(String) } });
  });

  it('should answer 404 for another workspace’s number and an unknown one, and 401 without a token', async () => {
    const other = await registerTenant(t, 'Other Co');
    const otherNumber = await connectNumber(t, other);

    await upload(agent, png, { whatsappAccountId: otherNumber.id }).expect(404);
    await upload(agent, png, { whatsappAccountId: randomUUID() }).expect(404);
    await t.http().post('/media').attach('file', PNG, 'x.png').field('whatsappAccountId', account.id).expect(401);
  });

  it('should refuse a disconnected number with a sentence pointing to the WhatsApp page', async () => {
    const other = await registerTenant(t, 'Gone Co');
    const gone = await connectNumber(t, other);
    await t.sql(`UPDATE whatsapp_accounts SET status = 'disconnected' WHERE id = $1`, [gone.id]);

    const res = await upload(other, png, { whatsappAccountId: gone.id }).expect(422);

    expect((res.body as { message: string }).message).toMatch(/disconnected: reconnect it on the WhatsApp page/);
  });
});
