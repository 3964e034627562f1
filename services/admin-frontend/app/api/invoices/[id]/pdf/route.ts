import { getEnv } from '@/lib/env';
import { readSessionToken } from '@/lib/session/session';

export const dynamic = 'force-dynamic';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Streams `GET /admin/invoices/:id/pdf` as a download of the panel's own origin, with the session cookie's token
 * (HttpOnly, so the browser could not send it to the API itself). The API's errors pass through unchanged.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const token = await readSessionToken();
  if (!token) return Response.json({ message: 'Sign in to the admin panel to download invoices.' }, { status: 401 });
  const { id } = await params;
  if (!ID.test(id)) return Response.json({ message: 'Invoice not found' }, { status: 404 });

  let upstream: Response;
  try {
    upstream = await fetch(`${getEnv().API_INTERNAL_URL.replace(/\/+$/, '')}/admin/invoices/${id}/pdf`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/pdf' },
      cache: 'no-store',
      signal: request.signal,
    });
  } catch {
    return Response.json({ message: 'The invoice could not be fetched: the API did not answer.' }, { status: 503 });
  }
  const headers: Record<string, string> = {
    'content-type': upstream.headers.get('content-type') ?? 'application/json',
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  };
  const disposition = upstream.headers.get('content-disposition');
  if (upstream.ok && disposition) headers['content-disposition'] = disposition;
  return new Response(upstream.body, { status: upstream.status, headers });
}
