import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { type ConversationDto, type MessageDto, type Page, type RealtimeEvents } from '@aerostic/shared';
import { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import { RedisModule } from '../src/common/redis/redis.module';
import { type Member, registerTenant } from './support/builders';
import { eventually } from './support/eventually';
import { type MetaStack, planMetaStack, startMetaStack } from './support/meta-stack';
import { freePort, json, spawnService } from './support/processes';
import { type RedisRelay, startRedisRelay } from './support/redis-relay';
import { createTestApp, type TestApp } from './support/test-app';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** REDIS_URL with other credentials: the same Redis, reached as another user. */
function asUser(username: string, password: string): string {
  const url = new URL(REDIS_URL);
  url.username = username;
  url.password = password;
  return url.toString();
}

/** `user=` of each connection in Redis's CLIENT LIST, by the connection's client port. */
async function usersByPort(admin: Redis): Promise<Map<number, string>> {
  const list = String(await admin.call('CLIENT', 'LIST'));
  const users = new Map<number, string>();
  for (const line of list.split('\n')) {
    const port = /\baddr=\S*:(\d+)\b/.exec(line)?.[1];
    const user = /\buser=(\S+)/.exec(line)?.[1];
    if (port && user) users.set(Number(port), user);
  }
  return users;
}

/**
 * Every Redis connection of every service (the API's client, its Socket.IO adapter and BullMQ queues, the
 * webhook-worker's and the message-worker's) with the user and password of REDIS_URL. They all reach Redis
 * through one relay, so that Redis's own CLIENT LIST tells which user each of their connections is.
 */
describe(`${RedisModule.name} and the workers with credentials in REDIS_URL`, () => {
  const username = `test-acl-${randomBytes(6).toString('hex')}`;
  const password = randomBytes(24).toString('hex');
  let admin: Redis;
  let relay: RedisRelay;
  let t: TestApp;
  let stack: MetaStack;
  let member: Member;
  let socket: Socket | undefined;

  beforeAll(async () => {
    admin = new Redis(REDIS_URL);
    await admin.call('ACL', 'SETUSER', username, 'on', `>${password}`, '~*', '&*', '+@all');
    relay = await startRedisRelay(asUser(username, password));
    const plan = await planMetaStack();
    t = await createTestApp({ ...plan.appEnv, REDIS_URL: relay.url });
    stack = await startMetaStack(t, plan, { webhookWorker: true, messageWorker: true });
    member = await registerTenant(t, 'Credentials Co');
  });
  afterAll(async () => {
    socket?.disconnect();
    await stack?.stop();
    await t?.close();
    await relay?.close();
    await admin.call('ACL', 'DELUSER', username);
    admin.disconnect();
  });

  it('should carry a message in and a reply out through every service as the ACL user when REDIS_URL names it', async () => {
    const account = await stack.connectNumber(member, 'Credentials Co');
    socket = io(await t.listen(), { transports: ['websocket'], reconnection: false, auth: { token: member.token } });
    await new Promise((resolve) => socket!.once('ready', resolve));
    const pushed = new Promise<RealtimeEvents['message.created']>((resolve) =>
      socket!.once('message.created', resolve),
    );

    await json(`${stack.sandbox.url}/_sandbox/customers/351915000001/messages`, {
      body: { phone_number_id: account.phoneNumberId, type: 'text', text: { body: 'Is it ready?' } },
    });
    const conversation = (await eventually(
      async () =>
        (
          (await t.http().get('/conversations?search=351915000001').auth(member.token, { type: 'bearer' }))
            .body as Page<ConversationDto>
        ).data[0],
      // The conversation is opened just before its message is stored: a reply waits for the customer's message.
      (c) => c?.lastInboundAt != null,
    )) as ConversationDto;
    const reply = await t
      .http()
      .post(`/conversations/${conversation.id}/messages`)
      .auth(member.token, { type: 'bearer' })
      .send({ type: 'text', text: { body: 'Yes, come by at four.' } })
      .expect(201);
    const sent = await eventually(
      async () =>
        (
          (await t.http().get(`/conversations/${conversation.id}/messages`).auth(member.token, { type: 'bearer' }))
            .body as Page<MessageDto>
        ).data.find((m) => m.id === (reply.body as MessageDto).id),
      (m) => m?.wamid !== null && m?.wamid !== undefined,
    );

    expect((await pushed).message).toMatchObject({ direction: 'inbound', content: { text: { body: 'Is it ready?' } } });
    expect(sent?.wamid).toMatch(/^wamid\./);
    const users = await usersByPort(admin);
    const connections = relay.upstreamPorts().map((port) => users.get(port));
    // The API alone opens more than five (its client, the adapter's two, BullMQ's); each worker at least one.
    expect(connections.length).toBeGreaterThanOrEqual(8);
    expect(connections.filter((user) => user !== username)).toEqual([]);
  });

  it.each(['api', 'message-worker'])(
    'should keep the %s from starting, naming REDIS_URL but not its password, when Redis refuses the credentials',
    async (name) => {
      const wrong = randomBytes(24).toString('hex');
      // What either service needs to get as far as Redis; each reads only its own variables.
      const service = spawnService(name, {
        DATABASE_URL: t.config.DATABASE_URL,
        JWT_SECRET: t.config.JWT_SECRET,
        ENCRYPTION_KEY: t.config.ENCRYPTION_KEY,
        MEDIA_STORAGE_DIR: t.config.MEDIA_STORAGE_DIR,
        API_PORT: String(await freePort()),
        MESSAGE_WORKER_PORT: String(await freePort()),
        REDIS_URL: asUser(username, wrong),
        REDIS_PREFIX: t.config.REDIS_PREFIX,
      });

      const [code] = (await once(service.child, 'exit')) as [number | null];

      expect(code).toBe(1);
      expect(service.output()).toContain(`Redis at redis://${username}:***@`);
      expect(service.output()).toContain(`refused the user "${username}" and password in REDIS_URL`);
      expect(service.output()).not.toContain(wrong);
    },
  );
});
