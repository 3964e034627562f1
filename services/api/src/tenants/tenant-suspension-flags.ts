import { Inject, Injectable } from '@nestjs/common';
import { SUSPENDED_TENANTS_KEY } from '@aerostic/shared/node';
import { Redis } from 'ioredis';
import { REDIS } from '../common/redis/redis.module';
import { reachRedis } from '../common/redis/redis-unavailable';

/**
 * The suspended workspaces as the message-worker sees them (it has no database): a Redis set that TenantsService keeps
 * equal to `tenants.status` (docs/adr/0107). An unreachable Redis answers RedisUnavailableError.
 */
@Injectable()
export class TenantSuspensionFlags {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async set(tenantId: string, suspended: boolean): Promise<void> {
    await reachRedis(
      suspended ? this.redis.sadd(SUSPENDED_TENANTS_KEY, tenantId) : this.redis.srem(SUSPENDED_TENANTS_KEY, tenantId),
    );
  }

  members(): Promise<string[]> {
    return reachRedis(this.redis.smembers(SUSPENDED_TENANTS_KEY));
  }
}
