import { ADMIN_COOKIE_NAME, AUTH_COOKIE_NAME } from '@aerostic/shared';
import { type Request } from 'express';
import { DomainError } from '../common/http/domain-error';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SESSION_COOKIES = [AUTH_COOKIE_NAME, ADMIN_COOKIE_NAME] as const;

export class CrossSiteRequestError extends DomainError {
  readonly kind = 'forbidden';

  constructor() {
    super(
      'Cross-site request refused: a change made with the session cookie must come from the Aerostic dashboard or ' +
        'admin panel (its Origin header names neither)',
    );
  }
}

/** The dashboard's and the admin panel's origins, as browsers send them in `Origin`. */
export function trustedOrigins(urls: readonly string[]): ReadonlySet<string> {
  return new Set(urls.map((url) => new URL(url).origin));
}

/**
 * Throws CrossSiteRequestError for a change (POST, PUT, PATCH, DELETE) authenticated by a session cookie that a
 * trusted page did not send: its `Origin` must be trusted, or without `Origin` its `Sec-Fetch-Site` same-origin or
 * same-site. A request with an `Authorization` header is not authenticated by the cookie, so it passes.
 */
export function assertSameSiteChange(req: Request, origins: ReadonlySet<string>): void {
  if (SAFE_METHODS.has(req.method) || req.get('authorization')) return;
  const cookies = req.cookies as Record<string, string | undefined> | undefined;
  if (!SESSION_COOKIES.some((name) => cookies?.[name])) return;
  const origin = req.get('origin');
  if (origin !== undefined) {
    if (origins.has(origin)) return;
    throw new CrossSiteRequestError();
  }
  const site = req.get('sec-fetch-site');
  if (site === 'same-origin' || site === 'same-site') return;
  throw new CrossSiteRequestError();
}
