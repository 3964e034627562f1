import { KEEP_ALIVE_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from '../src/app.setup';
import { createTestApp, type TestApp } from './support/test-app';

/** nginx reuses upstream connections for up to 60 s (keepalive_timeout in infra/nginx) and streams 100 MB uploads. */
const NGINX_UPSTREAM_KEEPALIVE_MS = 60_000;

describe('API HTTP server timeouts', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('should keep idle connections open longer than nginx reuses them, and headers a little longer still', () => {
    const server = t.app.getHttpServer();

    expect(server.keepAliveTimeout).toBe(KEEP_ALIVE_TIMEOUT_MS);
    expect(server.keepAliveTimeout).toBeGreaterThan(NGINX_UPSTREAM_KEEPALIVE_MS);
    expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout);
  });

  it('should leave a slow 100 MB upload minutes to arrive', () => {
    expect(t.app.getHttpServer().requestTimeout).toBe(REQUEST_TIMEOUT_MS);
    expect(REQUEST_TIMEOUT_MS).toBeGreaterThanOrEqual(10 * 60_000);
  });
});
