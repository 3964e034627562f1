import { type SessionCookieOptions, sessionCookieOptions, sessionMaxAge } from './session-cookie';

/** Where the browser goes next after a Microsoft sign-in step, and the session cookie to set there, if any. */
export interface MicrosoftRelayResult {
  location: string;
  cookie?: { name: string; value: string; options: SessionCookieOptions & { maxAge: number } };
}

const FORWARDED_HEADERS = ['x-forwarded-for', 'x-real-ip', 'user-agent', 'x-request-id'];

/**
 * Calls the API's Microsoft route (start or callback) for a frontend's route handler and reads its redirect. The
 * callback comes to the frontend's own host so that the handler sets the session cookie where the frontend reads it.
 */
export async function relayMicrosoftSignIn(options: {
  apiUrl: string;
  apiPath: string;
  search: string;
  requestHeaders: Headers;
  cookieName: string;
  /** The frontend's own URL: the cookie is for its host, and a failure lands on its login page. */
  siteUrl: string;
}): Promise<MicrosoftRelayResult> {
  const failedLocation = new URL('/login?microsoft_error=failed', options.siteUrl).toString();
  const headers = new Headers();
  for (const name of FORWARDED_HEADERS) {
    const value = options.requestHeaders.get(name);
    if (value) headers.set(name, value);
  }
  let upstream: Response;
  try {
    upstream = await fetch(`${options.apiUrl.replace(/\/+$/, '')}${options.apiPath}${options.search}`, {
      headers,
      redirect: 'manual',
    });
  } catch {
    return { location: failedLocation };
  }
  const prefix = `${options.cookieName}=`;
  const token = upstream.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.startsWith(prefix))
    ?.slice(prefix.length);
  const location = upstream.headers.get('location') ?? failedLocation;
  if (!token) return { location };
  const cookieOptions = { ...sessionCookieOptions(options.siteUrl), maxAge: sessionMaxAge(token) };
  return { location, cookie: { name: options.cookieName, value: token, options: cookieOptions } };
}
