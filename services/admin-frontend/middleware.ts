import { type NextRequest, NextResponse } from 'next/server';
import { ADMIN_COOKIE_NAME } from './lib/admin-session';

/** Keeps the dashboard behind an admin session cookie; verifying it will be the API's job. */
export function middleware(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  if (!request.cookies.get(ADMIN_COOKIE_NAME)?.value) {
    const login = request.nextUrl.clone();
    login.pathname = '/login';
    login.search = '';
    login.searchParams.set('next', `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  return NextResponse.next();
}

export const config = { matcher: ['/dashboard', '/dashboard/:path*'] };
