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
