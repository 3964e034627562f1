import { createHmac, randomBytes } from 'node:crypto';
import { type ConversationDto, type MessageDto, type Page, type WhatsAppAccountDto } from '@aerostic/shared';
import { MetaWebhookConsumer } from '../src/inbound/meta-webhook.consumer';
import { type Member, registerTenant } from './support/builders';
import { freePort, json, type Service, startService } from './support/processes';
import { createTestApp, type TestApp } from './support/test-app';

interface Business {
  code: string;
  waba_id: string;
  phone_number_id: string;
}

/**
 * The whole inbound path with every part real: the meta-sandbox signs and POSTs Meta's webhooks to the
 * webhook-worker, which queues them on Redis for this API, which stores them in PostgreSQL.
 */
describe(`${MetaWebhookConsumer.name} (sandbox → webhook-worker → API)`, () => {
  let t: TestApp;
  let sandbox: Service;
  let worker: Service;
  let admin: Member;
  let account: WhatsAppAccountDto;
  const secret = randomBytes(16).toString('hex');

  beforeAll(async () => {
    const [sandboxPort, workerPort] = await Promise.all([freePort(), freePort()]);
    t = await createTestApp({
      META_APP_ID: 'sandbox-app',
      META_APP_SECRET: secret,
      META_GRAPH_URL: `http://127.0.0.1:${sandboxPort}`,
    });
    [sandbox, worker] = await Promise.all([
      startService(
        'meta-sandbox',
        {
          META_SANDBOX_PORT: String(sandboxPort),
          META_SANDBOX_PUBLIC_URL: `http://127.0.0.1:${sandboxPort}`,
          META_SANDBOX_WEBHOOK_URL: `http://127.0.0.1:${workerPort}/webhooks/meta`,
          META_SANDBOX_WEBHOOK_RETRY_BASE_MS: '50',
          META_APP_ID: 'sandbox-app',
          META_APP_SECRET: secret,
        },
        sandboxPort,
      ),
      startService(
        'webhook-worker',
        {
          WEBHOOK_WORKER_PORT: String(workerPort),
          REDIS_URL: t.config.REDIS_URL,
          REDIS_PREFIX: t.config.REDIS_PREFIX,
          META_APP_SECRET: secret,
          META_VERIFY_TOKEN: 'verify-me',
        },
        workerPort,
      ),
    ]);
    admin = await registerTenant(t, 'Pipeline Co');
    const b = await json<Business>(`${sandbox.url}/_sandbox/businesses`, { body: { verified_name: 'Pipeline Co' } });
    account = (
      await t
        .http()
        .post('/whatsapp/embedded-signup')
        .auth(admin.token, { type: 'bearer' })
        .send({ code: b.code, wabaId: b.waba_id, phoneNumberId: b.phone_number_id })
        .expect(201)
    ).body as WhatsAppAccountDto;
  });
  afterAll(async () => {
    await Promise.all([worker?.stop(), sandbox?.stop()]);
    await t.close();
  });

  const customerWrites = (waId: string, body: object) =>
    json<{ wamid: string }>(`${sandbox.url}/_sandbox/customers/${waId}/messages`, {
      body: { phone_number_id: account.phoneNumberId, ...body },
    });

  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 10_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline)
        throw new Error(`condition not met within ${ms} ms; last value ${JSON.stringify(value)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const messagesOf = async (waId: string) => {
    const page = (await t.http().get(`/conversations?search=${waId}`).auth(admin.token, { type: 'bearer' }))
      .body as Page<ConversationDto>;
    if (page.data.length === 0) return [];
    return (
      (
        await t
          .http()
          .get(`/conversations/${page.data[0]!.id}/messages?limit=200`)
          .auth(admin.token, { type: 'bearer' })
      ).body as Page<MessageDto>
    ).data;
  };

  it('should deliver a customer’s message, with non-ASCII text, to the inbox', async () => {
    const { wamid } = await customerWrites('351912000001', {
      type: 'text',
      text: { body: 'Olá! Está aberto amanhã? 😀 / ok' },
      profile_name: 'João Gonçalves',
    });
    const [message] = await eventually(
      () => messagesOf('351912000001'),
      (m) => m.length === 1,
    );
    expect(message).toMatchObject({
      wamid,
      type: 'text',
      content: { text: { body: 'Olá! Está aberto amanhã? 😀 / ok' } },
    });
    const page = (await t.http().get('/conversations?search=351912000001').auth(admin.token, { type: 'bearer' }))
      .body as Page<ConversationDto>;
    expect(page.data[0]?.contact.displayName).toBe('João Gonçalves');
  });

  it('should download an image through the Graph API and serve it to the team', async () => {
    await customerWrites('351912000002', { type: 'image', image: { caption: 'broken part' } });
    const [message] = await eventually(
      () => messagesOf('351912000002'),
      (m) => (m[0]?.content.stored_media as { status?: string } | undefined)?.status !== undefined,
    );
    expect(message?.content.stored_media).toMatchObject({
      status: 'stored',
      mimeType: 'image/jpeg',
      size: expect.any(Number),
    });
    const file = await t.http().get(`/media/${message!.id}`).auth(admin.token, { type: 'bearer' }).expect(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect((file.body as Buffer).subarray(0, 3).toString('hex')).toBe('ffd8ff');
  });

  it('should store each message once when Meta duplicates, batches and reorders its webhooks', async () => {
    await json(`${sandbox.url}/_sandbox/faults`, { body: { duplicate: 3, batch: 4 } });
    const customers = ['351912000010', '351912000011'];
    for (const [i, waId] of customers.entries()) {
      await customerWrites(waId, { type: 'text', text: { body: `first ${i}` } });
      await customerWrites(waId, { type: 'text', text: { body: `second ${i}` } });
    }
    for (const waId of customers)
      await eventually(
        () => messagesOf(waId),
        (m) => m.length === 2,
      );
    await json(`${sandbox.url}/_sandbox/faults`, { method: 'DELETE' });
    await new Promise((r) => setTimeout(r, 500));
    for (const waId of customers) expect(await messagesOf(waId)).toHaveLength(2);
  });

  it('should store nothing when the signature is wrong', async () => {
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
    const bad = createHmac('sha256', 'not-the-secret').update(body).digest('hex');
    const res = await fetch(`${worker.url}/webhooks/meta`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${bad}` },
      body,
    });
    expect(res.status).toBe(401);
  });
});
