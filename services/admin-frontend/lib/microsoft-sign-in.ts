import 'server-only';
import { type NextRequest, NextResponse } from 'next/server';
import { ADMIN_COOKIE_NAME } from '@aerostic/shared';
import { relayMicrosoftSignIn } from '@aerostic/shared/web';
import { getEnv } from '@/lib/env';

/** Relays a Microsoft sign-in step to the API and keeps the `admin_token` it answers on the panel's own host. */
export async function relayToApi(request: NextRequest, apiPath: string): Promise<NextResponse> {
  const env = getEnv();
  const { location, cookie } = await relayMicrosoftSignIn({
    apiUrl: env.API_INTERNAL_URL,
    apiPath,
    search: request.nextUrl.search,
    requestHeaders: request.headers,
    cookieName: ADMIN_COOKIE_NAME,
    siteUrl: env.ADMIN_URL,
  });
  const response = NextResponse.redirect(location);
  if (cookie) response.cookies.set(cookie.name, cookie.value, cookie.options);
  return response;
}
