import { InvalidCursorError } from '../http/domain-error';
import { decodeCursor, encodeCursor, toPage } from './keyset';

describe('keyset pagination', () => {
  const row = (n: number) => ({
    id: `00000000-0000-4000-8000-00000000000${n}`,
    createdAt: new Date(1_700_000_000_000 + n),
  });

  it('should round-trip a position when encoded and decoded', () => {
    const position = row(1);
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('should reject a cursor when it was not made by encodeCursor', () => {
    expect(() => decodeCursor('bm90LWEtY3Vyc29y')).toThrow(InvalidCursorError);
  });

  it('should give a next cursor only when more rows than the limit came back', () => {
    const rows = [row(1), row(2), row(3)];
    expect(toPage(rows, 2, (r) => r.id)).toEqual({ data: [row(1).id, row(2).id], nextCursor: encodeCursor(row(2)) });
    expect(toPage(rows, 3, (r) => r.id).nextCursor).toBeNull();
  });
});
