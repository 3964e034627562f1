import { Injectable, Logger } from '@nestjs/common';
import { z } from 'zod';
import { type ChatMessage } from './ai-prompt';

/** Where a request goes: the workspace's own provider or the platform's. */
export interface AiProvider {
  baseUrl: string;
  model: string;
  apiKey: string | null;
}

export type CompletionResult =
  | { ok: true; content: string; model: string; promptTokens: number; completionTokens: number }
  | { ok: false; detail: string; promptTokens: number; completionTokens: number };

/** Past this an answer is not a chat completion of the size asked for. */
const MAX_BODY_CHARS = 1_000_000;

const completionSchema = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullable().optional() }),
        finish_reason: z.string().nullable().optional(),
      }),
    )
    .min(1),
  usage: z.object({ prompt_tokens: z.number().int().min(0), completion_tokens: z.number().int().min(0) }).optional(),
});

const errorSchema = z.object({ error: z.object({ message: z.string() }) });

/** `POST {baseUrl}/chat/completions` of any OpenAI-compatible server; never throws, a failure is a result. */
@Injectable()
export class ChatCompletionsClient {
  private readonly logger = new Logger(ChatCompletionsClient.name);

  async complete(provider: AiProvider, messages: ChatMessage[], timeoutMs: number): Promise<CompletionResult> {
    const failed = (detail: string, tokens = { promptTokens: 0, completionTokens: 0 }): CompletionResult => ({
      ok: false,
      detail,
      ...tokens,
    });
    const seconds = `${Math.round(timeoutMs / 100) / 10} s`;
    let status: number;
    let text: string;
    try {
      // The signal bounds the whole exchange, reading the body included.
      const res = await fetch(`${provider.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
        method: 'POST',
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'content-type': 'application/json',
          ...(provider.apiKey !== null && { authorization: `Bearer ${provider.apiKey}` }),
        },
        body: JSON.stringify({ model: provider.model, messages, response_format: { type: 'json_object' } }),
      });
      status = res.status;
      text = await res.text();
    } catch (error) {
      if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
        return failed(`The AI provider did not answer within ${seconds}.`);
      const cause =
        error instanceof Error ? ((error.cause as { code?: string } | undefined)?.code ?? error.message) : '';
      this.logger.warn(`AI provider unreachable at ${provider.baseUrl}: ${cause}`);
      return failed(`The AI provider could not be reached (${cause}).`);
    }

    let body: unknown;
    try {
      body = text.length > MAX_BODY_CHARS ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (status < 200 || status >= 300) {
      const message = errorSchema.safeParse(body);
      const said = message.success ? `: ${message.data.error.message.slice(0, 200)}` : '';
      return failed(`The AI provider answered with an error (HTTP ${status})${said}.`);
    }
    const completion = completionSchema.safeParse(body);
    if (!completion.success) return failed('The AI provider’s answer was not a chat completion.');
    const { choices, usage, model } = completion.data;
    const tokens = { promptTokens: usage?.prompt_tokens ?? 0, completionTokens: usage?.completion_tokens ?? 0 };
    const [choice] = choices;
    if (choice?.finish_reason === 'length') return failed('The AI’s answer was cut off before its end.', tokens);
    const content = choice?.message.content ?? '';
    if (content.trim() === '') return failed('The AI answered with an empty message.', tokens);
    return { ok: true, content, model: model ?? provider.model, ...tokens };
  }
}
