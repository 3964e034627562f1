/** `%`, `_` and `\` match literally in a LIKE/ILIKE pattern once escaped (PostgreSQL's default escape is `\`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Code-point order, for writing rows in one fixed key order so that two writers never lock them in opposite orders. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
