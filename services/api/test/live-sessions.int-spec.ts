import { JwtService } from '@nestjs/jwt';
import { type AuthResponse } from '@aerostic/shared';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { SESSION_CHANGES_APPLICATION_NAME } from '../src/auth/session-changes';
import { RealtimeGateway, SESSION_REPLACED_EVENT } from '../src/realtime/realtime.gateway';
import { RealtimeService } from '../src/realtime/realtime.service';
import { addMember, type Member, registerTenant } from './support/builders';
import { eventually } from './support/eventually';
import { createTestApp, type TestApp } from './support/test-app';

/** The promise's value, or a failure naming what did not happen within `ms`. */
async function within<T>(promise: Promise<T>, ms: number, failure: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(failure)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** What a client heard: each event with when it came, and when (and why) it was disconnected. */
interface Watched {
  socket: Socket;
  heard: { event: string; payload: unknown; at: number }[];
  disconnected: Promise<{ at: number; reason: string }>;
}

describe(`${RealtimeGateway.name} and the end of sessions`, () => {
  let t: TestApp;
  let url: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    url = await t.listen();
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(async () => {
    await t.close();
  });

  /** A client that reconnects by itself (as the dashboard does) presents whatever `token()` answers at the time. */
  function watch(token: () => string, reconnection = false): Watched {
    const socket = io(url, {
      transports: ['websocket'],
      reconnection,
      reconnectionDelay: 200,
      auth: (send) => send({ token: token() }),
    });
    sockets.push(socket);
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
    expect(watched.heard.find((h) => h.event === event)?.payload).toEqual({ message: expect.stringMatching(message) });
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
    const admin = await registerTenant(t);
    const agent = await addMember(t, admin);
    const other = await registerTenant(t, 'Other Co');
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
    const admin = await registerTenant(t);
    const agent = await addMember(t, admin);
    const other = await registerTenant(t, 'Other Co');
    const agentSockets = [await live(agent.token), await live(await login(agent))];
    const adminSocket = await live(admin.token);
    const otherTenant = await live(other.token);

    await t
      .http()
      .patch(`/users/${agent.userId}`)
      .auth(admin.token, { type: 'bearer' })
      .send({ active: false })
      .expect(200);
    const since = Date.now();

    for (const s of agentSockets) await expectEnded(s, since, 'unauthorized', /deactivated/);
    await expectAlive(adminSocket, admin.tenantId);
    await expectAlive(otherTenant, other.tenantId);
  });

  it('should end every socket of a workspace within a second when it is suspended in SQL', async () => {
    const admin = await registerTenant(t);
    const agent = await addMember(t, admin);
    const other = await registerTenant(t, 'Other Co');
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
      { secret: t.config.JWT_SECRET, algorithm: 'HS256' },
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

    const res = await t
      .http()
      .post('/auth/password')
      .auth(admin.token, { type: 'bearer' })
      .send({ currentPassword: admin.password, newPassword: 'a brand new password' })
      .expect(200);
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
