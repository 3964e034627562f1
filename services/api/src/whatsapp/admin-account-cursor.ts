import { ADMIN_WHATSAPP_ACCOUNT_SORTS, SORT_ORDERS } from '@aerostic/shared';
import { z } from 'zod';
import { InvalidCursorError } from '../common/http/domain-error';
import { type AdminAccountOrder, type AdminAccountPosition } from './whatsapp-account.repository';

/** A cursor remembers its sort, so that one taken from another sort is refused rather than skipping rows. */
const cursorSchema = z.object({
  s: z.enum(ADMIN_WHATSAPP_ACCOUNT_SORTS),
  o: z.enum(SORT_ORDERS),
  k: z.string().max(300),
  id: z.uuid(),
});

export function encodeAdminAccountCursor(order: AdminAccountOrder, position: AdminAccountPosition): string {
  const cursor: z.infer<typeof cursorSchema> = { s: order.sort, o: order.order, k: position.sortKey, id: position.id };
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeAdminAccountCursor(
  cursor: string | undefined,
  order: AdminAccountOrder,
): AdminAccountPosition | null {
  if (cursor === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success || result.data.s !== order.sort || result.data.o !== order.order) throw new InvalidCursorError();
  return { sortKey: result.data.k, id: result.data.id };
}
