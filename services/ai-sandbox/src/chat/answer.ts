/**
 * The stand-in's "model": a deterministic answer derived from the request alone, so tests and demos can predict it.
 * Rules (README): a customer asking for a person is handed off; otherwise the knowledge passage sharing most of the
 * question's words answers it, when it shares more than half of them; else the model says it cannot answer.
 */

export interface ChatTurn {
  role: string;
  content: string;
}

export type Decision =
  | { kind: 'answer'; text: string }
  | { kind: 'handoff'; reason: 'customer_asked_for_person' | 'cannot_answer'; why: string };

// Words that name a person to talk to, in the languages the product is sold in (accents removed).
const PERSON_WORDS = new Set([
  'human',
  'person',
  'agent',
  'representative',
  'operator',
  'humano',
  'humana',
  'persona',
  'pessoa',
  'atendente',
  'agente',
  'personne',
  'mensch',
]);

// Short function words that say nothing about the topic of a question.
const STOP_WORDS = new Set(
  (
    'the and for are you your our can how what when where which who why does did with from that this have has ' +
    'about there their will would could should may might not any all much many some want need please tell give ' +
    'get let know like just also long take takes its into more most very que para com por como uma los las del est pour avec ' +
    'une des les qui und der die das ist mit'
  ).split(' '),
);

/** Lower-case words without accents, as the question and passages are compared. */
export function wordsOf(text: string): string[] {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

function significant(text: string): string[] {
  return [...new Set(wordsOf(text).filter((w) => w.length >= 3 && !STOP_WORDS.has(w)))];
}

/** `refund` matches `refunds` and `refunded`: equal, or one a prefix of the other when both have 4 letters or more. */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 4 || b.length < 4) return false;
  return a.startsWith(b) || b.startsWith(a);
}

interface Passage {
  /** What is answered: one sentence of an article. */
  text: string;
  /** What is matched: the sentence and its article's title. */
  words: string[];
}

const ARTICLE = /<article(?:\s+title="([^"]*)")?\s*>([\s\S]*?)<\/article>/g;

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const KNOWLEDGE = /<knowledge>([\s\S]*?)<\/knowledge>/;

/**
 * The knowledge in the system messages: the `<article title="…">…</article>` blocks, within a `<knowledge>` block
 * when there is one (an empty one: nothing is known); without either, every sentence of the whole text.
 */
export function passagesOf(system: string): Passage[] {
  const knowledge = KNOWLEDGE.exec(system)?.[1];
  const text = knowledge ?? system;
  const articles = [...text.matchAll(ARTICLE)];
  if (articles.length === 0) return sentences(text).map((s) => ({ text: s, words: significant(s) }));
  return articles.flatMap(([, title = '', body = '']) =>
    sentences(body).map((s) => ({ text: s, words: significant(`${title} ${s}`) })),
  );
}

export function decide(turns: readonly ChatTurn[]): Decision {
  const question = [...turns].reverse().find((t) => t.role === 'user')?.content ?? '';
  if (wordsOf(question).some((w) => PERSON_WORDS.has(w)))
    return { kind: 'handoff', reason: 'customer_asked_for_person', why: 'The customer asked to talk to a person.' };

  const asked = significant(question);
  const system = turns
    .filter((t) => t.role === 'system' || t.role === 'developer')
    .map((t) => t.content)
    .join('\n');
  let best: { passage: Passage; score: number } | undefined;
  for (const passage of passagesOf(system)) {
    const score = asked.filter((w) => passage.words.some((p) => sameWord(w, p))).length;
    if (score > (best?.score ?? 0)) best = { passage, score };
  }
  if (!best || best.score * 2 <= asked.length)
    return { kind: 'handoff', reason: 'cannot_answer', why: 'Nothing I was given answers this question.' };
  return { kind: 'answer', text: best.passage.text };
}

/**
 * The message content: in JSON mode (`response_format` json_object or json_schema) the object Aerostic's system
 * prompt asks for (docs/adr/0125), otherwise plain words.
 */
export function render(decision: Decision, json: boolean): string {
  if (json)
    return JSON.stringify(
      decision.kind === 'answer' ? { answer: decision.text } : { handoff: decision.reason, why: decision.why },
    );
  if (decision.kind === 'answer') return decision.text;
  return decision.reason === 'customer_asked_for_person'
    ? 'Let me get a person from the team for you.'
    : "I'm sorry, I can't answer that from what I know.";
}

/** A rough token count (about four characters a token), stable for a given text. */
export function countTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
