import { type Redis } from 'ioredis';
import { REDIS } from '../src/common/redis/redis.module';
import { HealthController } from '../src/health/health.controller';
import { createTestApp, type TestApp } from './support/test-app';

describe(HealthController.name, () => {
  let t: TestApp;

  afterEach(async () => {
    await t.close();
  });

  it('should report the database and Redis up when both answer', async () => {
    t = await createTestApp();
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('should answer 503 naming Redis when Redis cannot be reached', async () => {
    t = await createTestApp();
    t.app.get<Redis>(REDIS).disconnect();
    const res = await t.http().get('/health').expect(503);
    expect(res.body).toEqual({ status: 'error', checks: { database: 'up', redis: 'down' } });
  });

  it('should serve the OpenAPI document and security headers', async () => {
    t = await createTestApp();
    const res = await t.http().get('/docs-json').expect(200);
    expect((res.body as { paths: object }).paths).toHaveProperty('/auth/login');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('should echo a request id that nginx passes in', async () => {
    t = await createTestApp();
    const res = await t.http().get('/health').set('X-Request-Id', 'req-abc-123').expect(200);
    expect(res.headers['x-request-id']).toBe('req-abc-123');
  });

  it('should allow CORS only for the configured frontends', async () => {
    t = await createTestApp();
    const allowed = await t
      .http()
      .options('/auth/login')
      .set('Origin', 'http://app.test')
      .set('Access-Control-Request-Method', 'POST');
    expect(allowed.headers['access-control-allow-origin']).toBe('http://app.test');
    const denied = await t
      .http()
      .options('/auth/login')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });
});
