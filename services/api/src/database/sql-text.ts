/** `%`, `_` and `\` match literally in a LIKE/ILIKE pattern once escaped (PostgreSQL's default escape is `\`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Code-point order, for writing rows in one fixed key order so that two writers never lock them in opposite orders. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Parameters of a statement built in parts: `add` appends a value and answers its placeholder (`$n`). */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
