import 'server-only';
import { type NextRequest, NextResponse } from 'next/server';
import { AUTH_COOKIE_NAME } from '@aerostic/shared';
import { sessionCookieOptions, sessionMaxAge } from '@aerostic/shared/web';
import { getEnv } from '@/lib/env';

/**
 * Relays the browser's visit to the API's Microsoft route and relays its redirect back. The callback comes to the
 * dashboard's own host so that the `auth_token` cookie the API answers is set where the dashboard reads it.
 */
export async function relayMicrosoftSignIn(request: NextRequest, apiPath: string): Promise<NextResponse> {
  const env = getEnv();
  const headers = new Headers();
  for (const name of ['x-forwarded-for', 'x-real-ip', 'user-agent', 'x-request-id']) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  const failed = new URL('/login?microsoft_error=failed', env.APP_URL);
  let upstream: Response;
  try {
    upstream = await fetch(`${env.API_INTERNAL_URL.replace(/\/+$/, '')}${apiPath}${request.nextUrl.search}`, {
      headers,
      redirect: 'manual',
      cache: 'no-store',
    });
  } catch {
    return NextResponse.redirect(failed);
  }
  const response = NextResponse.redirect(upstream.headers.get('location') ?? failed);
  const token = upstream.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.startsWith(`${AUTH_COOKIE_NAME}=`))
    ?.slice(AUTH_COOKIE_NAME.length + 1);
  if (token) {
    response.cookies.set(AUTH_COOKIE_NAME, token, {
      ...sessionCookieOptions(env.APP_URL, env.COOKIE_DOMAIN),
      maxAge: sessionMaxAge(token),
    });
  }
  return response;
}
