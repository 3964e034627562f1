import { type INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { type Server, type ServerOptions } from 'socket.io';
import { type AppConfig } from '../common/config/app-config';

/** Socket.IO over Redis pub/sub, so that several API instances reach every connected agent. */
export class RedisIoAdapter extends IoAdapter {
  private readonly pub: Redis;
  private readonly sub: Redis;

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
    // Auto-pipelining: the events emitted in one turn (a batch of inbound messages) go to Redis in one write.
    this.pub = new Redis(config.REDIS_URL, { lazyConnect: false, enableAutoPipelining: true });
    this.sub = this.pub.duplicate({ enableAutoPipelining: false });
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      cors: { origin: [new URL(this.config.APP_URL).origin, new URL(this.config.ADMIN_URL).origin], credentials: true },
    }) as Server;
    server.adapter(createAdapter(this.pub, this.sub, { key: `${this.config.REDIS_PREFIX}:socket.io` }));
    return server;
  }

  override async dispose(): Promise<void> {
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}
