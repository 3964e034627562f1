import { type NextRequest, NextResponse } from 'next/server';
import { getEnv } from '@/lib/env';
import { readSessionToken } from '@/lib/session/session';

/** The API refuses larger files with its own message; this stops them before they are forwarded. */
const MAX_BYTES = 5 * 1024 * 1024;

/**
 * Forwards a campaign's CSV audience to `POST /campaigns/audience.csv` with the session cookie's token and
 * answers the API's result: the recipients' contact ids and the lines it refused, with why.
 */
export async function POST(request: NextRequest) {
  const token = await readSessionToken();
  if (!token) return NextResponse.json({ message: 'Your session ended. Log in again to upload.' }, { status: 401 });
  const length = Number(request.headers.get('content-length') ?? '0');
  if (length > MAX_BYTES) {
    return NextResponse.json(
      { message: 'The file is larger than 5 MB. Split it into smaller campaigns.' },
      { status: 413 },
    );
  }
  const csv = await request.text();
  const headers = new Headers({
    authorization: `Bearer ${token}`,
    'content-type': 'text/csv; charset=utf-8',
    accept: 'application/json',
  });
  for (const name of ['x-forwarded-for', 'x-real-ip', 'user-agent', 'x-request-id']) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  let upstream: Response;
  try {
    upstream = await fetch(`${getEnv().API_INTERNAL_URL.replace(/\/+$/, '')}/campaigns/audience.csv`, {
      method: 'POST',
      headers,
      body: csv,
      cache: 'no-store',
      signal: request.signal,
    });
  } catch {
    return NextResponse.json(
      { message: 'The upload could not reach the server. Try again in a minute.' },
      { status: 503 },
    );
  }
  return new Response(await upstream.text(), {
    status: upstream.status,
    headers: { 'content-type': upstream.headers.get('content-type') ?? 'application/json' },
  });
}
