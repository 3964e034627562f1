import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { type OpenAPIObject } from '@nestjs/swagger';
import { type CreatedApiKeyDto } from '@aerostic/shared';
import { MediaStorage } from '../src/media/media-storage';
import { addMember, invite, type Member, registerTenant } from './support/builders';
import { seedConversation } from './support/inbox-builders';
import { connectNumber } from './support/inbound-harness';
import { createTestApp, type TestApp } from './support/test-app';

/** Tenant B's rows that tenant A's admin aims at: one of each resource a route takes an id of. */
interface Ids {
  user: string;
  invitation: string;
  number: string;
  contact: string;
  conversation: string;
  message: string;
  template: string;
  campaign: string;
  rule: string;
  article: string;
  team: string;
  apiKey: string;
  endpoint: string;
  delivery: string;
  entryPoint: string;
  invoice: string;
}

/**
 * A call of a route with ids: `params` fills the path, `body` is valid for the route (so that a 404 comes from
 * the id, not from validation), and `owner` is what B's own admin gets for the same call, which shows that each
 * id is real.
 */
interface Call {
  params: (b: Ids) => Record<string, string>;
  /** Given the caller's own WhatsApp number, for bodies that name one. */
  body?: (own: { number: string }) => object;
  owner: number;
}

/**
 * Every tenant-scoped route with a path parameter, in an order that B's admin can replay (reads, then changes,
 * then deletions of children before their parents).
 */
const ROUTES: Record<string, Call> = {
  'GET /users/:id': { params: (b) => ({ id: b.user }), owner: 200 },
  'GET /whatsapp/accounts/:id': { params: (b) => ({ id: b.number }), owner: 200 },
  'GET /contacts/:id': { params: (b) => ({ id: b.contact }), owner: 200 },
  'GET /conversations/:id': { params: (b) => ({ id: b.conversation }), owner: 200 },
  'GET /conversations/:id/notes': { params: (b) => ({ id: b.conversation }), owner: 200 },
  'GET /conversations/:id/messages': { params: (b) => ({ id: b.conversation }), owner: 200 },
  'GET /media/:id': { params: (b) => ({ id: b.message }), owner: 200 },
  'GET /templates/:id': { params: (b) => ({ id: b.template }), owner: 200 },
  'GET /campaigns/:id': { params: (b) => ({ id: b.campaign }), owner: 200 },
  'GET /campaigns/:id/recipients': { params: (b) => ({ id: b.campaign }), owner: 200 },
  'GET /campaigns/:id/recipients.csv': { params: (b) => ({ id: b.campaign }), owner: 200 },
  'GET /automation/rules/:id': { params: (b) => ({ id: b.rule }), owner: 200 },
  'GET /teams/:id': { params: (b) => ({ id: b.team }), owner: 200 },
  'GET /integrations/webhooks/:id/deliveries': { params: (b) => ({ id: b.endpoint }), owner: 200 },
  'GET /click-to-chat/entry-points/:id': { params: (b) => ({ id: b.entryPoint }), owner: 200 },
  'GET /click-to-chat/entry-points/:id/qr.png': { params: (b) => ({ id: b.entryPoint }), owner: 200 },
  'GET /click-to-chat/entry-points/:id/qr.svg': { params: (b) => ({ id: b.entryPoint }), owner: 200 },
  'GET /billing/invoices/:id/pdf': { params: (b) => ({ id: b.invoice }), owner: 200 },
  'PATCH /users/:id': { params: (b) => ({ id: b.user }), body: () => ({ capacity: 3 }), owner: 200 },
  'PATCH /contacts/:id': { params: (b) => ({ id: b.contact }), body: () => ({ name: 'Renamed' }), owner: 200 },
  'POST /contacts/:id/conversations': {
    params: (b) => ({ id: b.contact }),
    body: (own) => ({ whatsappAccountId: own.number }),
    owner: 200,
  },
  'PATCH /conversations/:id': {
    params: (b) => ({ id: b.conversation }),
    body: () => ({ status: 'pending' }),
    owner: 200,
  },
  'POST /conversations/:id/notes': {
    params: (b) => ({ id: b.conversation }),
    body: () => ({ body: 'A note' }),
    owner: 201,
  },
  'POST /conversations/:id/read': { params: (b) => ({ id: b.conversation }), owner: 200 },
  'POST /conversations/:id/messages': {
    params: (b) => ({ id: b.conversation }),
    body: () => ({ type: 'text', text: { body: 'Hello' } }),
    owner: 201,
  },
  // B has AI replies off, which is decided after the conversation and its latest inbound message are found.
  'POST /conversations/:id/suggest-reply': { params: (b) => ({ id: b.conversation }), owner: 422 },
  'POST /campaigns/:id/pause': { params: (b) => ({ id: b.campaign }), owner: 200 },
  'POST /campaigns/:id/resume': { params: (b) => ({ id: b.campaign }), owner: 200 },
  'POST /campaigns/:id/cancel': { params: (b) => ({ id: b.campaign }), owner: 200 },
  'PATCH /automation/rules/:id': { params: (b) => ({ id: b.rule }), body: () => ({ enabled: false }), owner: 200 },
  'PATCH /teams/:id': { params: (b) => ({ id: b.team }), body: () => ({ name: 'Renamed' }), owner: 200 },
  'PATCH /integrations/webhooks/:id': {
    params: (b) => ({ id: b.endpoint }),
    body: () => ({ enabled: false }),
    owner: 200,
  },
  'POST /integrations/webhooks/:id/test': { params: (b) => ({ id: b.endpoint }), owner: 202 },
  'POST /integrations/webhooks/:id/deliveries/:deliveryId/retry': {
    params: (b) => ({ id: b.endpoint, deliveryId: b.delivery }),
    owner: 202,
  },
  'PATCH /click-to-chat/entry-points/:id': {
    params: (b) => ({ id: b.entryPoint }),
    body: () => ({ name: 'Renamed' }),
    owner: 200,
  },
  'DELETE /users/invitations/:id': { params: (b) => ({ id: b.invitation }), owner: 204 },
  'DELETE /api-keys/:id': { params: (b) => ({ id: b.apiKey }), owner: 204 },
  'DELETE /automation/knowledge/:id': { params: (b) => ({ id: b.article }), owner: 204 },
  'DELETE /automation/rules/:id': { params: (b) => ({ id: b.rule }), owner: 204 },
  'DELETE /integrations/webhooks/:id': { params: (b) => ({ id: b.endpoint }), owner: 204 },
  'DELETE /click-to-chat/entry-points/:id': { params: (b) => ({ id: b.entryPoint }), owner: 204 },
  'DELETE /teams/:id': { params: (b) => ({ id: b.team }), owner: 204 },
  'DELETE /templates/:id': { params: (b) => ({ id: b.template }), owner: 204 },
  'DELETE /contacts/:id': { params: (b) => ({ id: b.contact }), owner: 204 },
  'DELETE /whatsapp/accounts/:id': { params: (b) => ({ id: b.number }), owner: 204 },
};

/** Routes with a path parameter that are not a workspace's ids, and why. */
const EXEMPT: Record<string, string> = {
  'GET /auth/invitations/:token': 'public: the single-use invitation token is the credential',
  'GET /admin/auth/invitations/:token': 'public: the platform admin invitation token is the credential',
  'GET /click-to-chat/widgets/:ref': 'public: the widget reads its public config by ref on any site',
  'GET /admin/tenants/:id': 'platform admins act across workspaces',
  'POST /admin/tenants/:id/suspend': 'platform admins act across workspaces',
  'POST /admin/tenants/:id/reactivate': 'platform admins act across workspaces',
  'GET /admin/tenants/:id/limits': 'platform admins act across workspaces',
  'PUT /admin/tenants/:id/limits': 'platform admins act across workspaces',
  'GET /admin/tenants/:id/invoices': 'platform admins act across workspaces',
  'POST /admin/tenants/:id/invoices': 'platform admins act across workspaces',
  'GET /admin/invoices/:id/pdf': 'platform admins act across workspaces',
  'POST /admin/invoices/:id/mark-paid': 'platform admins act across workspaces',
  'POST /admin/invoices/:id/void': 'platform admins act across workspaces',
  'POST /admin/whatsapp-accounts/:id/check': 'platform admins act across workspaces',
  'PATCH /admin/plans/:id': 'plans are the platform’s, not a workspace’s',
  'PATCH /admin/admins/:id': 'platform admins are no workspace’s',
  'DELETE /admin/admins/invitations/:id': 'platform admin invitations are no workspace’s',
};

/** Tenant A's own rows, which the calls with B's ids in their bodies go through. */
interface Own {
  number: string;
  contact: string;
  conversation: string;
  team: string;
}

interface BodyReference {
  route: string;
  params: (own: Own) => Record<string, string>;
  /** The body naming `id`: one of B's rows, or an id that exists nowhere. */
  body: (own: Own, id: string) => object;
  /** Which of B's rows the body names. */
  names: keyof Ids;
}

/**
 * Calls on tenant A's own resources whose bodies name one of B's rows. Each must answer as it does for an id that
 * exists nowhere, so that no row of A comes to point into B.
 */
const BODY_REFERENCES: Record<string, BodyReference> = {
  'assignee of a conversation': {
    route: 'PATCH /conversations/:id',
    params: (own) => ({ id: own.conversation }),
    body: (_, id) => ({ assigneeId: id }),
    names: 'user',
  },
  'team of a conversation': {
    route: 'PATCH /conversations/:id',
    params: (own) => ({ id: own.conversation }),
    body: (_, id) => ({ teamId: id }),
    names: 'team',
  },
  'number a conversation is started on': {
    route: 'POST /contacts/:id/conversations',
    params: (own) => ({ id: own.contact }),
    body: (_, id) => ({ whatsappAccountId: id }),
    names: 'number',
  },
  'message a send replies to': {
    route: 'POST /conversations/:id/messages',
    params: (own) => ({ id: own.conversation }),
    body: (_, id) => ({ type: 'text', text: { body: 'Hello' }, replyToMessageId: id }),
    names: 'message',
  },
  'member of a new team': {
    route: 'POST /teams',
    params: () => ({}),
    body: (_, id) => ({ name: 'Crossing', memberIds: [id] }),
    names: 'user',
  },
  'member of a team': {
    route: 'PATCH /teams/:id',
    params: (own) => ({ id: own.team }),
    body: (_, id) => ({ memberIds: [id] }),
    names: 'user',
  },
  'number of a click-to-chat entry point': {
    route: 'POST /click-to-chat/entry-points',
    params: () => ({}),
    body: (_, id) => ({ whatsappAccountId: id, name: 'Crossing', kind: 'link' }),
    names: 'number',
  },
  'number of a campaign': {
    route: 'POST /campaigns',
    params: () => ({}),
    body: (own, id) => ({
      name: 'Crossing',
      whatsappAccountId: id,
      template: { name: 'order_update', language: 'en_US' },
      audience: { contactIds: [own.contact] },
    }),
    names: 'number',
  },
  'contact in a campaign audience': {
    route: 'POST /campaigns',
    params: () => ({}),
    body: (own, id) => ({
      name: 'Crossing',
      whatsappAccountId: own.number,
      template: { name: 'order_update', language: 'en_US' },
      audience: { contactIds: [id] },
    }),
    names: 'contact',
  },
  'agent an automation rule assigns to': {
    route: 'POST /automation/rules',
    params: () => ({}),
    body: (_, id) => ({
      name: 'Crossing',
      trigger: { type: 'message_received', keywords: ['price'], match: 'contains' },
      actions: [{ type: 'assign', strategy: 'agent', agentId: id }],
    }),
    names: 'user',
  },
  'team an automation rule assigns to': {
    route: 'POST /automation/rules',
    params: () => ({}),
    body: (_, id) => ({
      name: 'Crossing',
      trigger: { type: 'message_received', keywords: ['price'], match: 'contains' },
      actions: [{ type: 'assign', strategy: 'round_robin', teamId: id }],
    }),
    names: 'team',
  },
};

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every route the running app serves, as `METHOD /path`, read from Express's router (Express 5: `app.router`). */
function servedRoutes(t: TestApp): string[] {
  // Express's types leave out each route's `methods`, which its router keeps.
  const express = t.app.getHttpAdapter().getInstance() as unknown as { router: { stack: Layer[] } };
  return express.router.stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods)
          .filter((method) => method !== '_all')
          .map((method) => `${method.toUpperCase()} ${layer.route?.path ?? ''}`)
      : [],
  );
}

function pathOf(route: string, params: Record<string, string>): string {
  const path = route.split(' ')[1] ?? '';
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${route}: no value for :${name}`);
    return value;
  });
}

/** Every row of the workspace in every table with a tenant_id, and its tenants row, to compare before and after. */
async function rowsOf(t: TestApp, tenantId: string): Promise<Record<string, string[]>> {
  const tables = await t.sql(
    `SELECT table_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND column_name = 'tenant_id' ORDER BY table_name`,
  );
  const snapshot: Record<string, string[]> = {};
  for (const { table_name: table } of tables) {
    const rows = await t.sql(`SELECT to_jsonb(x)::text AS row FROM ${String(table)} x WHERE tenant_id = $1`, [
      tenantId,
    ]);
    snapshot[String(table)] = rows.map((r) => String(r.row)).sort();
  }
  snapshot.tenants = (await t.sql(`SELECT to_jsonb(x)::text AS row FROM tenants x WHERE id = $1`, [tenantId])).map(
    (r) => String(r.row),
  );
  return snapshot;
}

describe('Tenant isolation of routes', () => {
  let t: TestApp;
  let a: Member;
  let own: Own;
  let b: Member;
  let ids: Ids;
  let before: Record<string, string[]>;

  const as = (member: Member, route: string, params: Record<string, string>, body?: object) => {
    const method = (route.split(' ')[0] ?? '').toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
    const req = t.http()[method](pathOf(route, params)).auth(member.token, { type: 'bearer' });
    return body ? req.send(body) : req;
  };

  beforeAll(async () => {
    t = await createTestApp();
    a = await registerTenant(t, 'Alpha');
    own = await seedOwn(t, a);
    b = await registerTenant(t, 'Beta');
    ids = await seedWorkspace(t, b);
    before = await rowsOf(t, b.tenantId);
  });
  afterAll(async () => {
    await t.close();
  });

  it('should cover every route with a path parameter, so that a new one cannot escape this test', () => {
    const withParameters = servedRoutes(t).filter((route) => route.includes('/:'));
    const listed = [...Object.keys(ROUTES), ...Object.keys(EXEMPT)];

    expect(withParameters.filter((route) => !listed.includes(route))).toEqual([]);
    expect(listed.filter((route) => !withParameters.includes(route))).toEqual([]);
  });

  it.each(Object.keys(ROUTES))(
    "should answer 404 when tenant A's admin calls %s with tenant B's ids",
    async (route) => {
      const call = ROUTES[route]!;

      const res = await as(a, route, call.params(ids), call.body?.({ number: own.number }));

      expect({ route, status: res.status }).toEqual({ route, status: 404 });
    },
  );

  it("should answer 404 when tenant A's API key calls the public API's routes with tenant B's ids", async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body as OpenAPIObject;
    // The routes API keys may call are those documented with the api-key security scheme.
    const publicRoutes = Object.entries(doc.paths).flatMap(([path, item]) =>
      (['get', 'post', 'put', 'patch', 'delete'] as const)
        .filter((method) => item[method]?.security?.some((scheme) => 'api-key' in scheme))
        .map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const withIds = publicRoutes.filter((route) => route.includes('/:'));
    const key = (
      await t
        .http()
        .post('/api-keys')
        .auth(a.token, { type: 'bearer' })
        .send({ name: 'Everything', scopes: ['read', 'send', 'contacts'] })
        .expect(201)
    ).body as CreatedApiKeyDto;

    const answers = [];
    for (const route of withIds) {
      const call = ROUTES[route];
      const res = await as(
        { ...a, token: key.key },
        route,
        call?.params(ids) ?? {},
        call?.body?.({ number: own.number }),
      );
      answers.push({ route, status: res.status });
    }

    expect(withIds.length).toBeGreaterThanOrEqual(5);
    expect(answers).toEqual(withIds.map((route) => ({ route, status: 404 })));
  });

  it('should answer 404 when a tenant retries its own endpoint with a delivery of another tenant', async () => {
    const [own] = await t.sql(
      `INSERT INTO webhook_endpoints (tenant_id, url, events, secret_sealed)
       VALUES ($1, 'http://127.0.0.1:9/hook', '{message.received}', 'plain:whsec_a') RETURNING id`,
      [a.tenantId],
    );
    const route = 'POST /integrations/webhooks/:id/deliveries/:deliveryId/retry';

    await as(a, route, { id: String(own?.id), deliveryId: ids.delivery }).expect(404);
  });

  it.each(Object.keys(BODY_REFERENCES))(
    "should answer as for an unknown id when tenant A's body names tenant B's %s",
    async (name) => {
      const reference = BODY_REFERENCES[name]!;
      const call = (id: string) => as(a, reference.route, reference.params(own), reference.body(own, id));

      const crossing = await call(ids[reference.names]);
      const unknown = await call(randomUUID());

      expect({ status: crossing.status, body: crossing.body as unknown }).toEqual({
        status: unknown.status,
        body: { ...(unknown.body as object), requestId: expect.any(String) },
      });
      expect(crossing.status).toBeGreaterThanOrEqual(400);
      expect(crossing.status).toBeLessThan(500);
    },
  );

  it("should leave tenant B's rows as they were", async () => {
    const after = await rowsOf(t, b.tenantId);

    expect(before.conversations).toHaveLength(1);
    expect(before.webhook_deliveries).toHaveLength(1);
    expect(after).toEqual(before);
  });

  it.each(Object.keys(ROUTES))("should answer B's own admin on %s as the route's owner", async (route) => {
    const call = ROUTES[route]!;
    const res = await as(b, route, call.params(ids), call.body?.({ number: ids.number }));

    expect({ route, status: res.status, body: res.status < 300 ? null : (res.body as unknown) }).toEqual({
      route,
      status: call.owner,
      body: call.owner < 300 ? null : expect.anything(),
    });
  });
});

/** Tenant A's own number, contact, conversation (in its service window) and team. */
async function seedOwn(t: TestApp, a: Member): Promise<Own> {
  const number = await connectNumber(t, a);
  const conversation = await seedConversation(t, a, number.id);
  await t.sql(`UPDATE conversations SET last_inbound_at = now() WHERE id = $1`, [conversation.id]);
  const team = await t.http().post('/teams').auth(a.token, { type: 'bearer' }).send({ name: 'Sales' }).expect(201);
  return {
    number: number.id,
    contact: conversation.contactId,
    conversation: conversation.id,
    team: (team.body as { id: string }).id,
  };
}

/** One of each resource in tenant B, made through the API where it can be, otherwise as the API stores it. */
async function seedWorkspace(t: TestApp, b: Member): Promise<Ids> {
  const post = async (path: string, body: object) => {
    const res = await t.http().post(path).auth(b.token, { type: 'bearer' }).send(body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  };
  const agent = await addMember(t, b, 'agent');
  const invitation = await invite(t, b);
  const number = await connectNumber(t, b);
  const conversation = await seedConversation(t, b, number.id, { name: 'Bea Customer' });

  const messageId = randomUUID();
  await t.sql(
    `INSERT INTO messages (id, tenant_id, conversation_id, direction, type, content, status)
     VALUES ($1, $2, $3, 'inbound', 'image', $4, 'received')`,
    [
      messageId,
      b.tenantId,
      conversation.id,
      JSON.stringify({ image: { id: 'meta-media-1' }, stored_media: { status: 'stored', mimeType: 'image/png' } }),
    ],
  );
  // The customer wrote just now, so the service window is open for B's own send.
  await t.sql(`UPDATE conversations SET last_inbound_at = now() WHERE id = $1`, [conversation.id]);
  await t.app
    .get(MediaStorage)
    .receive(b.tenantId, messageId, (path) => writeFile(path, Buffer.from('89504e470d0a1a0a', 'hex')));
  await post(`/conversations/${conversation.id}/notes`, { body: 'Called back' });

  // Already deleted at Meta, so that B's own delete has no Graph API call to make.
  const [template] = await t.sql(
    `INSERT INTO templates (tenant_id, waba_id, meta_template_id, name, language, category, status)
     VALUES ($1, $2, 'tpl-b', 'order_update', 'en_US', 'UTILITY', 'DELETED') RETURNING id`,
    [b.tenantId, number.wabaId],
  );
  const [campaign] = await t.sql(
    `INSERT INTO campaigns (tenant_id, whatsapp_account_id, name, status, template_name, template_language,
       template_category, scheduled_at, started_at)
     VALUES ($1, $2, 'Spring sale', 'running', 'order_update', 'en_US', 'UTILITY', now(), now()) RETURNING id`,
    [b.tenantId, number.id],
  );
  await t.sql(
    `INSERT INTO campaign_recipients (tenant_id, campaign_id, contact_id, position, state) VALUES ($1, $2, $3, 0, 'pending')`,
    [b.tenantId, campaign?.id, conversation.contactId],
  );
  const rule = await post('/automation/rules', {
    name: 'Prices',
    enabled: true,
    trigger: { type: 'message_received', keywords: ['price'], match: 'contains' },
    actions: [{ type: 'reply_text', text: 'Our prices are on example.test/prices' }],
  });
  const article = await post('/automation/knowledge', { title: 'Opening hours', body: 'Monday to Friday, 9 to 18.' });
  const team = await post('/teams', { name: 'Billing', memberIds: [agent.userId] });
  const apiKey = await post('/api-keys', { name: 'CRM sync', scopes: ['read'] });
  const [endpoint] = await t.sql(
    `INSERT INTO webhook_endpoints (tenant_id, url, events, secret_sealed)
     VALUES ($1, 'http://127.0.0.1:9/hook', '{message.received}', 'plain:whsec_b') RETURNING id`,
    [b.tenantId],
  );
  const [delivery] = await t.sql(
    `INSERT INTO webhook_deliveries (tenant_id, endpoint_id, event_id, type, payload, retry_until, status)
     VALUES ($1, $2, gen_random_uuid(), 'webhook.test', '{}', now(), 'failed') RETURNING id`,
    [b.tenantId, endpoint?.id],
  );
  const entryPoint = await post('/click-to-chat/entry-points', {
    whatsappAccountId: number.id,
    name: 'Instagram bio',
    kind: 'link',
    prefilledText: 'Hi!',
  });
  const [invoice] = await t.sql(
    `INSERT INTO invoices (tenant_id, period_start, period_end, issued_at, due_at, number, status, currency,
       customer_name, subtotal_minor, tax_rate_bp, tax_minor, total_minor)
     VALUES ($1, now() - interval '30 days', now(), now(), now() + interval '14 days', 'INV-B-1', 'open', 'EUR',
       'Beta', 1000, 0, 0, 1000) RETURNING id`,
    [b.tenantId],
  );
  return {
    user: agent.userId,
    invitation: invitation.id,
    number: number.id,
    contact: conversation.contactId,
    conversation: conversation.id,
    message: messageId,
    template: String(template?.id),
    campaign: String(campaign?.id),
    rule: rule.id,
    article: article.id,
    team: team.id,
    apiKey: apiKey.id,
    endpoint: String(endpoint?.id),
    delivery: String(delivery?.id),
    entryPoint: entryPoint.id,
    invoice: String(invoice?.id),
  };
}
