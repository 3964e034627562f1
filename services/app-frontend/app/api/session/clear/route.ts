import { NextResponse } from 'next/server';
import { AUTH_COOKIE_NAME } from '@aerostic/shared';
import { getEnv } from '@/lib/env';
import { sessionCookieOptions } from '@aerostic/shared/web';

export const dynamic = 'force-dynamic';

/**
 * Pages land here when the API no longer accepts the cookie's token (expired, revoked, user deactivated):
 * Server Components cannot change cookies, a route handler can. Redirecting to /login with the cookie still
 * set would bounce straight back to /dashboard.
 */
export function GET(): Response {
  const env = getEnv();
  // A relative Location keeps whatever host and port the browser used in front of the proxy.
  const response = new NextResponse(null, { status: 303, headers: { location: '/login?reason=session-ended' } });
  response.cookies.set(AUTH_COOKIE_NAME, '', { ...sessionCookieOptions(env.APP_URL), maxAge: 0 });
  return response;
}
