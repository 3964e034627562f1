import { type Request } from 'express';

/** A request's token: `Authorization: Bearer`, or without that header the named session cookie. */
export function requestToken(req: Request, cookieName: string): string | null {
  const header = req.get('authorization');
  if (header) {
    const [scheme, value] = header.split(' ');
    return scheme?.toLowerCase() === 'bearer' && value ? value : null;
  }
  const cookies = req.cookies as Record<string, string | undefined> | undefined;
  return cookies?.[cookieName] ?? null;
}
