import type { NextConfig } from 'next';
import { nextConfigSecurityHeaders } from '@aerostic/shared/web';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Every response, route handlers and static files too; pages also get a CSP with a nonce from middleware.ts.
  headers: async () => nextConfigSecurityHeaders(),
};

export default nextConfig;
