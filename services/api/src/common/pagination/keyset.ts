import { type Page } from '@aerostic/shared';
import { InvalidCursorError } from '../http/domain-error';

/** Position after the last row of a page ordered by (a timestamp, id). */
export interface KeysetPosition {
  createdAt: Date;
  id: string;
}

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(`${position.createdAt.toISOString()}|${position.id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): KeysetPosition | null {
  if (cursor === undefined) return null;
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(createdAt.getTime())) throw new InvalidCursorError();
  return { createdAt, id };
}

/**
 * Rows were fetched with limit + 1; the extra row only says that a next page exists. `position` says which
 * columns the order follows (createdAt by default).
 */
export function toPage<E, D>(
  rows: E[],
  limit: number,
  map: (row: E) => D,
  position: (row: E) => KeysetPosition = (row) => row as KeysetPosition,
): Page<D> {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return { data: pageRows.map(map), nextCursor: rows.length > limit && last ? encodeCursor(position(last)) : null };
}
