import { type NextRequest, NextResponse } from 'next/server';
import { getEnv } from '@/lib/env';
import { readSessionToken } from '@/lib/session/session';

/** The API refuses larger files with its own message; this stops them before they are forwarded. */
const MAX_BYTES = 5 * 1024 * 1024;

/**
 * Forwards a CSV file to `POST /contacts/import` (admins) with the session cookie's token and answers the
 * API's report. A route handler rather than a server action, so the browser can show the upload's progress.
 */
export async function POST(request: NextRequest) {
  const token = await readSessionToken();
  if (!token) return NextResponse.json({ message: 'Log in to import contacts.' }, { status: 401 });
  const length = Number(request.headers.get('content-length') ?? '0');
  if (length > MAX_BYTES) {
    return NextResponse.json(
      { message: 'The file is larger than 5 MB. Split it into smaller files and import them one by one.' },
      { status: 413 },
    );
  }

  const csv = await request.text();
  const headers = new Headers({
    authorization: `Bearer ${token}`,
    'content-type': 'text/csv; charset=utf-8',
    accept: 'application/json',
  });
  // The API records the import in the audit log with the person's address, not this server's.
  for (const name of ['x-forwarded-for', 'x-real-ip', 'user-agent', 'x-request-id']) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  let upstream: Response;
  try {
    upstream = await fetch(`${getEnv().API_INTERNAL_URL.replace(/\/+$/, '')}/contacts/import`, {
      method: 'POST',
      headers,
      body: csv,
      cache: 'no-store',
      signal: request.signal,
    });
  } catch {
    return NextResponse.json(
      { message: 'The import could not reach the server. Try again in a minute.' },
      { status: 503 },
    );
  }
  return new Response(await upstream.text(), {
    status: upstream.status,
    headers: { 'content-type': upstream.headers.get('content-type') ?? 'application/json' },
  });
}
