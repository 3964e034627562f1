import { type NextRequest, NextResponse } from 'next/server';
import { attachmentDisposition } from '@aerostic/shared';
import { getEnv } from '@/lib/env';
import { readSessionToken } from '@/lib/session/session';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PASSED_HEADERS = ['content-type', 'content-length', 'content-disposition', 'accept-ranges', 'content-range'];

/**
 * Streams a message's media from the API (`GET /media/:messageId`) with the session cookie's token, so that
 * `<img>`, `<video>` and download links work on the app's own origin while the token stays HttpOnly.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) return NextResponse.json({ message: 'Unknown media.' }, { status: 404 });
  const token = await readSessionToken();
  if (!token) return NextResponse.json({ message: 'Log in to see this media.' }, { status: 401 });

  const headers = new Headers({ authorization: `Bearer ${token}` });
  const range = request.headers.get('range');
  if (range) headers.set('range', range);
  let upstream: Response;
  try {
    upstream = await fetch(`${getEnv().API_INTERNAL_URL.replace(/\/+$/, '')}/media/${id}`, {
      headers,
      cache: 'no-store',
      signal: request.signal,
    });
  } catch {
    return NextResponse.json({ message: 'The media could not be fetched right now.' }, { status: 503 });
  }
  const out = new Headers({ 'cache-control': 'private, max-age=3600', 'x-content-type-options': 'nosniff' });
  for (const name of PASSED_HEADERS) {
    const value = upstream.headers.get(name);
    if (value) out.set(name, value);
  }
  if (request.nextUrl.searchParams.get('download') === '1') {
    out.set('content-disposition', attachmentDisposition(request.nextUrl.searchParams.get('name') ?? ''));
  }
  return new Response(upstream.body, { status: upstream.status, headers: out });
}
