import { type NextRequest, NextResponse } from 'next/server';
import { getEnv } from '@/lib/env';
import { readSessionToken } from '@/lib/session/session';

/**
 * Streams `GET /contacts/export` (admins) with the session cookie's token, so a plain link downloads the CSV
 * from the app's own origin while the token stays HttpOnly. The search and tag filters are passed on.
 */
export async function GET(request: NextRequest) {
  const token = await readSessionToken();
  if (!token) return NextResponse.json({ message: 'Log in to export your contacts.' }, { status: 401 });

  const query = new URLSearchParams();
  for (const key of ['search', 'tag']) {
    const value = request.nextUrl.searchParams.get(key);
    if (value) query.set(key, value);
  }
  let upstream: Response;
  try {
    upstream = await fetch(`${getEnv().API_INTERNAL_URL.replace(/\/+$/, '')}/contacts/export?${query}`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/csv' },
      cache: 'no-store',
      signal: request.signal,
    });
  } catch {
    return NextResponse.json({ message: 'The export could not be started right now. Try again.' }, { status: 503 });
  }
  if (!upstream.ok) {
    // The API's error body (403 for agents, 400 for a bad filter) is already a sentence a person can read.
    return new Response(upstream.body, {
      status: upstream.status,
      headers: { 'content-type': upstream.headers.get('content-type') ?? 'application/json' },
    });
  }
  const day = new Date().toISOString().slice(0, 10);
  return new Response(upstream.body, {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="contacts-${day}.csv"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
