import { type NextRequest, NextResponse } from 'next/server';
import { AUTH_COOKIE_NAME } from '@aerostic/shared';

/**
 * Only checks that a session cookie is present: the token is verified by the API, which the dashboard
 * asks on every render (and which sends a stale cookie to /api/session/clear).
 */
export function middleware(request: NextRequest): NextResponse {
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

  return NextResponse.next();
}

export const config = {
  matcher: ['/dashboard', '/dashboard/:path*', '/login', '/register'],
  // @aerostic/shared also holds node:crypto helpers, which the edge runtime cannot load.
  runtime: 'nodejs',
};
