import { type OpenAPIObject } from '@nestjs/swagger';
import { JwtAuthGuard } from '../src/auth/jwt-auth.guard';
import { addMember, invite, type Member, registerTenant } from './support/builders';
import { createTestApp, type TestApp } from './support/test-app';

const PUBLIC_ROUTES = new Set([
  'POST /auth/register',
  'POST /auth/login',
  'GET /auth/invitations/{token}',
  'POST /auth/accept-invitation',
  'POST /auth/password-reset',
  'POST /auth/password-reset/confirm',
  'POST /auth/verify-email',
  // Microsoft sign-in: the start and the provider's return, which carries its own single-use state.
  'GET /auth/microsoft',
  'GET /auth/microsoft/callback',
  'GET /health',
  'POST /admin/auth/login',
  'GET /admin/auth/invitations/{token}',
  'POST /admin/auth/accept-invitation',
  'GET /admin/auth/microsoft',
  'GET /admin/auth/microsoft/available',
  'GET /admin/auth/microsoft/callback',
  // The website widget runs on the business's own site, for anyone.
  'GET /click-to-chat/widget.js',
  'GET /click-to-chat/widgets/{ref}',
  // Stripe signs it instead (STRIPE_WEBHOOK_SECRET): unsigned, it answers 400.
  'POST /billing/stripe/webhook',
]);

const ADMIN_ROUTES = [
  'PATCH /tenants/me',
  'GET /users/invitations',
  'POST /users/invitations',
  'DELETE /users/invitations/{id}',
  'PATCH /users/{id}',
  'GET /audit-logs',
  'DELETE /contacts/{id}',
  'POST /contacts/import',
  'GET /contacts/export',
  'POST /whatsapp/embedded-signup',
  'DELETE /whatsapp/accounts/{id}',
  'GET /billing/invoices',
  'GET /billing/invoices/{id}/pdf',
  'POST /billing/checkout',
  'POST /billing/portal',
];

const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';

function concrete(path: string): string {
  return path.replace(/\{id\}/g, SAMPLE_ID).replace(/\{token\}/g, 'x'.repeat(43));
}

describe(JwtAuthGuard.name, () => {
  let t: TestApp;
  let routes: string[];

  beforeAll(async () => {
    t = await createTestApp();
    // The OpenAPI document lists every route the app serves, so a new route cannot escape these checks.
    const doc = (await t.http().get('/docs-json').expect(200)).body as OpenAPIObject;
    routes = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  function call(route: string, token?: string) {
    const [method, path] = route.split(' ') as [string, string];
    const req = t.http()[method.toLowerCase() as 'get'](concrete(path));
    return token ? req.auth(token, { type: 'bearer' }) : req;
  }

  it('should know every public route it expects', () => {
    for (const route of [...PUBLIC_ROUTES, ...ADMIN_ROUTES]) expect(routes).toContain(route);
  });

  it('should answer 401 on every non-public route when no token is sent', async () => {
    const protectedRoutes = routes.filter((r) => !PUBLIC_ROUTES.has(r));
    expect(protectedRoutes.length).toBeGreaterThan(8);
    for (const route of protectedRoutes) {
      const res = await call(route).send({});
      expect({ route, status: res.status }).toEqual({ route, status: 401 });
      expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', message: expect.any(String) });
    }
  });

  it('should answer 403 to an agent on every admin route', async () => {
    const admin = await registerTenant(t);
    const agent = await addMember(t, admin, 'agent');
    for (const route of ADMIN_ROUTES) {
      const res = await call(route, agent.token).send({});
      expect({ route, status: res.status }).toEqual({ route, status: 403 });
      expect((res.body as { message: string }).message).toMatch(/admin role/);
    }
  });

  describe('tenant isolation', () => {
    let a: Member;
    let b: Member;
    let bAgent: Member;

    beforeAll(async () => {
      a = await registerTenant(t, 'Tenant A');
      b = await registerTenant(t, 'Tenant B');
      bAgent = await addMember(t, b, 'agent');
    });

    it('should answer 404 when tenant A reads a user of tenant B', async () => {
      const res = await call(`GET /users/${bAgent.userId}`, a.token).expect(404);
      expect(res.body).toMatchObject({ statusCode: 404, message: 'User not found' });
      await call(`GET /users/${bAgent.userId}`, b.token).expect(200);
    });

    it('should answer 404 and change nothing when tenant A updates a user of tenant B', async () => {
      await call(`PATCH /users/${bAgent.userId}`, a.token).send({ role: 'admin' }).expect(404);
      await call(`PATCH /users/${bAgent.userId}`, a.token).send({ active: false }).expect(404);
      const [row] = await t.sql('SELECT role, status FROM users WHERE id = $1', [bAgent.userId]);
      expect(row).toEqual({ role: 'agent', status: 'active' });
    });

    it('should answer 404 and keep the invitation when tenant A revokes an invitation of tenant B', async () => {
      const invitation = await invite(t, b);
      await call(`DELETE /users/invitations/${invitation.id}`, a.token).expect(404);
      const [row] = await t.sql('SELECT revoked_at FROM invitations WHERE id = $1', [invitation.id]);
      expect(row?.revoked_at).toBeNull();
    });

    it('should list only the caller tenant users, invitations and audit logs', async () => {
      await invite(t, b);
      const users = (await call('GET /users', a.token).expect(200)).body as { data: { tenantId: string }[] };
      expect(users.data.length).toBeGreaterThan(0);
      expect(users.data.every((u) => u.tenantId === a.tenantId)).toBe(true);
      const invitations = (await call('GET /users/invitations', a.token).expect(200)).body as { data: unknown[] };
      expect(invitations.data).toHaveLength(0);
      const logs = (await call('GET /audit-logs', a.token).expect(200)).body as { data: { targetId: string }[] };
      expect(logs.data.length).toBeGreaterThan(0);
      expect(logs.data.some((l) => [b.tenantId, b.userId, bAgent.userId].includes(l.targetId))).toBe(false);
    });

    it('should show each tenant only its own workspace on /tenants/me', async () => {
      const res = await call('GET /tenants/me', a.token).expect(200);
      expect(res.body).toMatchObject({ id: a.tenantId, name: 'Tenant A' });
    });
  });
});
