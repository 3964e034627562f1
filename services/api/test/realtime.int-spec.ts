import { JwtService } from '@nestjs/jwt';
import { type AuthResponse, type RealtimeEvents } from '@aerostic/shared';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { SESSION_CHANGES_APPLICATION_NAME } from '../src/auth/session-changes';
import { TENANT_TOKEN_AUDIENCE } from '../src/auth/token.service';
import { RealtimeGateway, SESSION_REPLACED_EVENT } from '../src/realtime/realtime.gateway';
import { RealtimeService } from '../src/realtime/realtime.service';
import { addMember, deactivation, type Member, passwordChange, registerTenant } from './support/builders';
import { eventually, within } from './support/eventually';
import { connectNumber, InboundHarness } from './support/inbound-harness';
import { text, webhook } from './support/meta-payloads';
import { createTestApp, type TestApp } from './support/test-app';

/** What a client heard: each event with when it came, and when (and why) it was disconnected. */
interface Watched {
  socket: Socket;
  heard: { event: string; payload: unknown; at: number }[];
  disconnected: Promise<{ at: number; reason: string }>;
}

describe(RealtimeGateway.name, () => {
  let t: TestApp;
  let url: string;
  let inbound: InboundHarness;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    url = await t.listen();
    inbound = new InboundHarness(t);
    await inbound.ready();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await inbound.close();
    await t.close();
  });

  function connect(options: { token?: string; cookie?: string }): Socket {
    const socket = io(url, {
      transports: ['websocket'],
      reconnection: false,
      ...(options.token && { auth: { token: options.token } }),
      ...(options.cookie && { extraHeaders: { cookie: options.cookie } }),
    });
    sockets.push(socket);
    return socket;
  }

  const next = <E extends keyof RealtimeEvents | 'ready' | 'unauthorized'>(socket: Socket, event: E, ms = 5000) =>
    new Promise<E extends keyof RealtimeEvents ? RealtimeEvents[E] : { message?: string; tenantId?: string }>(
      (resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
        socket.once(event as string, (payload: unknown) => {
          clearTimeout(timer);
          resolve(payload as never);
        });
      },
    );

  it('should refuse a handshake without a valid token', async () => {
    const socket = connect({ token: 'not-a-token' });
    expect((await next(socket, 'unauthorized')).message).toMatch(/invalid or has expired/);
  });

  it('should send a new message and conversation to every agent of the tenant and nothing to another tenant', async () => {
    const a: Member = await registerTenant(t, 'Tenant A');
    const b: Member = await registerTenant(t, 'Tenant B');
    const number = await connectNumber(t, a);
    const aSocket = connect({ token: a.token });
    const aCookieSocket = connect({ cookie: `auth_token=${a.token}` });
    const bSocket = connect({ token: b.token });
    await Promise.all([next(aSocket, 'ready'), next(aCookieSocket, 'ready'), next(bSocket, 'ready')]);
    const leaked: unknown[] = [];
    bSocket.onAny((event: string, payload: unknown) => leaked.push({ event, payload }));

    const created = next(aSocket, 'message.created');
    const createdViaCookie = next(aCookieSocket, 'message.created');
    const conversation = next(aSocket, 'conversation.updated');
    await inbound.deliver(webhook(number, { messages: [text('351910000001', 'Olá! Is my order ready?')] }));

    expect((await created).message).toMatchObject({
      direction: 'inbound',
      content: { text: { body: 'Olá! Is my order ready?' } },
    });
    expect((await createdViaCookie).message.wamid).toBe((await created).message.wamid);
    expect((await conversation).conversation).toMatchObject({ contact: { waId: '351910000001' }, unreadCount: 1 });
    await new Promise((r) => setTimeout(r, 300));
    expect(leaked).toEqual([]);
  });

  describe('when its session ends', () => {
    const watchedSockets: Socket[] = [];
    afterEach(() => {
      for (const s of watchedSockets.splice(0)) s.disconnect();
    });

    /** A workspace's admin and agent, and another workspace's admin. */
    async function people(): Promise<{ admin: Member; agent: Member; other: Member }> {
      const admin = await registerTenant(t);
      return { admin, agent: await addMember(t, admin), other: await registerTenant(t, 'Other Co') };
    }

    /** A client that reconnects by itself (as the dashboard does) presents whatever `token()` answers at the time. */
    function watch(token: () => string, reconnection = false): Watched {
      const socket = io(url, {
        transports: ['websocket'],
        reconnection,
        reconnectionDelay: 200,
        auth: (send) => send({ token: token() }),
      });
      watchedSockets.push(socket);
      const heard: Watched['heard'] = [];
      socket.onAny((event: string, payload: unknown) => heard.push({ event, payload, at: Date.now() }));
      const disconnected = new Promise<{ at: number; reason: string }>((resolve) =>
        socket.once('disconnect', (reason) => resolve({ at: Date.now(), reason })),
      );
      return { socket, heard, disconnected };
    }

    async function live(token: string | (() => string), reconnection = false): Promise<Watched> {
      const watched = watch(typeof token === 'string' ? () => token : token, reconnection);
      await eventually(
        async () => watched.heard.map((h) => h.event),
        (events) => events.includes('ready'),
        5_000,
      );
      return watched;
    }

    /** Disconnected by the server within a second of `since`, after hearing `event` with a message. */
    async function expectEnded(watched: Watched, since: number, event: string, message: RegExp): Promise<void> {
      const { at, reason } = await within(watched.disconnected, 5_000, 'still connected after 5 s');
      expect(at - since).toBeLessThan(1_000);
      expect(reason).toMatch(/io server disconnect|transport close/);
      expect(watched.heard.find((h) => h.event === event)?.payload).toEqual({
        message: expect.stringMatching(message),
      });
    }

    /** Still connected, and still given its workspace's events. */
    async function expectAlive(watched: Watched, tenantId: string): Promise<void> {
      const status = `alive-${randomUUID()}`;
      const received = new Promise<void>((resolve) =>
        watched.socket.on('template.updated', (payload: { status: string }) => {
          if (payload.status === status) resolve();
        }),
      );
      t.app
        .get(RealtimeService)
        .emit(tenantId, 'template.updated', { metaTemplateId: '1', wabaId: '1', status, rejectedReason: null });
      await within(received, 2_000, `no broadcast reached a socket of ${tenantId}`);
      expect(watched.socket.connected).toBe(true);
      expect(watched.heard.map((h) => h.event)).not.toContain('unauthorized');
    }

    const login = async (member: Member) =>
      (
        (await t.http().post('/auth/login').send({ email: member.email, password: member.password }).expect(200))
          .body as AuthResponse
      ).access_token;

    it('should end the socket of a session within a second when it logs out, and no other', async () => {
      const { admin, agent, other } = await people();
      const loggingOut = await live(admin.token);
      const sameUserOtherSession = await live(await login(admin));
      const sameTenant = await live(agent.token);
      const otherTenant = await live(other.token);

      await t.http().post('/auth/logout').auth(admin.token, { type: 'bearer' }).expect(204);
      const since = Date.now();

      await expectEnded(loggingOut, since, 'unauthorized', /signed out/);
      await expectAlive(sameUserOtherSession, admin.tenantId);
      await expectAlive(sameTenant, admin.tenantId);
      await expectAlive(otherTenant, other.tenantId);
    });

    it('should end every socket of a user within a second when an admin deactivates them', async () => {
      const { admin, agent, other } = await people();
      const agentSockets = [await live(agent.token), await live(await login(agent))];
      const adminSocket = await live(admin.token);
      const otherTenant = await live(other.token);

      await deactivation(t, admin, agent.userId).expect(200);
      const since = Date.now();

      for (const s of agentSockets) await expectEnded(s, since, 'unauthorized', /deactivated/);
      await expectAlive(adminSocket, admin.tenantId);
      await expectAlive(otherTenant, other.tenantId);
    });

    it('should end every socket of a workspace within a second when it is suspended in SQL', async () => {
      const { admin, agent, other } = await people();
      const suspended = [await live(admin.token), await live(agent.token)];
      const otherTenant = await live(other.token);

      await t.sql(`UPDATE tenants SET status = 'suspended' WHERE id = $1`, [admin.tenantId]);
      const since = Date.now();

      for (const s of suspended) await expectEnded(s, since, 'unauthorized', /workspace is suspended/);
      await expectAlive(otherTenant, other.tenantId);
    });

    it('should end a socket within a second of its token’s expiry', async () => {
      const admin = await registerTenant(t);
      const other = await registerTenant(t, 'Other Co');
      const exp = Math.floor(Date.now() / 1000) + 3;
      const shortLived = await new JwtService().signAsync(
        { sub: admin.userId, tid: admin.tenantId, ver: 0, jti: randomUUID(), exp },
        { secret: t.config.JWT_SECRET, algorithm: 'HS256', audience: TENANT_TOKEN_AUDIENCE },
      );
      const expiring = await live(shortLived);
      const sameUserOtherSession = await live(admin.token);
      const otherTenant = await live(other.token);

      await expectEnded(expiring, exp * 1000, 'unauthorized', /expired/);
      expect((await expiring.disconnected).at).toBeGreaterThanOrEqual(exp * 1000);
      await expectAlive(sameUserOtherSession, admin.tenantId);
      await expectAlive(otherTenant, other.tenantId);
    });

    it('should reconnect the session that changed the password with its new token and end the others', async () => {
      const admin = await registerTenant(t);
      const agent = await addMember(t, admin);
      // The dashboard's cookie: replaced by the answer to the password change, read again at each reconnection.
      let cookie = admin.token;
      const changing = await live(() => cookie, true);
      const otherDevice = await live(await login(admin), true);
      const sameTenant = await live(agent.token);

      const res = await passwordChange(t, admin).expect(200);
      cookie = (res.body as AuthResponse).access_token;
      const since = Date.now();

      await expectEnded(changing, since, SESSION_REPLACED_EVENT, /password was changed/);
      await expectEnded(otherDevice, since, SESSION_REPLACED_EVENT, /password was changed/);
      // Each reconnects by itself: the new token is accepted, the other device's old one refused for good.
      await eventually(
        async () => changing.heard.filter((h) => h.event === 'ready').length,
        (n) => n === 2,
        5_000,
      );
      expect(changing.socket.connected).toBe(true);
      await expectAlive(changing, admin.tenantId);
      await eventually(
        async () => otherDevice.heard.map((h) => h.event),
        (events) => events.includes('unauthorized'),
        5_000,
      );
      expect(otherDevice.heard.find((h) => h.event === 'unauthorized')?.payload).toEqual({
        message: expect.stringMatching(/no longer valid/),
      });
      expect(otherDevice.heard.filter((h) => h.event === 'ready')).toHaveLength(1);
      await expectAlive(sameTenant, admin.tenantId);
    });

    it('should re-check its sockets once it listens again, when a change was made while it could not hear', async () => {
      const admin = await registerTenant(t);
      const other = await registerTenant(t, 'Other Co');
      const suspended = await live(admin.token);
      const otherTenant = await live(other.token);
      // The suspension is made without its notification (triggers do not fire for a replica session): as if it had
      // been sent while the API was not listening.
      await t.sql('BEGIN');
      await t.sql('SET LOCAL session_replication_role = replica');
      await t.sql(`UPDATE tenants SET status = 'suspended' WHERE id = $1`, [admin.tenantId]);
      await t.sql('COMMIT');
      await expectAlive(suspended, admin.tenantId);

      const [listener] = await t.sql(
        `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
         WHERE datname = current_database() AND application_name = $1`,
        [SESSION_CHANGES_APPLICATION_NAME],
      );
      expect(listener?.terminated).toBe(true);

      await within(suspended.disconnected, 10_000, 'still connected 10 s after the listener lost its connection');
      expect(suspended.heard.find((h) => h.event === 'unauthorized')?.payload).toEqual({
        message: expect.stringMatching(/workspace is suspended/),
      });
      await expectAlive(otherTenant, other.tenantId);
    });
  });
});
