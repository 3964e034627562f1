/**
 * Safe readers for a message's Meta-shaped `content`: webhooks from Meta (and old rows) may lack any field,
 * so every renderer reads through these instead of trusting a shape.
 */
export type Json = Record<string, unknown>;

export function record(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/** Follows keys through nested objects; undefined as soon as one is missing. */
export function at(value: unknown, ...path: string[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    const next = record(current);
    if (!next) return undefined;
    current = next[key];
  }
  return current;
}

export function text(value: unknown, ...path: string[]): string | undefined {
  const found = at(value, ...path);
  if (typeof found === 'string') return found.length > 0 ? found : undefined;
  if (typeof found === 'number' && Number.isFinite(found)) return String(found);
  return undefined;
}

export function num(value: unknown, ...path: string[]): number | undefined {
  const found = at(value, ...path);
  const n = typeof found === 'string' ? Number(found) : found;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

export function list(value: unknown, ...path: string[]): unknown[] {
  const found = at(value, ...path);
  return Array.isArray(found) ? found : [];
}

export function flag(value: unknown, ...path: string[]): boolean {
  return at(value, ...path) === true;
}
