import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SandboxContext } from '../sandbox-context';
import { countTokens, decide, render, type ChatTurn } from './answer';
import { errorForStatus, openAiError } from './openai-error';

const contentPart = z.looseObject({ type: z.string(), text: z.string().optional() });
const chatRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z
    .array(
      z.looseObject({
        role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
        content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
      }),
    )
    .min(1),
  response_format: z.looseObject({ type: z.enum(['text', 'json_object', 'json_schema']) }).optional(),
  stream: z.boolean().optional(),
});

function textOf(content: string | { type: string; text?: string }[] | null | undefined): string {
  if (typeof content === 'string') return content;
  return (content ?? []).map((part) => part.text ?? '').join('');
}

function sameKey(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Resolves after `ms`, or at once when the client goes away or the server closes. */
function sleep(ms: number, reply: FastifyReply, ctx: SandboxContext): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      ctx.sleepers.delete(done);
      reply.raw.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    ctx.sleepers.add(done);
    reply.raw.once('close', done);
  });
}

/** `POST /v1/chat/completions` and `GET /v1/models`, as OpenAI-compatible servers answer them. */
export function registerCompletionRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const authorised = (request: FastifyRequest, reply: FastifyReply): boolean => {
    const header = request.headers.authorization ?? '';
    const key = /^Bearer (.+)$/.exec(header)?.[1];
    if (key === undefined) {
      void reply
        .code(401)
        .send(
          openAiError(
            "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
            'invalid_request_error',
          ),
        );
      return false;
    }
    if (!sameKey(key, ctx.apiKey)) {
      void reply.code(401).send(
        openAiError(`Incorrect API key provided: ${key.slice(0, 3)}***.`, 'invalid_request_error', {
          code: 'invalid_api_key',
        }),
      );
      return false;
    }
    return true;
  };

  app.get('/v1/models', async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    return {
      object: 'list',
      data: [{ id: 'sandbox-model', object: 'model', created: 1_700_000_000, owned_by: 'aerostic-sandbox' }],
    };
  });

  app.post('/v1/chat/completions', async (request, reply) => {
    if (!authorised(request, reply)) return reply;
    const parsed = chatRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const param = issue?.path.join('.') || null;
      return reply
        .code(400)
        .send(
          openAiError(`Invalid request: ${param ?? 'body'}: ${issue?.message}`, 'invalid_request_error', { param }),
        );
    }
    const body = parsed.data;
    if (body.stream)
      return reply
        .code(400)
        .send(
          openAiError('The sandbox does not stream: send stream false.', 'invalid_request_error', { param: 'stream' }),
        );

    const turns: ChatTurn[] = body.messages.map((m) => ({ role: m.role, content: textOf(m.content) }));
    const question = [...turns].reverse().find((t) => t.role === 'user')?.content ?? '';
    const fault = ctx.state.takeFault(question);
    ctx.state.record({
      receivedAt: new Date().toISOString(),
      model: body.model,
      messages: turns,
      responseFormat: body.response_format?.type ?? null,
      faultId: fault?.id ?? null,
    });

    if (fault?.kind === 'error') return reply.code(fault.status).send(errorForStatus(fault.status));
    if (fault?.kind === 'slow') {
      await sleep(fault.delayMs, reply, ctx);
      if (reply.raw.destroyed) return reply;
    }
    if (fault?.kind === 'malformed' && fault.malformed === 'body')
      return reply.code(200).type('application/json').send('{"id":"chatcmpl-broken","choices":[{"message":');

    const json = body.response_format !== undefined && body.response_format.type !== 'text';
    const content =
      fault?.kind === 'malformed' ? 'Sure! Here is what I found: {"answer": ' : render(decide(turns), json);
    const promptTokens = turns.reduce((sum, t) => sum + 4 + countTokens(t.content), 0);
    const completionTokens = countTokens(content);
    ctx.completions += 1;
    return {
      id: `chatcmpl-sandbox-${ctx.completions}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
      system_fingerprint: 'fp_aerostic_sandbox',
    };
  });
}
