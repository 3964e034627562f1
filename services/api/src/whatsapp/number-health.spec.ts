import { type DebugTokenData } from './graph-client';
import { classifyCheckFailure, EXPIRING_WITHIN_MS, judgeToken, numberProblem } from './number-health';
import { GraphApiError, WhatsAppNotConfiguredError } from './whatsapp.errors';

const NOW = new Date('2026-12-18T10:00:00Z');
const WABA = '102290129340398';
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

function debug(overrides: Partial<DebugTokenData> = {}): DebugTokenData {
  return {
    is_valid: true,
    expires_at: 0,
    data_access_expires_at: 0,
    granular_scopes: [
      { scope: 'whatsapp_business_management', target_ids: [WABA] },
      { scope: 'whatsapp_business_messaging', target_ids: [WABA] },
    ],
    ...overrides,
  };
}

describe(judgeToken.name, () => {
  it('should call a token that never expires valid, with no expiry', () => {
    expect(judgeToken(debug(), WABA, NOW)).toEqual({ status: 'valid', expiresAt: null, problem: null });
  });

  it('should call a token valid when it expires more than 7 days out', () => {
    const expiresAt = new Date(NOW.getTime() + EXPIRING_WITHIN_MS + 60_000);

    const verdict = judgeToken(debug({ expires_at: seconds(expiresAt) }), WABA, NOW);

    expect(verdict).toEqual({ status: 'valid', expiresAt, problem: null });
  });

  it('should call a token expiring within 7 days expiring, saying when', () => {
    const expiresAt = new Date(NOW.getTime() + EXPIRING_WITHIN_MS - 60_000);

    const verdict = judgeToken(debug({ expires_at: seconds(expiresAt) }), WABA, NOW);

    expect(verdict.status).toBe('expiring');
    expect(verdict.expiresAt).toEqual(expiresAt);
    expect(verdict.problem).toContain(expiresAt.toISOString());
  });

  it('should take the data access expiry when it comes first', () => {
    const dataAccess = new Date(NOW.getTime() + 24 * 3600_000);

    const verdict = judgeToken(
      debug({ expires_at: seconds(NOW) + 30 * 24 * 3600, data_access_expires_at: seconds(dataAccess) }),
      WABA,
      NOW,
    );

    expect(verdict).toMatchObject({ status: 'expiring', expiresAt: dataAccess });
  });

  it('should call a token invalid with Meta’s reason when debug_token says it is not valid', () => {
    const verdict = judgeToken(
      debug({ is_valid: false, error: { code: 190, subcode: 463, message: 'Session has expired' } }),
      WABA,
      NOW,
    );

    expect(verdict).toMatchObject({ status: 'invalid', problem: expect.stringContaining('Session has expired') });
  });

  it('should call a token invalid when it is no longer granted the number’s WABA', () => {
    const verdict = judgeToken(
      debug({ granular_scopes: [{ scope: 'business_management', target_ids: [WABA] }] }),
      WABA,
      NOW,
    );

    expect(verdict).toMatchObject({ status: 'invalid', problem: expect.stringContaining(WABA) });
  });
});

describe(classifyCheckFailure.name, () => {
  it('should call a network error or a timeout unreachable, not a refused token', () => {
    expect(classifyCheckFailure(new GraphApiError(0, 'Network error', 'fetch failed', 0))).toBe('unreachable');
  });

  it('should call a 5xx and a transient code unreachable', () => {
    expect(classifyCheckFailure(new GraphApiError(502, 'Bad Gateway', null, 502))).toBe('unreachable');
    expect(classifyCheckFailure(new GraphApiError(1, 'An unknown error occurred', null, 500))).toBe('unreachable');
    expect(classifyCheckFailure(new GraphApiError(4, 'Application request limit reached', null, 400))).toBe(
      'unreachable',
    );
  });

  it('should call 190 and permission errors a refused token', () => {
    expect(classifyCheckFailure(new GraphApiError(190, 'Invalid OAuth access token', null, 401))).toBe('token-refused');
    expect(classifyCheckFailure(new GraphApiError(200, 'Permission error', null, 403))).toBe('token-refused');
    expect(classifyCheckFailure(new GraphApiError(10, 'Permission denied', null, 403))).toBe('token-refused');
  });

  it('should call anything else of Meta’s, and a missing app configuration, another failure', () => {
    expect(classifyCheckFailure(new GraphApiError(100, 'Unsupported get request', null, 400))).toBe('other');
    expect(classifyCheckFailure(new WhatsAppNotConfiguredError())).toBe('other');
  });

  it('should rethrow an error that is not Meta’s', () => {
    expect(() => classifyCheckFailure(new TypeError('bug'))).toThrow(TypeError);
  });
});

describe(numberProblem.name, () => {
  it('should flag a number Meta does not report as connected', () => {
    const facts = { verifiedName: null, qualityRating: 'GREEN', messagingLimitTier: null, throughputLevel: null };

    expect(numberProblem({ ...facts, status: 'FLAGGED' })).toBe('Meta reports the number as FLAGGED');
    expect(numberProblem({ ...facts, status: 'CONNECTED' })).toBeNull();
    expect(numberProblem({ ...facts, status: null })).toBeNull();
  });
});
