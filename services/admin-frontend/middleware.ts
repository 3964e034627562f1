import { type NextRequest, NextResponse } from 'next/server';
import { ADMIN_COOKIE_NAME, type AdminFrontendEnv } from '@aerostic/shared';
import { type ContentSecurityPolicySources, pageSecurityHeaders, sessionCookieOptions } from '@aerostic/shared/web';
import { getEnv } from './lib/env';
import { checkSession } from './lib/session/session-check';
import { decideRoute } from './lib/session/session-gate';

/** The paths whose session is checked here; every other page only gets its security headers. */
const GATED = /^\/(login|enrol|dashboard|admin\/queues)(\/|$)/;

/** The panel's pages reach only their own origin and the API (docs/adr/0167). */
export function policySources(env: AdminFrontendEnv): ContentSecurityPolicySources {
  return { connect: [env.ADMIN_URL, env.API_URL], development: env.NODE_ENV === 'development' };
}

/**
 * Verifies the admin session with the API before any protected page renders (decideRoute says where each
 * request may go), hands `/admin/queues` to the API's queue dashboard, and gives every page a fresh CSP nonce.
 * The queue dashboard is proxied here rather than by a `rewrites()` entry in next.config.ts: those are fixed at
 * build time, and API_INTERNAL_URL is only known when the server starts (docker compose sets it).
 */
export async function middleware(request: NextRequest): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  const headers = pageSecurityHeaders(request.headers, policySources(getEnv()));
  const page = () => NextResponse.next({ request: { headers: headers.request } });
  if (!GATED.test(pathname)) return withHeaders(page(), headers.response);

  const check = await checkSession(request.cookies.get(ADMIN_COOKIE_NAME)?.value, request.headers);
  const decision = decideRoute(pathname, search, check);
  // The queue dashboard sets its own policy for its own scripts.
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
    response = page();
  }
  if (decision.clearCookie) {
    response.cookies.set(ADMIN_COOKIE_NAME, '', { ...sessionCookieOptions(getEnv().ADMIN_URL), maxAge: 0 });
  }
  return withHeaders(response, headers.response);
}

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Every page; not the route handlers nor Next's static files, which next.config.ts covers.
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico).*)'],
  // The session check calls the API with the shared helpers, which the edge runtime cannot load.
  runtime: 'nodejs',
};
