/** Twelve hours, the API's longest token lifetime; the cookie never outlives the token it holds. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export interface SessionCookieOptions {
  httpOnly: true;
  sameSite: 'lax';
  secure: boolean;
  path: '/';
}

/**
 * HttpOnly keeps the token away from scripts; Lax still sends it when a person follows a link into the site;
 * Secure only over https, or browsers would drop the cookie in local http development. Never a `Domain`: a
 * host-only cookie is not sent to sibling hosts (docs/adr/0166-csrf-by-origin.md).
 */
export function sessionCookieOptions(siteUrl: string): SessionCookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: new URL(siteUrl).protocol === 'https:', path: '/' };
}

/** Seconds until the token's own `exp`, capped at the session maximum; the token is not verified here. */
export function sessionMaxAge(token: string, nowMs: number = Date.now()): number {
  const payload = token.split('.')[1];
  if (!payload) return SESSION_MAX_AGE_SECONDS;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    if (typeof claims.exp !== 'number') return SESSION_MAX_AGE_SECONDS;
    const remaining = Math.floor(claims.exp - nowMs / 1000);
    return Math.max(0, Math.min(remaining, SESSION_MAX_AGE_SECONDS));
  } catch {
    return SESSION_MAX_AGE_SECONDS;
  }
}
