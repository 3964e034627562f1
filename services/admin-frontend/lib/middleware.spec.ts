import { NextRequest } from 'next/server';
import { middleware } from '../middleware';

describe(middleware.name, () => {
  it('should send a CSP with a nonce, nosniff and the referrer policy when an ungated page is requested', async () => {
    const res = await middleware(new NextRequest('http://admin.localhost/accept-invitation?token=x'));
    const policy = res.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeDefined();
    expect(policy).toContain("'strict-dynamic'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-middleware-request-x-nonce')).toBe(nonce);
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('should keep the headers on the redirect to sign-in when the dashboard is opened without a session', async () => {
    const res = await middleware(new NextRequest('http://admin.localhost/dashboard'));
    expect(res.headers.get('location')).toMatch(/\/login\?next=%2Fdashboard$/);
    expect(res.headers.get('content-security-policy')).toContain("'strict-dynamic'");
  });
});
