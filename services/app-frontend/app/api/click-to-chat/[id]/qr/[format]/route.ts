import { type NextRequest, NextResponse } from 'next/server';
import { getEnv } from '@/lib/env';
import { readSessionToken } from '@/lib/session/session';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FORMATS = new Set(['png', 'svg']);
const PASSED_HEADERS = ['content-type', 'content-length', 'content-disposition'];

/**
 * Streams an entry point's QR code (`GET /click-to-chat/entry-points/:id/qr.png|svg`) with the session cookie's
 * token, so a plain link downloads it from the app's origin while the token stays HttpOnly.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string; format: string }> }) {
  const { id, format } = await params;
  if (!UUID.test(id) || !FORMATS.has(format))
    return NextResponse.json({ message: 'Unknown QR code.' }, { status: 404 });
  const token = await readSessionToken();
  if (!token) return NextResponse.json({ message: 'Log in to download QR codes.' }, { status: 401 });

  let upstream: Response;
  try {
    upstream = await fetch(
      `${getEnv().API_INTERNAL_URL.replace(/\/+$/, '')}/click-to-chat/entry-points/${id}/qr.${format}`,
      {
        headers: { authorization: `Bearer ${token}` },
        cache: 'no-store',
        signal: request.signal,
      },
    );
  } catch {
    return NextResponse.json({ message: 'The QR code could not be made right now. Try again.' }, { status: 503 });
  }
  const out = new Headers({ 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' });
  for (const name of PASSED_HEADERS) {
    const value = upstream.headers.get(name);
    if (value) out.set(name, value);
  }
  return new Response(upstream.body, { status: upstream.status, headers: out });
}
