import { InvalidCursorError } from '../common/http/domain-error';
import { decodeAdminAccountCursor, encodeAdminAccountCursor } from './admin-account-cursor';

const ID = '7f1d0c3e-2a4b-4c5d-8e6f-0a1b2c3d4e5f';

describe(decodeAdminAccountCursor.name, () => {
  it('should give back the position a cursor was made from, for the same sort', () => {
    const order = { sort: 'lastCheckedAt', order: 'desc' } as const;
    const cursor = encodeAdminAccountCursor(order, { sortKey: '2026-12-18 10:00:00.123456+00', id: ID });

    expect(decodeAdminAccountCursor(cursor, order)).toEqual({ sortKey: '2026-12-18 10:00:00.123456+00', id: ID });
    expect(decodeAdminAccountCursor(undefined, order)).toBeNull();
  });

  it('should refuse a cursor of another sort or order, and one that is not ours', () => {
    const cursor = encodeAdminAccountCursor({ sort: 'tenant', order: 'asc' }, { sortKey: 'Acme', id: ID });

    expect(() => decodeAdminAccountCursor(cursor, { sort: 'quality', order: 'asc' })).toThrow(InvalidCursorError);
    expect(() => decodeAdminAccountCursor(cursor, { sort: 'tenant', order: 'desc' })).toThrow(InvalidCursorError);
    expect(() => decodeAdminAccountCursor('not-a-cursor', { sort: 'tenant', order: 'asc' })).toThrow(
      InvalidCursorError,
    );
  });
});
