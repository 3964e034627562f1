import { contentSecurityPolicy, createNonce, pageSecurityHeaders } from './security-headers';

describe(contentSecurityPolicy.name, () => {
  it('should allow scripts only by the nonce and refuse framing when the policy is built', () => {
    const policy = contentSecurityPolicy('abc123', { connect: ['https://api.aerostic.com/'] });
    expect(policy).toContain("script-src 'nonce-abc123' 'strict-dynamic'");
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain("connect-src 'self' https://api.aerostic.com wss://api.aerostic.com");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("frame-src 'none'");
    expect(policy).toContain("img-src 'self' data: blob:");
  });

  it('should allow eval only in development and the framed origins given', () => {
    const policy = contentSecurityPolicy('n', { development: true, frame: ['http://localhost:4300/x'] });
    expect(policy).toContain("script-src 'nonce-n' 'strict-dynamic' 'unsafe-eval'");
    expect(policy).toContain('frame-src http://localhost:4300');
  });
});

describe(pageSecurityHeaders.name, () => {
  it('should hand Next the nonce on the request and send the same policy on the response', () => {
    const { nonce, request, response } = pageSecurityHeaders(new Headers({ cookie: 'a=b' }), {});
    expect(request.get('x-nonce')).toBe(nonce);
    expect(request.get('cookie')).toBe('a=b');
    expect(request.get('content-security-policy')).toBe(response['Content-Security-Policy']);
    expect(response).toMatchObject({
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  it('should make a different nonce for every request', () => {
    expect(createNonce()).not.toBe(createNonce());
    expect(Buffer.from(createNonce(), 'base64')).toHaveLength(16);
  });
});
