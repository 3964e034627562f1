import { createHash } from 'node:crypto';
import { type OpenAPIObject } from '@nestjs/swagger';
import {
  type ApiErrorBody,
  type ApiKeyDto,
  type ConversationDto,
  type CreatedApiKeyDto,
  type MessageDto,
  type Page,
} from '@aerostic/shared';
import { addMember, type Member, registerTenant } from './support/builders';
import { connectNumber, InboundHarness } from './support/inbound-harness';
import { text, webhook, type Number } from './support/meta-payloads';
import { createTestApp, type TestApp } from './support/test-app';

const KEY_FORMAT = /^aer_live_([0-9a-f]{12})_([0-9a-f]{64})$/;

describe('API keys', () => {
  let t: TestApp;
  /** A second API instance on the same database, with a per-key limit of 3 a minute. */
  let replica: TestApp;
  let inbound: InboundHarness;
  let admin: Member;
  let number: Number & { id: string };
  let conversationId: string;

  beforeAll(async () => {
    t = await createTestApp();
    // Replicas share the secrets; passport keeps one 'jwt' strategy per process, the last app's.
    replica = await createTestApp({
      DATABASE_URL: t.config.DATABASE_URL,
      JWT_SECRET: t.config.JWT_SECRET,
      API_KEY_RATE_LIMIT_PER_MINUTE: 3,
    });
    inbound = new InboundHarness(t);
    await inbound.ready();
    admin = await registerTenant(t, 'Keyholder Co');
    number = await connectNumber(t, admin);
    await inbound.deliver(webhook(number, { messages: [text('491510009999', 'Where is my order?')] }));
    const [row] = await t.sql(`SELECT id FROM conversations WHERE tenant_id = $1`, [admin.tenantId]);
    conversationId = String(row?.id);
  });
  afterAll(async () => {
    await inbound.close();
    await replica.close();
    await t.close();
  });

  async function createKey(member: Member, name: string, scopes: string[]): Promise<CreatedApiKeyDto> {
    const res = await t.http().post('/api-keys').auth(member.token, { type: 'bearer' }).send({ name, scopes });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    return res.body as CreatedApiKeyDto;
  }

  it('shows the key once, stores only its hash, lists it without the secret, and audits it', async () => {
    const created = await createKey(admin, 'CRM sync', ['read', 'contacts']);
    const [, prefix, secret] = KEY_FORMAT.exec(created.key) ?? [];
    expect(prefix).toBe(created.prefix);
    expect(created).toMatchObject({ name: 'CRM sync', scopes: ['read', 'contacts'] });

    const [row] = await t.sql(`SELECT *, encode(secret_hash, 'hex') AS hash_hex FROM api_keys WHERE id = $1`, [
      created.id,
    ]);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row?.hash_hex).toBe(createHash('sha256').update(String(secret)).digest('hex'));

    const list = (await t.http().get('/api-keys').auth(admin.token, { type: 'bearer' }).expect(200))
      .body as ApiKeyDto[];
    expect(JSON.stringify(list)).not.toContain(String(secret));
    expect(list).toContainEqual({
      id: created.id,
      name: 'CRM sync',
      prefix: created.prefix,
      scopes: ['read', 'contacts'],
      createdAt: created.createdAt,
      lastUsedAt: null,
      createdBy: { id: admin.userId, name: 'Ada Admin' },
    });
    const audit = await t.sql(`SELECT actor_user_id, target_id FROM audit_logs WHERE action = 'api_key.created'`);
    expect(audit).toContainEqual({ actor_user_id: admin.userId, target_id: created.id });
  });

  it('names the field of each invalid input, and lets only admins manage keys', async () => {
    const res = await t
      .http()
      .post('/api-keys')
      .auth(admin.token, { type: 'bearer' })
      .send({ name: ' ', scopes: ['admin'] })
      .expect(400);
    expect(Object.keys((res.body as ApiErrorBody).fields ?? {}).sort()).toEqual(['name', 'scopes.0']);
    const empty = await t
      .http()
      .post('/api-keys')
      .auth(admin.token, { type: 'bearer' })
      .send({ name: 'x', scopes: [] });
    expect((empty.body as ApiErrorBody).fields?.scopes).toContain('at least one');

    const agent = await addMember(t, admin, 'agent');
    await t
      .http()
      .post('/api-keys')
      .auth(agent.token, { type: 'bearer' })
      .send({ name: 'x', scopes: ['read'] })
      .expect(403);
    await t.http().get('/api-keys').auth(agent.token, { type: 'bearer' }).expect(403);
  });

  it('lets a read key list conversations and messages but not send, and refuses it outside the public API', async () => {
    const { key } = await createKey(admin, 'Reporting', ['read']);
    const page = (await t.http().get('/conversations').auth(key, { type: 'bearer' }).expect(200))
      .body as Page<ConversationDto>;
    expect(page.data.map((c) => c.id)).toEqual([conversationId]);
    await t.http().get(`/conversations/${conversationId}`).auth(key, { type: 'bearer' }).expect(200);
    const messages = (
      await t.http().get(`/conversations/${conversationId}/messages`).auth(key, { type: 'bearer' }).expect(200)
    ).body as Page<MessageDto>;
    expect(messages.data).toHaveLength(1);

    const send = await t
      .http()
      .post(`/conversations/${conversationId}/messages`)
      .auth(key, { type: 'bearer' })
      .send({ type: 'text', text: { body: 'Hello' } })
      .expect(403);
    expect((send.body as ApiErrorBody).message).toContain('"send" scope');
    await t.http().post('/contacts').auth(key, { type: 'bearer' }).send({ waId: '491510001111' }).expect(403);
    for (const path of ['/api-keys', '/users', '/auth/me', '/tenants/me']) {
      const res = await t.http().get(path).auth(key, { type: 'bearer' });
      expect([path, res.status]).toEqual([path, 403]);
    }
  });

  it('lets a send key send as the workspace, and records its last use', async () => {
    const created = await createKey(admin, 'Shop notifications', ['send']);
    const res = await t
      .http()
      .post(`/conversations/${conversationId}/messages`)
      .auth(created.key, { type: 'bearer' })
      .send({ type: 'text', text: { body: 'Your order has shipped.' } })
      .expect(201);
    expect(res.body).toMatchObject({ conversationId, direction: 'outbound', senderUserId: admin.userId });
    await t.http().get('/conversations').auth(created.key, { type: 'bearer' }).expect(403);

    const list = (await t.http().get('/api-keys').auth(admin.token, { type: 'bearer' }).expect(200))
      .body as ApiKeyDto[];
    expect(list.find((k) => k.id === created.id)?.lastUsedAt).not.toBeNull();
  });

  it('lets a contacts key create, edit and delete contacts', async () => {
    const { key } = await createKey(admin, 'CRM', ['contacts', 'read']);
    const created = await t
      .http()
      .post('/contacts')
      .auth(key, { type: 'bearer' })
      .send({ waId: '491510002222', name: 'Grace' })
      .expect(201);
    const id = (created.body as { id: string }).id;
    await t.http().patch(`/contacts/${id}`).auth(key, { type: 'bearer' }).send({ name: 'Grace H' }).expect(200);
    const read = await t.http().get(`/contacts/${id}`).auth(key, { type: 'bearer' }).expect(200);
    expect(read.body).toMatchObject({ name: 'Grace H' });
    await t.http().delete(`/contacts/${id}`).auth(key, { type: 'bearer' }).expect(204);
  });

  it('refuses a revoked key at once, on this instance and another, and audits the revocation', async () => {
    const created = await createKey(admin, 'Soon gone', ['read']);
    await t.http().get('/conversations').auth(created.key, { type: 'bearer' }).expect(200);
    await replica.http().get('/conversations').auth(created.key, { type: 'bearer' }).expect(200);

    await t.http().delete(`/api-keys/${created.id}`).auth(admin.token, { type: 'bearer' }).expect(204);
    await t.http().get('/conversations').auth(created.key, { type: 'bearer' }).expect(401);
    await replica.http().get('/conversations').auth(created.key, { type: 'bearer' }).expect(401);
    await t.http().delete(`/api-keys/${created.id}`).auth(admin.token, { type: 'bearer' }).expect(404);

    const list = (await t.http().get('/api-keys').auth(admin.token, { type: 'bearer' }).expect(200))
      .body as ApiKeyDto[];
    expect(list.map((k) => k.id)).not.toContain(created.id);
    const audit = await t.sql(
      `SELECT actor_user_id FROM audit_logs WHERE action = 'api_key.revoked' AND target_id = $1`,
      [created.id],
    );
    expect(audit).toEqual([{ actor_user_id: admin.userId }]);
  });

  it('refuses a forged secret with a known prefix', async () => {
    const created = await createKey(admin, 'Real', ['read']);
    const forged = `aer_live_${created.prefix}_${'0'.repeat(64)}`;
    await t.http().get('/conversations').auth(forged, { type: 'bearer' }).expect(401);
    await t.http().get('/conversations').auth('aer_live_nonsense', { type: 'bearer' }).expect(401);
  });

  it('answers 429 with Retry-After past the per-key limit', async () => {
    const { key } = await createKey(admin, 'Busy', ['read']);
    for (let i = 0; i < 3; i++) await replica.http().get('/conversations').auth(key, { type: 'bearer' }).expect(200);
    const res = await replica.http().get('/conversations').auth(key, { type: 'bearer' }).expect(429);
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another key has a budget of its own.
    const other = await createKey(admin, 'Quiet', ['read']);
    await replica.http().get('/conversations').auth(other.key, { type: 'bearer' }).expect(200);
  });

  it("keeps another workspace's key out of this workspace's data", async () => {
    const rival = await registerTenant(t, 'Rival Co');
    const { key } = await createKey(rival, 'Rival', ['read', 'send', 'contacts']);
    const page = (await t.http().get('/conversations').auth(key, { type: 'bearer' }).expect(200))
      .body as Page<ConversationDto>;
    expect(page.data).toEqual([]);
    await t.http().get(`/conversations/${conversationId}`).auth(key, { type: 'bearer' }).expect(404);
    await t
      .http()
      .post(`/conversations/${conversationId}/messages`)
      .auth(key, { type: 'bearer' })
      .send({ type: 'text', text: { body: 'Hi' } })
      .expect(404);
    const keys = await t.http().get('/api-keys').auth(rival.token, { type: 'bearer' }).expect(200);
    expect((keys.body as ApiKeyDto[]).map((k) => k.name)).toEqual(['Rival']);
  });

  it('describes the public API, its key scheme and examples in the OpenAPI document', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body as OpenAPIObject;
    expect(doc.tags?.map((tag) => tag.name)).toContain('Public API');
    expect(doc.components?.securitySchemes?.['api-key']).toMatchObject({ type: 'http', scheme: 'bearer' });
    const operation = (path: string, method: 'get' | 'post' | 'patch' | 'delete') => doc.paths[path]?.[method];
    const publicOps = [
      operation('/conversations/{id}/messages', 'post'),
      operation('/conversations/{id}/messages', 'get'),
      operation('/conversations', 'get'),
      operation('/conversations/{id}', 'get'),
      operation('/contacts', 'get'),
      operation('/contacts', 'post'),
      operation('/contacts/{id}', 'patch'),
      operation('/contacts/{id}', 'delete'),
    ];
    for (const op of publicOps) {
      expect(op?.tags).toContain('Public API');
      expect(op?.security).toContainEqual({ 'api-key': [] });
    }
    const send = operation('/conversations/{id}/messages', 'post');
    expect(JSON.stringify(send?.requestBody)).toContain('Your order has shipped.');
    expect(JSON.stringify(send?.responses['201'])).toContain('"direction":"outbound"');
    expect(JSON.stringify(operation('/conversations', 'get')?.responses['200'])).toContain('"window"');
    expect(JSON.stringify(operation('/contacts', 'post')?.requestBody)).toContain('Grace Hopper');
    expect(operation('/users', 'get')?.tags ?? []).not.toContain('Public API');
  });
});
