import { safeNextPath } from '@aerostic/shared/web';

/** What the API said about the cookie's session (`GET /admin/auth/me`). */
export type SessionCheck =
  | { state: 'none' }
  | { state: 'refused' }
  | { state: 'unavailable' }
  | { state: 'valid'; enrolmentRequired: boolean; totpEnabled: boolean };

export type GateDecision =
  | { kind: 'continue'; clearCookie: boolean }
  /** `/admin/queues`: handed to the API's queue dashboard with the request's own cookie. */
  | { kind: 'proxy-to-api' }
  | { kind: 'redirect'; location: string; clearCookie: boolean };

/** Pages reached before signing in; a signed-in admin never needs them. */
export const SIGN_IN_PAGES = ['/login', '/enrol', '/accept-invitation'] as const;

const QUEUES_PATH = '/admin/queues';

function under(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

function signIn(pathname: string, search: string, clearCookie: boolean): GateDecision {
  const next = new URLSearchParams({ next: `${pathname}${search}` });
  return { kind: 'redirect', location: `/login?${next}`, clearCookie };
}

/**
 * Where a request may go, given its session: pure, so every branch is tested, while the middleware does the HTTP.
 * When the API cannot be reached the request continues and the page explains the outage.
 */
export function decideRoute(pathname: string, search: string, check: SessionCheck): GateDecision {
  const refused = check.state === 'refused';
  if (pathname === '/login') {
    if (check.state !== 'valid') return { kind: 'continue', clearCookie: refused };
    if (check.enrolmentRequired) return { kind: 'redirect', location: '/enrol', clearCookie: false };
    const next = new URLSearchParams(search).get('next');
    return { kind: 'redirect', location: safeNextPath(next, { avoid: SIGN_IN_PAGES }), clearCookie: false };
  }

  if (check.state === 'none' || refused) return signIn(pathname, search, refused);
  if (check.state === 'unavailable') return { kind: 'continue', clearCookie: false };

  if (pathname === '/enrol') {
    return check.totpEnabled
      ? { kind: 'redirect', location: '/dashboard', clearCookie: false }
      : { kind: 'continue', clearCookie: false };
  }
  if (check.enrolmentRequired) return { kind: 'redirect', location: '/enrol', clearCookie: false };
  if (under(pathname, QUEUES_PATH)) return { kind: 'proxy-to-api' };
  return { kind: 'continue', clearCookie: false };
}
