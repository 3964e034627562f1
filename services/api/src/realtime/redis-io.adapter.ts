import { type INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { logRedisTransitions, redisRetryStrategy } from '@aerostic/shared/node';
import { RedisAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { decode, encode } from 'notepack.io';
import { type Namespace, type Server, type ServerOptions } from 'socket.io';
import { type AppConfig } from '../common/config/app-config';

/** MessagePack: a fixed array of three (the adapter's `[uid, packet, options]`), then a string shorter than 32 bytes. */
const FIXARRAY_3 = 0x93;
const FIXSTR = 0xa0;
const FIXSTR_MAX = 31;

/**
 * The adapter's own wire format (MessagePack, so instances of any version understand each other), except that a
 * broadcast this instance published itself is not decoded when Redis echoes it back: the adapter only reads its
 * sender's uid to drop it, and decoding each event a second time cost the API as much as encoding it.
 */
export class EchoSkippingParser {
  private ownPrefix: Buffer | undefined;
  private ownUid: string | undefined;

  /** The uid of the adapter that publishes through this parser; its own broadcasts are then recognised. */
  publisher(uid: string): void {
    const bytes = Buffer.from(uid, 'utf8');
    if (bytes.length > FIXSTR_MAX) return;
    this.ownUid = uid;
    this.ownPrefix = Buffer.concat([Buffer.from([FIXARRAY_3, FIXSTR | bytes.length]), bytes]);
  }

  encode(message: unknown): Buffer {
    return encode(message) as Buffer;
  }

  decode(message: Buffer): unknown {
    const prefix = this.ownPrefix;
    if (
      prefix !== undefined &&
      Buffer.isBuffer(message) &&
      message.length > prefix.length &&
      message.compare(prefix, 0, prefix.length, 0, prefix.length) === 0
    ) {
      // Only the uid: the adapter compares it with its own and ignores the message.
      return [this.ownUid];
    }
    return decode(message) as unknown;
  }
}

/** The commands the Socket.IO Redis adapter sends without awaiting them: each broadcast, and its subscriptions. */
const UNAWAITED_COMMANDS = ['publish', 'subscribe', 'psubscribe', 'unsubscribe', 'punsubscribe'] as const;

/**
 * A broadcast, or a subscription made or dropped, that fails while Redis is unreachable would be a rejection nobody
 * handles, and those end the Node.js process: an outage longer than the client's retries, or a shutdown during one,
 * would take the API down with it. Here each such failure is handled (a caller that awaits the command still sees
 * it). The outage itself is logged once by `logRedisTransitions`; only Redis's own error replies, which no outage
 * explains, are reported here. What an outage loses is the events meant for other API instances' agents (this
 * instance's own agents get them all the same: the adapter also delivers locally); see catchUpAfterOutages.
 */
export function handleUnawaitedCommands(client: Redis, onErrorReply: (err: Error) => void): void {
  const handle = (err: unknown): void => {
    if (err instanceof Error && err.name === 'ReplyError') onErrorReply(err);
  };
  for (const name of UNAWAITED_COMMANDS) {
    const send = client[name].bind(client) as (...args: unknown[]) => Promise<unknown>;
    Object.defineProperty(client, name, {
      configurable: true,
      value: (...args: unknown[]): Promise<unknown> => {
        const reply = send(...args);
        reply.catch(handle);
        return reply;
      },
    });
  }
}

/** Sent to every agent once Redis is back after an outage: read again what may have been missed. No payload. */
export const CATCH_UP_EVENT = 'catch-up';

/**
 * What an outage loses is the broadcasts between API instances: this instance's agents missed the other
 * instances' events, theirs missed this one's. Once both clients are back after one of them lost its connection,
 * every agent of every instance is told to catch up (through the adapter, so the others hear it too); their
 * dashboards do what they do after a reconnection. Not at the first connection: nothing was missed then.
 */
export function catchUpAfterOutages(server: Server, clients: readonly Redis[]): void {
  let outage = false;
  for (const client of clients) {
    client.on('close', () => {
      outage = true;
    });
    client.on('ready', () => {
      if (!outage || clients.some((c) => c.status !== 'ready')) return;
      outage = false;
      server.emit(CATCH_UP_EVENT);
    });
  }
}

/** Socket.IO over Redis pub/sub, so that several API instances reach every connected agent. */
export class RedisIoAdapter extends IoAdapter {
  private readonly pub: Redis;
  private readonly sub: Redis;

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
    // Reconnect like the API's other clients; a broadcast waits through a short outage (three reconnection
    // attempts, about a second) and is then dropped rather than held for the whole outage.
    const options = { retryStrategy: redisRetryStrategy, maxRetriesPerRequest: 3 };
    // Auto-pipelining: the events emitted in one turn (a batch of inbound messages) go to Redis in one write.
    this.pub = new Redis(config.REDIS_URL, { ...options, enableAutoPipelining: true });
    this.sub = new Redis(config.REDIS_URL, options);
    const nest = new Logger(RedisIoAdapter.name);
    const logger = { warn: (obj: object, msg: string) => nest.warn(obj, msg), info: (msg: string) => nest.log(msg) };
    for (const [client, label] of [
      [this.pub, 'Socket.IO Redis publisher'],
      [this.sub, 'Socket.IO Redis subscriber'],
    ] as const) {
      logRedisTransitions(client, logger, label);
      handleUnawaitedCommands(client, (err) => nest.warn({ err: err.message }, `${label}: Redis refused a command`));
    }
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      cors: { origin: [new URL(this.config.APP_URL).origin, new URL(this.config.ADMIN_URL).origin], credentials: true },
    }) as Server;
    const { pub, sub } = this;
    const key = `${this.config.REDIS_PREFIX}:socket.io`;
    // Socket.IO calls this with `new` (as it does the factory of `createAdapter`): a function, not an arrow.
    server.adapter(function redisAdapter(nsp: Namespace) {
      const parser = new EchoSkippingParser();
      const adapter = new RedisAdapter(nsp, pub, sub, { key, parser });
      parser.publisher(String(adapter.uid));
      return adapter;
    });
    catchUpAfterOutages(server, [pub, sub]);
    return server;
  }

  override async dispose(): Promise<void> {
    // quit() waits for Redis's reply, which ioredis retries 20 times while Redis is down: drop the connection then.
    await Promise.allSettled(
      [this.pub, this.sub].map((client) => (client.status === 'ready' ? client.quit() : client.disconnect())),
    );
  }
}
