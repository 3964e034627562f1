import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';

describe(buildApp.name, () => {
  let app: FastifyInstance;
  let baseUrl: string;

  beforeEach(async () => {
    app = buildApp();
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterEach(async () => {
    await app.close();
  });

  it('should answer 200 ok when /health is requested', async () => {
    const res = await fetch(`${baseUrl}/health`);

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('should answer a 404 JSON error when the route is unknown', async () => {
    const res = await fetch(`${baseUrl}/nope`);

    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});
