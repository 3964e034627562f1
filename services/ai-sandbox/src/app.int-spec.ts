import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';

const KEY = 'test-key';
const SYSTEM = 'Reply as JSON.\n<article title="Shipping">We ship to Portugal and Spain in two days.</article>';

describe(buildApp.name, () => {
  let app: FastifyInstance;
  let baseUrl: string;

  beforeAll(async () => {
    app = buildApp({ apiKey: KEY });
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
  });
  beforeEach(async () => {
    await fetch(`${baseUrl}/_sandbox/reset`, { method: 'POST' });
  });

  const chat = (question: string, init: { key?: string | null; body?: object; signal?: AbortSignal } = {}) =>
    fetch(`${baseUrl}/v1/chat/completions`, {
      method: 'POST',
      signal: init.signal,
      headers: {
        'content-type': 'application/json',
        ...(init.key !== null && { authorization: `Bearer ${init.key ?? KEY}` }),
      },
      body: JSON.stringify(
        init.body ?? {
          model: 'sandbox-model',
          response_format: { type: 'json_object' },
          messages: [
            { role: 'system', content: SYSTEM },
            { role: 'user', content: question },
          ],
        },
      ),
    });
  const fault = (body: object) =>
    fetch(`${baseUrl}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('should answer 200 ok when /health is requested', async () => {
    const res = await fetch(`${baseUrl}/health`);

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('should answer a chat completion with usage when the key is right', async () => {
    const res = await chat('Do you ship to Portugal?');

    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      object: string;
      model: string;
      choices: { message: { role: string; content: string }; finish_reason: string }[];
      usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
    };
    expect(body).toMatchObject({ object: 'chat.completion', model: 'sandbox-model' });
    expect(body.choices[0]).toMatchObject({ message: { role: 'assistant' }, finish_reason: 'stop' });
    expect(JSON.parse(body.choices[0]!.message.content)).toEqual({
      answer: 'We ship to Portugal and Spain in two days.',
    });
    expect(body.usage.prompt_tokens).toBeGreaterThan(10);
    expect(body.usage.completion_tokens).toBeGreaterThan(5);
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
  });

  it('should refuse with 401 and OpenAI error bodies when the key is missing or wrong', async () => {
    const missing = await chat('hi', { key: null });
    const wrong = await chat('hi', { key: 'nope' });

    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { type: 'invalid_request_error', code: null } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: 'invalid_api_key', param: null } });
  });

  it('should answer 400 naming the parameter when the request is invalid', async () => {
    const res = await chat('', { body: { model: 'sandbox-model', messages: [] } });

    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { type: 'invalid_request_error', param: 'messages' } });
  });

  it('should fail with the asked status and then recover when an error fault is used up', async () => {
    expect((await fault({ kind: 'error', status: 503, times: 1 })).status).toBe(201);

    const failed = await chat('Do you ship to Portugal?');
    const next = await chat('Do you ship to Portugal?');

    expect(failed.status).toBe(503);
    expect(await failed.json()).toMatchObject({ error: { type: 'server_error' } });
    expect(next.status).toBe(200);
  });

  it('should apply a fault only to matching questions when it has a match text', async () => {
    await fault({ kind: 'error', match: 'SPAIN' });

    expect((await chat('Do you ship to Portugal?')).status).toBe(200);
    expect((await chat('and to spain?')).status).toBe(500);
  });

  it('should answer after the delay when a slow fault is set', async () => {
    await fault({ kind: 'slow', delayMs: 300 });

    const started = Date.now();
    const res = await chat('Do you ship to Portugal?');

    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('should hold a slow answer past 10 s by default until the caller gives up', async () => {
    await fault({ kind: 'slow' });

    const res = await chat('Do you ship to Portugal?', { signal: AbortSignal.timeout(200) }).catch(
      (err: unknown) => err,
    );

    expect(res).toMatchObject({ name: 'TimeoutError' });
    const { faults } = (await (await fetch(`${baseUrl}/_sandbox/faults`)).json()) as { faults: { delayMs: number }[] };
    expect(faults[0]?.delayMs).toBeGreaterThan(10_000);
  });

  it('should answer 200 with content that is not the JSON asked for when a malformed fault is set', async () => {
    await fault({ kind: 'malformed' });

    const res = await chat('Do you ship to Portugal?');
    const body = (await res.json()) as { choices: { message: { content: string } }[] };

    expect(res.status).toBe(200);
    expect(() => JSON.parse(body.choices[0]!.message.content)).toThrow();
  });

  it('should answer a body that is not JSON when a malformed body fault is set', async () => {
    await fault({ kind: 'malformed', malformed: 'body' });

    const res = await chat('Do you ship to Portugal?');

    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow();
  });

  it('should record what it was sent when a completion is asked for', async () => {
    await chat('Do you ship to Portugal?');

    const { requests } = (await (await fetch(`${baseUrl}/_sandbox/requests`)).json()) as {
      requests: { model: string; responseFormat: string; messages: { role: string; content: string }[] }[];
    };

    expect(requests).toEqual([
      expect.objectContaining({
        model: 'sandbox-model',
        responseFormat: 'json_object',
        messages: [
          { role: 'system', content: SYSTEM },
          { role: 'user', content: 'Do you ship to Portugal?' },
        ],
      }),
    ]);
  });

  it('should refuse a fault naming the field when the kind is unknown', async () => {
    const res = await fault({ kind: 'explode' });

    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { param: 'kind' } });
  });
});
