import 'server-only';
import { type NextRequest, NextResponse } from 'next/server';
import { getEnv } from '@/lib/env';
import { readSessionToken } from '@/lib/session/session';

/**
 * Forwards a browser's upload (`multipart/form-data`) to an API route with the session cookie's token. The body
 * is streamed through, never buffered here, and the API checks every limit; its answer is passed back as it is.
 */
export async function forwardUpload(request: NextRequest, apiPath: string): Promise<Response> {
  const token = await readSessionToken();
  if (!token)
    return NextResponse.json({ message: 'Your session ended. Log in again to upload files.' }, { status: 401 });
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.startsWith('multipart/form-data') || !request.body) {
    return NextResponse.json({ message: 'Choose a file to upload.' }, { status: 400 });
  }
  const headers = new Headers({
    authorization: `Bearer ${token}`,
    'content-type': contentType,
    accept: 'application/json',
  });
  const length = request.headers.get('content-length');
  if (length) headers.set('content-length', length);
  for (const name of ['x-forwarded-for', 'x-real-ip', 'user-agent', 'x-request-id']) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  let upstream: Response;
  try {
    upstream = await fetch(`${getEnv().API_INTERNAL_URL.replace(/\/+$/, '')}${apiPath}`, {
      method: 'POST',
      headers,
      body: request.body,
      // Node's fetch needs this to send a stream as the body.
      duplex: 'half',
      cache: 'no-store',
    } as RequestInit & { duplex: 'half' });
  } catch {
    return NextResponse.json({ message: 'The upload could not reach the server. Try again.' }, { status: 503 });
  }
  return new Response(upstream.body, {
    status: upstream.status,
    headers: { 'content-type': upstream.headers.get('content-type') ?? 'application/json' },
  });
}

/** What a CSV upload's refusals say, in the words of the page that sends it. */
export interface CsvUploadWording {
  noSession: string;
  tooLarge: string;
  unreachable: string;
}

/** The API refuses larger files with its own message; this stops them before they are forwarded. */
const CSV_MAX_BYTES = 5 * 1024 * 1024;

/**
 * Forwards a CSV file (`text/csv` body) to an API route with the session cookie's token and answers the API's
 * result. A route handler rather than a server action, so the browser can show the upload's progress.
 */
export async function forwardCsv(request: NextRequest, apiPath: string, words: CsvUploadWording): Promise<Response> {
  const token = await readSessionToken();
  if (!token) return NextResponse.json({ message: words.noSession }, { status: 401 });
  if (Number(request.headers.get('content-length') ?? '0') > CSV_MAX_BYTES) {
    return NextResponse.json({ message: words.tooLarge }, { status: 413 });
  }
  const csv = await request.text();
  const headers = new Headers({
    authorization: `Bearer ${token}`,
    'content-type': 'text/csv; charset=utf-8',
    accept: 'application/json',
  });
  // The API records the upload in the audit log with the person's address, not this server's.
  for (const name of ['x-forwarded-for', 'x-real-ip', 'user-agent', 'x-request-id']) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  let upstream: Response;
  try {
    upstream = await fetch(`${getEnv().API_INTERNAL_URL.replace(/\/+$/, '')}${apiPath}`, {
      method: 'POST',
      headers,
      body: csv,
      cache: 'no-store',
      signal: request.signal,
    });
  } catch {
    return NextResponse.json({ message: words.unreachable }, { status: 503 });
  }
  return new Response(await upstream.text(), {
    status: upstream.status,
    headers: { 'content-type': upstream.headers.get('content-type') ?? 'application/json' },
  });
}
