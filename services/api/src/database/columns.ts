import { type Row } from './sql';

/**
 * Typed readers of a raw SQL row's columns, for the one row decoder of each table. A column of an unexpected type
 * is a bug in the statement, so it throws naming the column rather than letting a wrong value travel on.
 */

function fail(column: string, expected: string, value: unknown): never {
  throw new TypeError(`Column ${column} should be ${expected}, got ${value === null ? 'null' : typeof value}`);
}

export function text(row: Row, column: string): string {
  const value = row[column];
  return typeof value === 'string' ? value : fail(column, 'text', value);
}

export function textOrNull(row: Row, column: string): string | null {
  return row[column] === null || row[column] === undefined ? null : text(row, column);
}

export function int(row: Row, column: string): number {
  const value = row[column];
  return typeof value === 'number' && Number.isInteger(value) ? value : fail(column, 'an integer', value);
}

/** A `bigint` (which pg hands over as text) that fits a JavaScript number exactly. */
export function safeInt(row: Row, column: string): number {
  const value = row[column];
  const n = typeof value === 'string' && /^-?[0-9]+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : fail(column, 'a safe integer', value);
}

export function intOrNull(row: Row, column: string): number | null {
  return row[column] === null || row[column] === undefined ? null : int(row, column);
}

export function bool(row: Row, column: string): boolean {
  const value = row[column];
  return typeof value === 'boolean' ? value : fail(column, 'a boolean', value);
}

export function boolOrNull(row: Row, column: string): boolean | null {
  return row[column] === null || row[column] === undefined ? null : bool(row, column);
}

export function timestamp(row: Row, column: string): Date {
  const value = row[column];
  return value instanceof Date ? value : fail(column, 'a timestamp', value);
}

export function timestampOrNull(row: Row, column: string): Date | null {
  return row[column] === null || row[column] === undefined ? null : timestamp(row, column);
}

/** A jsonb column holding an object. */
export function jsonObject<T extends object = Record<string, unknown>>(row: Row, column: string): T {
  const value = row[column];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as T)
    : fail(column, 'a JSON object', value);
}

export function jsonObjectOrNull<T extends object>(row: Row, column: string): T | null {
  return row[column] === null || row[column] === undefined ? null : jsonObject<T>(row, column);
}

export function jsonArray(row: Row, column: string): unknown[] {
  const value = row[column];
  return Array.isArray(value) ? (value as unknown[]) : fail(column, 'a JSON array', value);
}

export function textArray(row: Row, column: string): string[] {
  const value = row[column];
  return Array.isArray(value) && value.every((v) => typeof v === 'string')
    ? (value as string[])
    : fail(column, 'a text array', value);
}

/** A text column holding one of a known set of values (a status, a direction). */
export function oneOf<const T extends readonly string[]>(row: Row, column: string, values: T): T[number] {
  const value = text(row, column);
  return values.includes(value) ? (value as T[number]) : fail(column, `one of ${values.join(', ')}`, value);
}

/** As `oneOf`, for a column that may be null. */
export function oneOfOrNull<const T extends readonly string[]>(row: Row, column: string, values: T): T[number] | null {
  return row[column] === null || row[column] === undefined ? null : oneOf(row, column, values);
}
