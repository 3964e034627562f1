import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { logRedisTransitions, redisConnectionOptions, verifyRedisCredentials } from '@aerostic/shared/node';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/** The API's Redis connection; every key it writes starts with `REDIS_PREFIX:`. */
export const REDIS = Symbol('REDIS');

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const redis = new Redis({
          ...redisConnectionOptions(config.REDIS_URL, config.REDIS_CA_FILE),
          keyPrefix: `${config.REDIS_PREFIX}:`,
          maxRetriesPerRequest: 2,
          connectTimeout: 2000,
        });
        // Once per outage, and naming REDIS_URL when Redis refuses its credentials.
        const nest = new Logger(RedisModule.name);
        logRedisTransitions(redis, { warn: (obj, msg) => nest.warn(obj, msg), info: (msg) => nest.log(msg) });
        // Before any queue worker starts: BullMQ retries a refused connection without pause, holding the process.
        await verifyRedisCredentials(redis);
        return redis;
      },
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
