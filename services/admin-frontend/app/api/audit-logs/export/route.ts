import type { NextRequest } from 'next/server';
import { proxyCsvDownload } from '@aerostic/shared/web';
import { getEnv } from '@/lib/env';
import { AUDIT_FILTER_NAMES, auditQuery } from '@/lib/list-queries';
import { pick } from '@/lib/search-params';
import { readSessionToken } from '@/lib/session/session';

export const dynamic = 'force-dynamic';

/**
 * Streams `GET /admin/audit-logs/export` as a download of the panel's own origin, with the session cookie's token
 * (HttpOnly, so the browser could not send it to the API itself). The page's filters are passed on.
 */
export async function GET(request: NextRequest) {
  const token = await readSessionToken();
  if (!token) return Response.json({ message: 'Sign in to the admin panel to export the audit log.' }, { status: 401 });

  const filters = pick(Object.fromEntries(request.nextUrl.searchParams), AUDIT_FILTER_NAMES);
  const { cursor: _everyPage, ...wanted } = filters;
  return proxyCsvDownload({
    url: `${getEnv().API_INTERNAL_URL.replace(/\/+$/, '')}/admin/audit-logs/export${auditQuery(wanted)}`,
    bearer: token,
    filename: 'audit-log',
    signal: request.signal,
    unreachableMessage: 'The export could not be started: the API did not answer. Try again in a minute.',
  });
}
