import type { NextRequest } from 'next/server';
import { proxyCsvDownload } from '@aerostic/shared/web';
import { getEnv } from '@/lib/env';
import { readSessionToken } from '@/lib/session/session';

/**
 * Streams `GET /contacts/export` (admins) with the session cookie's token, so a plain link downloads the CSV
 * from the app's own origin while the token stays HttpOnly. The search and tag filters are passed on.
 */
export async function GET(request: NextRequest) {
  const token = await readSessionToken();
  if (!token) return Response.json({ message: 'Log in to export your contacts.' }, { status: 401 });

  const query = new URLSearchParams();
  for (const key of ['search', 'tag']) {
    const value = request.nextUrl.searchParams.get(key);
    if (value) query.set(key, value);
  }
  return proxyCsvDownload({
    url: `${getEnv().API_INTERNAL_URL.replace(/\/+$/, '')}/contacts/export?${query}`,
    bearer: token,
    filename: 'contacts',
    signal: request.signal,
    unreachableMessage: 'The export could not be started right now. Try again.',
  });
}
