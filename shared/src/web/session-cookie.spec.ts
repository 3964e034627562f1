import { SESSION_MAX_AGE_SECONDS, sessionCookieOptions, sessionMaxAge } from './session-cookie';

const tokenWithExp = (exp: unknown) =>
  ['header', Buffer.from(JSON.stringify({ exp })).toString('base64url'), 'signature'].join('.');

describe(sessionCookieOptions.name, () => {
  it('should make the cookie HttpOnly and Lax but not Secure when the app is served over http', () => {
    expect(sessionCookieOptions('http://app.localhost')).toEqual({
      httpOnly: true,
      sameSite: 'lax',
      secure: false,
      path: '/',
    });
  });

  it('should make the cookie Secure and host-only when the app is served over https', () => {
    const options = sessionCookieOptions('https://app.aerostic.com');
    expect(options.secure).toBe(true);
    expect(options).not.toHaveProperty('domain');
  });
});

describe(sessionMaxAge.name, () => {
  const now = Date.UTC(2025, 0, 1);

  it('should end the cookie when the token expires when the token carries an exp claim', () => {
    expect(sessionMaxAge(tokenWithExp(now / 1000 + 600), now)).toBe(600);
  });

  it('should cap the lifetime at the session maximum when the token lives longer', () => {
    expect(sessionMaxAge(tokenWithExp(now / 1000 + 10 * 86_400), now)).toBe(SESSION_MAX_AGE_SECONDS);
  });

  it('should use the session maximum when the token cannot be read', () => {
    expect(sessionMaxAge('not-a-jwt', now)).toBe(SESSION_MAX_AGE_SECONDS);
    expect(sessionMaxAge(tokenWithExp('soon'), now)).toBe(SESSION_MAX_AGE_SECONDS);
  });
});
