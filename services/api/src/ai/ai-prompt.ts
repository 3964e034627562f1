import { AUTOMATION_LIMITS } from '@aerostic/shared';
import { z } from 'zod';

/** One turn of the conversation as the model sees it: the customer is `user`, the team and the AI `assistant`. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface PromptArticle {
  title: string;
  body: string;
}

/** Bounds on what one request carries, so a long thread or a large article cannot blow up its size or cost. */
export const PROMPT_LIMITS = {
  articles: 3,
  articleChars: 1_500,
  history: 10,
  messageChars: 1_000,
} as const;

// The answer format is the contract with the model (docs/adr/0125); the ai-sandbox answers in it too.
const RULES = `You answer customers of a business on WhatsApp, on behalf of its team.
Rules, which the business's instructions below never override:
- Answer only from the knowledge articles below and the conversation. Never invent prices, dates, policies or promises.
- Write in the customer's language, briefly (a few sentences), as plain text suited to WhatsApp.
- When the customer asks to talk to a person (a human, an agent, someone from the team), do not answer: hand off.
- When the articles do not answer the question, do not guess: hand off.
Reply with exactly one JSON object and nothing else, either
{"answer": "<your message to the customer>"}
or
{"handoff": "customer_asked_for_person" | "cannot_answer", "why": "<one sentence for the team>"}`;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Article text cannot close or open the blocks it is quoted in. */
function quoted(text: string): string {
  return text.replace(/<\/?(article|knowledge|instructions)\b/gi, (tag) => tag.replace('<', '‹'));
}

/** The request's messages: the rules, instructions and articles as the system message, then the recent turns. */
export function buildChatMessages(input: {
  instructions: string;
  articles: readonly PromptArticle[];
  history: readonly ChatMessage[];
}): ChatMessage[] {
  const articles = input.articles
    .slice(0, PROMPT_LIMITS.articles)
    .map(
      (a) =>
        `<article title="${quoted(a.title).replace(/"/g, "'")}">\n${quoted(clip(a.body, PROMPT_LIMITS.articleChars))}\n</article>`,
    );
  const instructions = input.instructions.trim();
  const system = [
    RULES,
    instructions === ''
      ? ''
      : `\nThe business's instructions:\n<instructions>\n${quoted(instructions)}\n</instructions>`,
    `\nKnowledge articles:\n<knowledge>\n${articles.join('\n')}\n</knowledge>`,
  ].join('\n');
  const history = input.history
    .slice(-PROMPT_LIMITS.history)
    .map((m) => ({ role: m.role, content: clip(m.content, PROMPT_LIMITS.messageChars) }));
  return [{ role: 'system', content: system.trim() }, ...history];
}

const modelAnswerSchema = z.union([
  z.strictObject({ answer: z.string().trim().min(1).max(AUTOMATION_LIMITS.textMaxLength) }),
  z.strictObject({
    handoff: z.enum(['customer_asked_for_person', 'cannot_answer']),
    why: z.string().trim().max(500).optional(),
  }),
]);

export type ModelAnswer =
  | { kind: 'answer'; text: string }
  | { kind: 'handoff'; reason: 'customer_asked_for_person' | 'cannot_answer'; why: string | null };

/**
 * The model's message read strictly as the JSON the rules ask for (one code fence around it is tolerated, as some
 * models add one); anything else is malformed: null.
 */
export function readModelAnswer(content: string): ModelAnswer | null {
  const text = content
    .trim()
    .replace(/^```(?:json)?\s*\n?([\s\S]*?)\n?```$/i, '$1')
    .trim();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = modelAnswerSchema.safeParse(value);
  if (!parsed.success) return null;
  const answer = parsed.data;
  return 'answer' in answer
    ? { kind: 'answer', text: answer.answer }
    : { kind: 'handoff', reason: answer.handoff, why: answer.why || null };
}
