import { createHmac } from 'node:crypto';
import { type ConversationDto, type MessageDto, type Page, type WhatsAppAccountDto } from '@aerostic/shared';
import { MetaWebhookConsumer } from '../src/inbound/meta-webhook.consumer';
import { type Member, registerTenant } from './support/builders';
import { type MetaStack, planMetaStack, startMetaStack } from './support/meta-stack';
import { json, type Service } from './support/processes';
import { createTestApp, type TestApp } from './support/test-app';
import { eventually } from './support/eventually';

/**
 * The whole inbound path with every part real: the meta-sandbox signs and POSTs Meta's webhooks to the
 * webhook-worker, which queues them on Redis for this API, which stores them in PostgreSQL.
 */
describe(`${MetaWebhookConsumer.name} (sandbox → webhook-worker → API)`, () => {
  let t: TestApp;
  let stack: MetaStack;
  let sandbox: Service;
  let admin: Member;
  let account: WhatsAppAccountDto;

  beforeAll(async () => {
    const plan = await planMetaStack();
    t = await createTestApp(plan.appEnv);
    stack = await startMetaStack(t, plan, { webhookWorker: true });
    sandbox = stack.sandbox;
    admin = await registerTenant(t, 'Pipeline Co');
    account = await stack.connectNumber(admin, 'Pipeline Co');
  });
  afterAll(async () => {
    await stack?.stop();
    await t.close();
  });

  const customerWrites = (waId: string, body: object) =>
    json<{ wamid: string }>(`${sandbox.url}/_sandbox/customers/${waId}/messages`, {
      body: { phone_number_id: account.phoneNumberId, ...body },
    });

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
    expect(file.headers['content-disposition']).toBe('inline');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect((file.body as Buffer).subarray(0, 3).toString('hex')).toBe('ffd8ff');
  });

  it('should serve a customer’s document as a download under its own name, never inline', async () => {
    await customerWrites('351912000003', { type: 'document', document: { filename: 'Orçamento.pdf' } });
    const [message] = await eventually(
      () => messagesOf('351912000003'),
      (m) => (m[0]?.content.stored_media as { status?: string } | undefined)?.status !== undefined,
    );
    expect(message?.content.stored_media).toMatchObject({ status: 'stored' });

    const file = await t.http().get(`/media/${message!.id}`).auth(admin.token, { type: 'bearer' }).expect(200);

    expect(file.headers['content-type']).toBe((message?.content.stored_media as { mimeType: string }).mimeType);
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="Or_amento.pdf"; filename*=UTF-8''Or%C3%A7amento.pdf`,
    );
    expect(file.headers['x-content-type-options']).toBe('nosniff');
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
    const res = await fetch(`${stack.webhookWorker!.url}/webhooks/meta`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${bad}` },
      body,
    });
    expect(res.status).toBe(401);
  });
});
