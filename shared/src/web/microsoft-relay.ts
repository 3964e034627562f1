/** Where the browser goes next after a Microsoft sign-in step, and the session token the API answered, if any. */
export interface MicrosoftRelayResult {
  location: string;
  token?: string;
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
  failedLocation: string;
}): Promise<MicrosoftRelayResult> {
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
    return { location: options.failedLocation };
  }
  const prefix = `${options.cookieName}=`;
  const token = upstream.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.startsWith(prefix))
    ?.slice(prefix.length);
  return { location: upstream.headers.get('location') ?? options.failedLocation, ...(token && { token }) };
}
