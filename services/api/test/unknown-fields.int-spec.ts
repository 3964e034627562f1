import { randomUUID } from 'node:crypto';
import { type ApiErrorBody } from '@aerostic/shared';
import { HttpExceptionFilter } from '../src/common/http/http-exception.filter';
import { type Member, registerTenant, uniqueEmail } from './support/builders';
import { createTestApp, type TestApp } from './support/test-app';

/** A 1×1 PNG: enough for multer to hand the form's fields to validation. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

/** Bodies with a field the API does not define are refused, naming that field, instead of losing it. */
describe(`${HttpExceptionFilter.name} unknown fields`, () => {
  let t: TestApp;
  let admin: Member;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await registerTenant(t, 'Strict Co');
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (path: string, body: object) =>
    t.http().post(path).auth(admin.token, { type: 'bearer' }).send(body).expect(400);
  const errorOf = (res: { body: unknown }) => res.body as Required<ApiErrorBody>;

  it("should answer 400 naming context and pointing at replyToMessageId when a send carries Meta's context", async () => {
    const res = await post(`/conversations/${randomUUID()}/messages`, {
      type: 'text',
      text: { body: 'It is ready.' },
      context: { message_id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTdBRjhGRkIzQjc5QTJCNjlDNgA=' },
    });

    expect(Object.keys(errorOf(res).fields)).toEqual(['context']);
    expect(errorOf(res).fields.context).toMatch(/^Unknown field; .*replyToMessageId/);
    expect(errorOf(res).message).toMatch(/^Validation failed: context: Unknown field; .*replyToMessageId/);
  });

  it('should name a nested unknown field by its path when a template send carries one', async () => {
    const res = await post(`/conversations/${randomUUID()}/messages`, {
      type: 'template',
      template: { name: 'order_update', language: { code: 'en_US' }, foo: 'bar' },
    });

    expect(Object.keys(errorOf(res).fields)).toEqual(['template.foo']);
  });

  it('should answer 400 naming the unknown field and create nothing when a registration carries one', async () => {
    const email = uniqueEmail('strict');

    const res = await t
      .http()
      .post('/auth/register')
      .send({ tenantName: 'Plan Co', name: 'Pia', email, password: 'correct horse battery', plan: 'enterprise' })
      .expect(400);

    expect(errorOf(res).fields).toEqual({ plan: expect.stringMatching(/^Unknown field; remove it/) });
    await t.http().post('/auth/login').send({ email, password: 'correct horse battery' }).expect(401);
  });

  it('should answer 400 naming the unknown field when a new contact carries one', async () => {
    const res = await post('/contacts', { phone: '+351 912 000 009', name: 'Ana', email: 'ana@example.com' });

    expect(Object.keys(errorOf(res).fields)).toEqual(['email']);
    const list = await t.http().get('/contacts?search=351912000009').auth(admin.token, { type: 'bearer' }).expect(200);
    expect((list.body as { data: unknown[] }).data).toEqual([]);
  });

  it("should name an unknown field of a template's component by its path when a template is submitted", async () => {
    const res = await post('/templates', {
      whatsappAccountId: randomUUID(),
      name: 'order_update',
      language: 'en_US',
      category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Your order shipped.', add_security_recommendation: false, colour: 'red' }],
    });

    expect(Object.keys(errorOf(res).fields)).toEqual(['components.0.colour']);
  });

  it('should name an unknown field of a multipart form when a media upload carries one', async () => {
    const res = await t
      .http()
      .post('/media')
      .auth(admin.token, { type: 'bearer' })
      .field('whatsappAccountId', randomUUID())
      .field('caption', 'Receipt')
      .attach('file', PNG, { filename: 'receipt.png', contentType: 'image/png' })
      .expect(400);

    expect(Object.keys(errorOf(res).fields)).toEqual(['caption']);
  });

  it('should ignore an unknown query parameter when a list is read', async () => {
    await t.http().get('/contacts?limit=5&utm_source=newsletter').auth(admin.token, { type: 'bearer' }).expect(200);
  });
});
