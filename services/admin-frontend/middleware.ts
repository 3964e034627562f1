import { type NextRequest, NextResponse } from 'next/server';
import { ADMIN_COOKIE_NAME } from '@aerostic/shared';
import { sessionCookieOptions } from '@aerostic/shared/web';
import { getEnv } from './lib/env';
import { checkSession } from './lib/session/session-check';
import { decideRoute } from './lib/session/session-gate';

/**
 * Verifies the admin session with the API before any protected page renders (decideRoute says where each
 * request may go), and hands `/admin/queues` to the API's queue dashboard. The queue dashboard is proxied here
 * rather than by a `rewrites()` entry in next.config.ts: those are fixed at build time, and API_INTERNAL_URL is
 * only known when the server starts (docker compose sets it).
 */
export async function middleware(request: NextRequest): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  const check = await checkSession(request.cookies.get(ADMIN_COOKIE_NAME)?.value, request.headers);
  const decision = decideRoute(pathname, search, check);

  if (decision.kind === 'proxy-to-api') {
    return NextResponse.rewrite(new URL(`${pathname}${search}`, getEnv().API_INTERNAL_URL));
  }
  let response: NextResponse;
  if (decision.kind === 'redirect') {
    // A clone of the request's URL keeps the host and port the browser used in front of the proxy.
    const target = request.nextUrl.clone();
    const location = new URL(decision.location, target);
    target.pathname = location.pathname;
    target.search = location.search;
    response = NextResponse.redirect(target);
  } else {
    response = NextResponse.next();
  }
  if (decision.clearCookie) {
    response.cookies.set(ADMIN_COOKIE_NAME, '', { ...sessionCookieOptions(getEnv().ADMIN_URL), maxAge: 0 });
  }
  return response;
}

export const config = {
  matcher: ['/login', '/enrol', '/dashboard', '/dashboard/:path*', '/admin/queues', '/admin/queues/:path*'],
  // The session check calls the API with the shared helpers, which the edge runtime cannot load.
  runtime: 'nodejs',
};
