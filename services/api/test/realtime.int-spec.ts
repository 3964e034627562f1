import { type RealtimeEvents } from '@aerostic/shared';
import { io, type Socket } from 'socket.io-client';
import { RealtimeGateway } from '../src/realtime/realtime.gateway';
import { type Member, registerTenant } from './support/builders';
import { connectNumber, InboundHarness } from './support/inbound-harness';
import { text, webhook } from './support/meta-payloads';
import { createTestApp, type TestApp } from './support/test-app';

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
});
