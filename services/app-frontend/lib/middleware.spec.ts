import { NextRequest } from 'next/server';
import { middleware, policySources } from '../middleware';

const page = (path: string, cookie?: string) =>
  new NextRequest(`http://app.localhost${path}`, { headers: cookie ? { cookie } : {} });

function nonceOf(policy: string | null): string {
  return /'nonce-([^']+)'/.exec(policy ?? '')?.[1] ?? '';
}

describe(middleware.name, () => {
  it('should send a CSP with a fresh nonce and hand the same nonce to the page when a page is requested', () => {
    const first = middleware(page('/'));
    const second = middleware(page('/'));
    const policy = first.headers.get('content-security-policy');
    expect(policy).toMatch(/script-src 'nonce-[^']+' 'strict-dynamic'/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(nonceOf(policy)).not.toBe(nonceOf(second.headers.get('content-security-policy')));
    // NextResponse.next({ request: { headers } }) carries the overridden request headers as x-middleware-request-*.
    expect(first.headers.get('x-middleware-request-x-nonce')).toBe(nonceOf(policy));
    expect(first.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('should keep the headers on the redirect to sign-in when the dashboard is opened without a session', () => {
    const res = middleware(page('/dashboard/inbox'));
    expect(res.headers.get('location')).toBe('http://app.localhost/login?next=%2Fdashboard%2Finbox');
    expect(res.headers.get('content-security-policy')).toContain("'strict-dynamic'");
  });
});

describe(policySources.name, () => {
  const env = {
    NODE_ENV: 'production' as const,
    API_INTERNAL_URL: 'http://api:4000',
    API_URL: 'https://api.aerostic.com',
    APP_PORT: 3000,
    APP_URL: 'https://app.aerostic.com',
    META_GRAPH_VERSION: 'v23.0',
  };

  it("should allow Meta's SDK hosts in production and the sandbox instead when one is configured", () => {
    expect(policySources(env)).toMatchObject({
      connect: expect.arrayContaining(['https://api.aerostic.com', 'https://graph.facebook.com']),
      frame: ['https://connect.facebook.net', 'https://www.facebook.com'],
      development: false,
    });
    const sandbox = policySources({ ...env, META_SANDBOX_URL: 'http://localhost:4300' });
    expect(sandbox.frame).toEqual(['http://localhost:4300']);
    expect(sandbox.connect).not.toContain('https://graph.facebook.com');
  });
});
