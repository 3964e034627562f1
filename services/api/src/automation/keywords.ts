import { type KeywordMatch } from '@aerostic/shared';

/** A regular expression sees at most this much of a message, so a costly pattern stays bounded. */
export const REGEX_TEXT_MAX = 1_000;

/** The last text normalized and its result: every rule of a workspace matches the same message in turn. */
let last: { text: string; normalized: string } | null = null;

/** Lower case, accents stripped (NFD, then no combining marks), spaces collapsed: `Café  OK` → `cafe ok`. */
export function normalizeText(text: string): string {
  if (last?.text !== text)
    last = { text, normalized: text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim() };
  return last.normalized;
}

/** A trigger's keywords, prepared once per rule. */
export type KeywordMatcher = (text: string) => boolean;

export function keywordMatcher(
  keywords: readonly string[] | undefined,
  match: KeywordMatch = 'contains',
): KeywordMatcher {
  if (!keywords || keywords.length === 0) return () => true;
  if (match === 'regex') {
    // Validated at save time; normalized like the text so `cafe` and `café` patterns both match either.
    const patterns = keywords.map((k) => new RegExp(k.normalize('NFD').replace(/\p{M}/gu, ''), 'iu'));
    return (text) => {
      const seen = normalizeText(text.slice(0, REGEX_TEXT_MAX));
      return patterns.some((p) => p.test(seen));
    };
  }
  const wanted = keywords.map(normalizeText).filter((k) => k.length > 0);
  if (match === 'exact') return (text) => wanted.includes(normalizeText(text));
  return (text) => {
    const seen = normalizeText(text);
    return wanted.some((k) => seen.includes(k));
  };
}

/** The words a customer wrote in a message: its text, a caption, or the title of a button or list reply. */
export function textOfMessage(type: string, content: Record<string, unknown>): string | null {
  const part = content[type] as Record<string, unknown> | undefined;
  if (!part || typeof part !== 'object') return null;
  if (type === 'text' && typeof part['body'] === 'string') return part['body'];
  if (type === 'button' && typeof part['text'] === 'string') return part['text'];
  if (type === 'interactive') {
    const reply = (part['button_reply'] ?? part['list_reply']) as { title?: unknown } | undefined;
    return typeof reply?.title === 'string' ? reply.title : null;
  }
  return typeof part['caption'] === 'string' ? part['caption'] : null;
}
