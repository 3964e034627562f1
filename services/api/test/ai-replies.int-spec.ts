import {
  type AiSettingsDto,
  type KnowledgeArticleDto,
  type KnowledgeImportResult,
  type Page,
  type ReplySuggestionDto,
} from '@aerostic/shared';
import { AiService } from '../src/ai/ai.service';
import { AiResponder } from '../src/automation/ports';
import { SecretBox } from '../src/common/crypto/secret-box';
import { addMember, type Member, registerTenant } from './support/builders';
import { connectNumber, InboundHarness } from './support/inbound-harness';
import { text, webhook, type Number } from './support/meta-payloads';
import { freePort, json, type Service, startService } from './support/processes';
import { createTestApp, type TestApp } from './support/test-app';
import { TenantScope } from '../src/database/tenant-scope';

const KEY = 'sandbox-test-key';

interface RecordedRequest {
  model: string;
  responseFormat: string | null;
  messages: { role: string; content: string }[];
}

describe(AiService.name, () => {
  let sandbox: Service;
  let t: TestApp;
  let inbound: InboundHarness;
  let admin: Member;
  let agent: Member;
  let other: Member;
  let number: Number & { id: string };
  let responder: AiResponder;
  let customer = 0;
  let shipping: KnowledgeArticleDto;

  beforeAll(async () => {
    const port = await freePort();
    sandbox = await startService('ai-sandbox', { AI_SANDBOX_PORT: String(port), AI_API_KEY: KEY }, port);
    // The timeout is left at its default (10 s): the slow-provider test proves it.
    t = await createTestApp({ AI_BASE_URL: `${sandbox.url}/v1`, AI_API_KEY: KEY, AI_MODEL: 'sandbox-model' });
    inbound = new InboundHarness(t);
    await inbound.ready();
    admin = await registerTenant(t, 'Clinic Co');
    agent = await addMember(t, admin, 'agent');
    other = await registerTenant(t, 'Other Co');
    number = await connectNumber(t, admin);
    responder = t.app.get(AiResponder);
    // The admin's knowledge base, which the answers below draw on.
    for (const [title, body] of [
      ['Opening hours', 'We are open Monday to Friday from 9:00 to 18:00. On Saturdays we open at 10:00.'],
      ['Refunds', 'Refunds are paid back to the card within 5 working days.'],
      ['Parking', 'Free parking is available behind the clinic.'],
    ])
      await as(admin).post('/automation/knowledge', { title, body }).expect(201);
    shipping = (
      await as(admin)
        .post('/automation/knowledge', { title: 'Shipping', body: 'We ship lenses to Portugal.' })
        .expect(201)
    ).body as KnowledgeArticleDto;
  });
  afterAll(async () => {
    await inbound.close();
    await t.close();
    await sandbox.stop();
  });
  beforeEach(async () => {
    await json(`${sandbox.url}/_sandbox/reset`, { body: {} });
  });

  const as = (m: Member) => ({
    get: (path: string) => t.http().get(path).auth(m.token, { type: 'bearer' }),
    put: (path: string, body: object) => t.http().put(path).auth(m.token, { type: 'bearer' }).send(body),
    post: (path: string, body: object = {}) => t.http().post(path).auth(m.token, { type: 'bearer' }).send(body),
    delete: (path: string) => t.http().delete(path).auth(m.token, { type: 'bearer' }),
    csv: (path: string, csv: string) =>
      t.http().post(path).auth(m.token, { type: 'bearer' }).set('content-type', 'text/csv').send(csv),
  });
  const fault = (body: object) => json(`${sandbox.url}/_sandbox/faults`, { body });
  const received = async () =>
    (await json<{ requests: RecordedRequest[] }>(`${sandbox.url}/_sandbox/requests`)).requests;

  /** A customer writes the given messages in turn; answers their conversation and the last message's id. */
  async function customerWrites(...bodies: string[]): Promise<{ conversationId: string; messageId: string }> {
    customer += 1;
    const waId = `4479000${String(customer).padStart(5, '0')}`;
    for (const body of bodies) await inbound.deliver(webhook(number, { messages: [text(waId, body)] }));
    const [row] = await t.sql(
      `SELECT m.id, m.conversation_id FROM messages m JOIN conversations c ON c.id = m.conversation_id
       JOIN contacts k ON k.id = c.contact_id WHERE k.wa_id = $1 ORDER BY m.created_at DESC LIMIT 1`,
      [waId],
    );
    return { conversationId: String(row?.conversation_id), messageId: String(row?.id) };
  }
  const ask = async (...bodies: string[]) => {
    const { conversationId, messageId } = await customerWrites(...bodies);
    return TenantScope.forTenant(admin.tenantId, () =>
      responder.answer({ tenantId: admin.tenantId, conversationId, messageId }),
    );
  };
  const enable = (body: object = {}) =>
    as(admin)
      .put('/automation/ai', { enabled: true, instructions: 'Be warm and brief. Never discuss prices.', ...body })
      .expect(200);

  describe('settings', () => {
    it('should answer AI replies off with the platform provider when nothing was saved', async () => {
      const res = await as(other).get('/automation/ai').expect(200);

      expect(res.body).toEqual({ enabled: false, instructions: '', provider: null });
    });

    it.each([
      ['enabled is not a boolean', { enabled: 'yes' }, 'enabled', 'enabled must be true or false'],
      ['instructions are too long', { enabled: true, instructions: 'x'.repeat(8001) }, 'instructions', '8000'],
      [
        'the URL is not http(s)',
        { enabled: true, provider: { baseUrl: 'ftp://x', model: 'm' } },
        'provider.baseUrl',
        'http(s) URL',
      ],
      [
        'the model is empty',
        { enabled: true, provider: { baseUrl: 'https://x.test/v1', model: '' } },
        'provider.model',
        'required',
      ],
      ['a field is unknown', { enabled: true, secret: 1 }, 'secret', 'Unknown field'],
    ])('should answer 400 naming the field when %s', async (_case, body, field, message) => {
      const res = await as(other).put('/automation/ai', body).expect(400);

      expect((res.body as { fields: Record<string, string> }).fields[field]).toContain(message);
    });

    it('should seal the provider key at rest, never answer it, and audit the change without it', async () => {
      const apiKey = 'sk-own-provider-key-123456';

      const res = await as(other)
        .put('/automation/ai', {
          enabled: true,
          instructions: 'Formal tone.',
          provider: { baseUrl: 'https://llm.example.test/v1', model: 'llama3.1', apiKey },
        })
        .expect(200);
      const read = await as(other).get('/automation/ai').expect(200);
      const [row] = await t.sql(`SELECT * FROM ai_settings WHERE tenant_id = $1`, [other.tenantId]);
      const [audit] = await t.sql(
        `SELECT * FROM audit_logs WHERE tenant_id = $1 AND action = 'automation.ai_changed'`,
        [other.tenantId],
      );

      const expected: AiSettingsDto = {
        enabled: true,
        instructions: 'Formal tone.',
        provider: { baseUrl: 'https://llm.example.test/v1', model: 'llama3.1', hasApiKey: true },
      };
      expect(res.body).toEqual(expected);
      expect(read.body).toEqual(expected);
      expect(JSON.stringify(row)).not.toContain(apiKey);
      expect(t.app.get(SecretBox).open(String(row?.provider_api_key_encrypted))).toBe(apiKey);
      expect(audit).toMatchObject({ actor_user_id: other.userId });
      expect(JSON.stringify(audit)).not.toContain(apiKey);
    });

    it('should keep the stored key for the same server and ask for it again for another one', async () => {
      await as(other)
        .put('/automation/ai', {
          enabled: true,
          provider: { baseUrl: 'https://llm.example.test/v1', model: 'a', apiKey: 'sk-first' },
        })
        .expect(200);

      const same = await as(other)
        .put('/automation/ai', { enabled: true, provider: { baseUrl: 'https://llm.example.test/v2', model: 'b' } })
        .expect(200);
      const moved = await as(other)
        .put('/automation/ai', { enabled: true, provider: { baseUrl: 'https://elsewhere.test/v1', model: 'b' } })
        .expect(400);
      const back = await as(other).put('/automation/ai', { enabled: false, provider: null }).expect(200);

      expect((same.body as AiSettingsDto).provider).toEqual({
        baseUrl: 'https://llm.example.test/v2',
        model: 'b',
        hasApiKey: true,
      });
      expect((moved.body as { fields: Record<string, string> }).fields['provider.apiKey']).toContain(
        'give the API key',
      );
      expect(back.body).toEqual({ enabled: false, instructions: '', provider: null });
      expect(
        await t.sql(`SELECT provider_api_key_encrypted FROM ai_settings WHERE tenant_id = $1`, [other.tenantId]),
      ).toEqual([{ provider_api_key_encrypted: null }]);
    });

    it('should refuse agents with 403 when they read or change the settings', async () => {
      await as(agent).get('/automation/ai').expect(403);
      await as(agent).put('/automation/ai', { enabled: true }).expect(403);
    });
  });

  describe('knowledge base', () => {
    it('should list articles newest first and page through them', async () => {
      const first = (await as(admin).get('/automation/knowledge?limit=2').expect(200))
        .body as Page<KnowledgeArticleDto>;
      const second = (await as(admin).get(`/automation/knowledge?limit=2&cursor=${first.nextCursor}`).expect(200))
        .body as Page<KnowledgeArticleDto>;

      expect(first.data.map((a) => a.title)).toEqual(['Shipping', 'Parking']);
      expect(second.data.map((a) => a.title)).toEqual(['Refunds', 'Opening hours']);
      expect(first.data[0]).toEqual(shipping);
    });

    it('should find the articles holding every word of q, by the beginning of a word too', async () => {
      const search = async (q: string) =>
        (
          (
            await as(admin)
              .get(`/automation/knowledge?q=${encodeURIComponent(q)}`)
              .expect(200)
          ).body as Page<KnowledgeArticleDto>
        ).data.map((a) => a.title);

      expect(await search('refund')).toEqual(['Refunds']);
      expect(await search('SATURDAYS open')).toEqual(['Opening hours']);
      expect(await search('free clinic')).toEqual(['Parking']);
      expect(await search('parking refunds')).toEqual([]);
      expect(await search('!!')).toEqual([]);
    });

    it('should answer 400 naming the field when an article is invalid and 409 when its title exists', async () => {
      const missing = await as(admin).post('/automation/knowledge', { title: 'x' }).expect(400);
      const taken = await as(admin).post('/automation/knowledge', { title: 'PARKING', body: 'again' }).expect(409);

      expect((missing.body as { fields: Record<string, string> }).fields.body).toBe('body is required');
      expect((taken.body as { fields: Record<string, string> }).fields.title).toContain('exists already');
    });

    it('should answer 404 to another workspace and 403 to agents, and delete for its admin', async () => {
      const article = (await as(admin).post('/automation/knowledge', { title: 'Temp', body: 'Soon gone.' }).expect(201))
        .body as KnowledgeArticleDto;

      await as(other).delete(`/automation/knowledge/${article.id}`).expect(404);
      expect(
        ((await as(other).get('/automation/knowledge').expect(200)).body as Page<KnowledgeArticleDto>).data,
      ).toEqual([]);
      await as(agent).get('/automation/knowledge').expect(403);
      await as(agent).post('/automation/knowledge', { title: 'a', body: 'b' }).expect(403);
      await as(admin).delete(`/automation/knowledge/${article.id}`).expect(204);
      await as(admin).delete(`/automation/knowledge/${article.id}`).expect(404);
      const logs = await t.sql(`SELECT action FROM audit_logs WHERE target_id = $1 ORDER BY created_at`, [article.id]);
      expect(logs.map((l) => l.action)).toEqual(['knowledge.created', 'knowledge.deleted']);
    });

    it('should import a CSV, reporting rejected rows by number and updating articles of the same title', async () => {
      const csv =
        'Body,Title,notes\n' +
        '"Gift cards are sold at the desk, from 20 EUR.",Gift cards,x\n' +
        ',No body,\n' +
        '\n' +
        '"Dogs are welcome, on a lead.",Pets,\n' +
        'Twice,gift CARDS,\n';

      const first = (await as(other).csv('/automation/knowledge/import', csv).expect(200))
        .body as KnowledgeImportResult;
      const again = (
        await as(other)
          .csv('/automation/knowledge/import', 'title,body\nPets,"Dogs and cats are welcome."\nNew one,Hello there.\n')
          .expect(200)
      ).body as KnowledgeImportResult;
      const titles = ((await as(other).get('/automation/knowledge').expect(200)).body as Page<KnowledgeArticleDto>)
        .data;

      expect(first).toEqual({
        accepted: 2,
        created: 2,
        updated: 0,
        rejected: [
          { row: 2, reason: 'body is required' },
          { row: 5, reason: 'Duplicate of row 1: the title "gift CARDS" appears earlier' },
        ],
      });
      expect(again).toEqual({ accepted: 2, created: 1, updated: 1, rejected: [] });
      expect(titles.map((a) => [a.title, a.body]).sort()).toEqual([
        ['Gift cards', 'Gift cards are sold at the desk, from 20 EUR.'],
        ['New one', 'Hello there.'],
        ['Pets', 'Dogs and cats are welcome.'],
      ]);
    });

    it('should refuse a file without title and body columns, naming the file', async () => {
      const res = await as(other).csv('/automation/knowledge/import', 'name,text\na,b\n').expect(400);

      expect((res.body as { fields: Record<string, string> }).fields.file).toContain('needs a title and a body column');
    });
  });

  describe('answers', () => {
    beforeAll(async () => {
      await enable();
    });

    it('should answer from the most relevant article with the instructions and recent messages, reporting tokens', async () => {
      const answer = await ask('Hello!', 'Thanks. When are you open on Saturdays?');
      const [request] = await received();

      expect(answer).toEqual({
        kind: 'answer',
        text: 'On Saturdays we open at 10:00.',
        model: 'sandbox-model',
        promptTokens: expect.any(Number) as number,
        completionTokens: expect.any(Number) as number,
      });
      expect(answer.promptTokens).toBeGreaterThan(50);
      expect(answer.completionTokens).toBeGreaterThan(5);
      expect(request).toMatchObject({ model: 'sandbox-model', responseFormat: 'json_object' });
      const [system, ...turns] = request!.messages;
      expect(system?.content).toContain('Be warm and brief. Never discuss prices.');
      expect(system?.content).toContain('<article title="Opening hours">');
      expect(system?.content).not.toContain('Refunds are paid');
      expect(turns).toEqual([
        { role: 'user', content: 'Hello!' },
        { role: 'user', content: 'Thanks. When are you open on Saturdays?' },
      ]);
    });

    it('should hand off with customer_asked_for_person when the customer asks for a person', async () => {
      await expect(ask('I want to talk to a human')).resolves.toMatchObject({
        kind: 'handoff',
        reason: 'customer_asked_for_person',
        detail: 'The customer asked to talk to a person.',
      });
    });

    it('should hand off with model_cannot_answer when the knowledge base does not answer', async () => {
      const answer = await ask('Do you sell bicycles?');

      expect(answer).toMatchObject({ kind: 'handoff', reason: 'model_cannot_answer' });
      expect(answer).toMatchObject({
        detail: expect.stringContaining('could not answer from the knowledge base') as string,
      });
      expect(answer.promptTokens).toBeGreaterThan(0);
    });

    it('should hand off with ai_failed naming the status when the provider answers 5xx', async () => {
      await fault({ kind: 'error', status: 503 });

      await expect(ask('When are you open on Saturdays?')).resolves.toEqual({
        kind: 'handoff',
        reason: 'ai_failed',
        detail:
          'The AI provider answered with an error (HTTP 503): The engine is currently overloaded, please try again later..',
        promptTokens: 0,
        completionTokens: 0,
      });
    });

    it('should hand off with ai_failed after 10 s when the provider is slower', async () => {
      await fault({ kind: 'slow', delayMs: 12_000 });

      const started = Date.now();
      const answer = await ask('When are you open on Saturdays?');
      const elapsed = Date.now() - started;

      expect(answer).toMatchObject({
        kind: 'handoff',
        reason: 'ai_failed',
        detail: 'The AI provider did not answer within 10 s.',
      });
      expect(elapsed).toBeGreaterThanOrEqual(10_000);
      expect(elapsed).toBeLessThan(11_900);
    }, 20_000);

    it.each([
      ['content', 'The AI’s answer was not in the format asked for.'],
      ['body', 'The AI provider’s answer was not a chat completion.'],
    ])('should hand off with ai_failed when the answer is malformed (%s)', async (malformed, detail) => {
      await fault({ kind: 'malformed', malformed });

      await expect(ask('When are you open on Saturdays?')).resolves.toMatchObject({
        kind: 'handoff',
        reason: 'ai_failed',
        detail,
      });
    });

    it('should hand off with ai_disabled and call no provider when AI replies are off', async () => {
      await as(admin).put('/automation/ai', { enabled: false }).expect(200);
      try {
        await expect(ask('When are you open on Saturdays?')).resolves.toMatchObject({
          kind: 'handoff',
          reason: 'ai_disabled',
          promptTokens: 0,
        });
        expect(await received()).toEqual([]);
      } finally {
        await enable();
      }
    });

    it('should call the workspace’s own provider with its own key when one is set', async () => {
      await enable({ provider: { baseUrl: `${sandbox.url}/v1`, model: 'own-model', apiKey: 'wrong-key' } });
      try {
        const refused = await ask('When are you open on Saturdays?');
        await enable({ provider: { baseUrl: `${sandbox.url}/v1`, model: 'own-model', apiKey: KEY } });
        const answered = await ask('When are you open on Saturdays?');

        expect(refused).toMatchObject({ reason: 'ai_failed', detail: expect.stringContaining('HTTP 401') as string });
        expect(answered).toMatchObject({ kind: 'answer', model: 'own-model' });
      } finally {
        await enable({ provider: null });
      }
    });
  });

  describe('suggest a reply', () => {
    beforeAll(async () => {
      await enable({ provider: null });
    });

    it('should draft a reply for an agent and send nothing', async () => {
      const { conversationId } = await customerWrites('Is there parking at the clinic?');
      const before = await t.sql(`SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1`, [
        conversationId,
      ]);

      const res = await as(agent).post(`/conversations/${conversationId}/suggest-reply`).expect(200);
      const after = await t.sql(`SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1`, [conversationId]);

      expect(res.body as ReplySuggestionDto).toEqual({ text: 'Free parking is available behind the clinic.' });
      expect(after).toEqual(before);
    });

    it('should answer 404 for another workspace’s conversation', async () => {
      const { conversationId } = await customerWrites('Is there parking?');

      await as(other).post(`/conversations/${conversationId}/suggest-reply`).expect(404);
    });

    it('should answer 422 saying why when the customer asks for a person, and 503 when the provider fails', async () => {
      const { conversationId } = await customerWrites('Can I speak to an agent?');
      const person = await as(agent).post(`/conversations/${conversationId}/suggest-reply`).expect(422);
      await fault({ kind: 'error', status: 500 });
      const failed = await as(agent).post(`/conversations/${conversationId}/suggest-reply`).expect(503);

      expect(person.body).toMatchObject({
        error: 'no_suggestion',
        reason: 'customer_asked_for_person',
        message: 'The customer asks for a person: write this reply yourself.',
      });
      expect(failed.body).toMatchObject({
        reason: 'ai_failed',
        message: expect.stringContaining('HTTP 500') as string,
      });
    });
  });
});
