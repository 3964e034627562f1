import { type AdminMeResponse } from '@aerostic/shared';
import { callApi, forwardedClientHeaders } from '@aerostic/shared/web';
import { getEnv } from '@/lib/env';
import type { SessionCheck } from './session-gate';

/** The middleware waits on this before every page: a stalled API should fail fast, and the page say why. */
const CHECK_TIMEOUT_MS = 5_000;

/**
 * Asks the API whether the cookie's token is a live admin session, as a page render would (`GET /admin/auth/me`):
 * a signature alone would not notice a sign-out, a deactivation or a replaced session.
 */
export async function checkSession(token: string | undefined, incoming: Headers): Promise<SessionCheck> {
  if (!token) return { state: 'none' };
  const result = await callApi<AdminMeResponse>(getEnv().API_INTERNAL_URL, '/admin/auth/me', {
    bearer: token,
    headers: forwardedClientHeaders(incoming),
    timeoutMs: CHECK_TIMEOUT_MS,
  });
  if (result.ok) {
    return {
      state: 'valid',
      enrolmentRequired: result.data.totpEnrolmentRequired,
      totpEnabled: result.data.admin.totpEnabled,
    };
  }
  // 403 on `me` is a deactivated admin: `me` stays open to an admin who must still enrol.
  return result.status === 401 || result.status === 403 ? { state: 'refused' } : { state: 'unavailable' };
}
