import { type NextRequest, NextResponse } from 'next/server';
import { AUTH_COOKIE_NAME, type AppFrontendEnv, appFrontendEnvSchema, parseEnv } from '@aerostic/shared';
import { type ContentSecurityPolicySources, pageSecurityHeaders } from '@aerostic/shared/web';

let sources: ContentSecurityPolicySources | undefined;

/** The policy's origins from the environment, read once (lib/env.ts is `server-only`, which middleware cannot load). */
export function policySources(env: AppFrontendEnv): ContentSecurityPolicySources {
  const meta = env.META_SANDBOX_URL
    ? [env.META_SANDBOX_URL]
    : ['https://connect.facebook.net', 'https://www.facebook.com'];
  return {
    connect: [env.APP_URL, env.API_URL, ...meta, ...(env.META_SANDBOX_URL ? [] : ['https://graph.facebook.com'])],
    frame: meta,
    development: env.NODE_ENV === 'development',
  };
}

/**
 * Gives every page a fresh CSP nonce (docs/adr/0167), and only checks that a session cookie is present: the token is
 * verified by the API, which the dashboard asks on every render (and which sends a stale cookie to /api/session/clear).
 */
export function middleware(request: NextRequest): NextResponse {
  sources ??= policySources(parseEnv(appFrontendEnvSchema));
  const headers = pageSecurityHeaders(request.headers, sources);
  const response = route(request) ?? NextResponse.next({ request: { headers: headers.request } });
  for (const [name, value] of Object.entries(headers.response)) response.headers.set(name, value);
  return response;
}

function route(request: NextRequest): NextResponse | null {
  const hasSession = Boolean(request.cookies.get(AUTH_COOKIE_NAME)?.value);
  const { pathname, search } = request.nextUrl;

  if (!hasSession && (pathname === '/dashboard' || pathname.startsWith('/dashboard/'))) {
    const login = request.nextUrl.clone();
    login.pathname = '/login';
    login.search = '';
    login.searchParams.set('next', `${pathname}${search}`);
    return NextResponse.redirect(login);
  }

  if (hasSession && (pathname === '/login' || pathname === '/register')) {
    const dashboard = request.nextUrl.clone();
    dashboard.pathname = '/dashboard';
    dashboard.search = '';
    return NextResponse.redirect(dashboard);
  }
  return null;
}

export const config = {
  // Every page; not the route handlers (JSON and media) nor Next's static files, which next.config.ts covers.
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico).*)'],
  // @aerostic/shared also holds node:crypto helpers, which the edge runtime cannot load.
  runtime: 'nodejs',
};
