import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type _Object,
} from '@aws-sdk/client-s3';
import {
  type ConversationDto,
  MEDIA_UPLOAD_LIFETIME_MS,
  type MessageDto,
  type Page,
  type UploadedMediaDto,
  type WhatsAppAccountDto,
} from '@aerostic/shared';
import S3rver from 's3rver';
import { S3MediaStorage } from '../src/media/s3-media-storage';
import { UploadSweeper } from '../src/media/upload-sweeper';
import { type Member, registerTenant } from './support/builders';
import { type MetaStack, planMetaStack, startMetaStack } from './support/meta-stack';
import { json, type Service } from './support/processes';
import { createTestApp, type TestApp } from './support/test-app';
import { eventually } from './support/eventually';

const BUCKET = 'aerostic-media';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/**
 * MEDIA_STORAGE=s3 against a real S3-speaking server (s3rver, standing in for MinIO or AWS S3): uploads, inbound
 * downloads and sends keep their files in the bucket, the API serves them from it and the sweep removes them there.
 */
describe(S3MediaStorage.name, () => {
  let s3Server: Server;
  /** Every request the bucket received (`PUT /bucket/key?partNumber=1&uploadId=…`). */
  const s3Requests: string[] = [];
  let s3Dir: string;
  let s3: S3Client;
  let t: TestApp;
  let stack: MetaStack;
  let sandbox: Service;
  let admin: Member;
  let account: WhatsAppAccountDto;

  beforeAll(async () => {
    s3Dir = await mkdtemp(join(tmpdir(), 'aerostic-s3rver-'));
    const s3rver = new S3rver({ silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
    await s3rver.configureBuckets();
    const handle = s3rver.callback();
    s3Server = createServer((req, res) => {
      s3Requests.push(`${req.method} ${req.url}`);
      handle(req, res);
    }).listen(0, '127.0.0.1');
    await once(s3Server, 'listening');
    const { port } = s3Server.address() as AddressInfo;
    const endpoint = `http://127.0.0.1:${port}`;
    const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
    s3 = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials });

    const plan = await planMetaStack();
    t = await createTestApp({
      ...plan.appEnv,
      MEDIA_STORAGE: 's3',
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_BUCKET: BUCKET,
      S3_ACCESS_KEY_ID: credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      S3_FORCE_PATH_STYLE: true,
    });
    stack = await startMetaStack(t, plan, { webhookWorker: true });
    sandbox = stack.sandbox;
    admin = await registerTenant(t, 'Bucket Co');
    account = await stack.connectNumber(admin, 'Bucket Co');
  });
  afterAll(async () => {
    await stack?.stop();
    await t?.close();
    s3?.destroy();
    s3Server?.close();
    await rm(s3Dir, { recursive: true, force: true });
  });

  async function objects(prefix: string): Promise<_Object[]> {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
    return page.Contents ?? [];
  }

  /** Every file left on the API's local media folder: with s3, none once a request is answered. */
  async function localFiles(): Promise<string[]> {
    const entries = await readdir(t.config.MEDIA_STORAGE_DIR, { recursive: true, withFileTypes: true }).catch(() => []);
    return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
  }

  const upload = (file: { bytes: Buffer; name: string; contentType: string }) =>
    t
      .http()
      .post('/media')
      .auth(admin.token, { type: 'bearer' })
      .field('whatsappAccountId', account.id)
      .attach('file', file.bytes, { filename: file.name, contentType: file.contentType });

  async function customerWrites(waId: string, body: object): Promise<void> {
    await json(`${sandbox.url}/_sandbox/customers/${waId}/messages`, {
      body: { phone_number_id: account.phoneNumberId, ...body },
    });
  }

  async function latestMessage(waId: string): Promise<MessageDto | undefined> {
    const page = (await t.http().get(`/conversations?search=${waId}`).auth(admin.token, { type: 'bearer' }))
      .body as Page<ConversationDto>;
    if (page.data.length === 0) return undefined;
    const messages = (
      await t.http().get(`/conversations/${page.data[0]!.id}/messages`).auth(admin.token, { type: 'bearer' })
    ).body as Page<MessageDto>;
    return messages.data[0];
  }

  async function storedInbound(waId: string): Promise<MessageDto> {
    const message = await eventually(
      () => latestMessage(waId),
      (m) => (m?.content.stored_media as { status?: string } | undefined)?.status !== undefined,
    );
    return message!;
  }

  it('should keep an inbound image in the bucket and serve it from there', async () => {
    await customerWrites('351914000001', { type: 'image', image: { caption: 'the dent' } });
    const message = await storedInbound('351914000001');
    expect(message.content.stored_media).toMatchObject({ status: 'stored', mimeType: 'image/jpeg' });

    const [object] = await objects(`messages/${admin.tenantId}/${message.id}`);
    expect(object?.Size).toBe((message.content.stored_media as { size: number }).size);
    expect(await localFiles()).toEqual([]);
    const file = await t.http().get(`/media/${message.id}`).auth(admin.token, { type: 'bearer' }).expect(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.headers['content-length']).toBe(String(object?.Size));
    expect((file.body as Buffer).subarray(0, 3).toString('hex')).toBe('ffd8ff');
  });

  it('should keep an upload in the bucket and give the message that sends it its own copy', async () => {
    await customerWrites('351914000002', { type: 'text', text: { body: 'Send me the receipt' } });
    const conversation = await eventually(
      () => latestMessage('351914000002'),
      (m) => m !== undefined,
    );
    const media = (await upload({ bytes: PNG, name: 'receipt.png', contentType: 'image/png' }).expect(201))
      .body as UploadedMediaDto;
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `uploads/${admin.tenantId}/${media.id}` }));
    expect(head).toMatchObject({ ContentLength: PNG.length, Metadata: { 'mime-type': 'image/png' } });
    // A file within one part goes up in a single streamed PUT.
    const puts = s3Requests.filter((line) => line.startsWith(`PUT /${BUCKET}/uploads/${admin.tenantId}/${media.id}`));
    expect(puts).toHaveLength(1);
    expect(puts[0]).not.toMatch(/partNumber|uploadId/);

    const sent = (
      await t
        .http()
        .post(`/conversations/${conversation!.conversationId}/messages`)
        .auth(admin.token, { type: 'bearer' })
        .send({ type: 'image', image: { id: media.id } })
        .expect(201)
    ).body as MessageDto;

    expect(sent.content).toMatchObject({ stored_media: { status: 'stored', mimeType: 'image/png', size: PNG.length } });
    expect(await objects(`messages/${admin.tenantId}/${sent.id}`)).toHaveLength(1);
    const file = await t.http().get(`/media/${sent.id}`).auth(admin.token, { type: 'bearer' }).expect(200);
    expect(Buffer.compare(file.body as Buffer, PNG)).toBe(0);
    expect(await localFiles()).toEqual([]);
  });

  it('should stream a document larger than one part to the bucket in several parts', async () => {
    // Larger than lib-storage's 5 MiB part, so it goes up as a multipart upload.
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(6 * 1024 * 1024, 0x20)]);
    const media = (await upload({ bytes, name: 'catalogue.pdf', contentType: 'application/pdf' }).expect(201))
      .body as UploadedMediaDto;

    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `uploads/${admin.tenantId}/${media.id}` }));
    expect(head.ContentLength).toBe(bytes.length);
    const parts = s3Requests.filter(
      (line) => line.startsWith(`PUT /${BUCKET}/uploads/`) && line.includes('partNumber='),
    );
    expect(parts).toHaveLength(2);
  });

  it('should answer 404 once a message’s object is gone from the bucket', async () => {
    await customerWrites('351914000003', { type: 'image', image: {} });
    const message = await storedInbound('351914000003');
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: `messages/${admin.tenantId}/${message.id}` }));

    await t.http().get(`/media/${message.id}`).auth(admin.token, { type: 'bearer' }).expect(404);
  });

  it('should sweep uploads past Meta’s lifetime from the bucket, keep messages’ copies, and clear stale receipts', async () => {
    const stale = join(t.config.MEDIA_STORAGE_DIR, '.incoming', 'crashed-upload');
    await mkdir(join(t.config.MEDIA_STORAGE_DIR, '.incoming'), { recursive: true });
    await writeFile(stale, 'half a file');
    await utimes(stale, new Date(0), new Date(0));
    const uploads = (await objects('uploads/')).length;
    const messages = (await objects('messages/')).length;
    expect(uploads).toBeGreaterThan(0);
    const sweeper = t.app.get(UploadSweeper);

    expect(await sweeper.sweep(Date.now())).toBe(0);
    expect(await objects('uploads/')).toHaveLength(uploads);

    expect(await sweeper.sweep(Date.now() + MEDIA_UPLOAD_LIFETIME_MS + 60_000)).toBe(uploads);
    expect(await objects('uploads/')).toEqual([]);
    expect(await objects('messages/')).toHaveLength(messages);
    expect(await localFiles()).toEqual([]);
  });
});
