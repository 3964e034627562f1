import { type INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { logRedisTransitions, redisConnectionOptions, redisRetryStrategy } from '@aerostic/shared/node';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { type Server, type ServerOptions } from 'socket.io';
import { type AppConfig } from '../common/config/app-config';
import { handleUnawaitedCommands } from './unawaited-commands';

/** Sent to every agent once Redis is back after an outage: read again what may have been missed. No payload. */
export const CATCH_UP_EVENT = 'catch-up';

/**
 * An outage loses the broadcasts between API instances, so once both clients are back after one lost its connection,
 * every agent of every instance is told to catch up (through the adapter, so the others hear it too). Not at the
 * first connection: nothing was missed then. See docs/adr/0019-live-events-survive-a-redis-outage.md.
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
    const connection = redisConnectionOptions(config.REDIS_URL, config.REDIS_CA_FILE);
    const options = { retryStrategy: redisRetryStrategy, maxRetriesPerRequest: 3 };
    // Auto-pipelining: the events emitted in one turn (a batch of inbound messages) go to Redis in one write.
    this.pub = new Redis({ ...connection, ...options, enableAutoPipelining: true });
    this.sub = new Redis({ ...connection, ...options });
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
    server.adapter(createAdapter(pub, sub, { key }));
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
