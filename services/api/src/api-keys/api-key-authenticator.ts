import { Inject, Injectable, Logger } from '@nestjs/common';
import { type ApiKeyScope } from '@aerostic/shared';
import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { WorkspaceSuspendedError } from '../auth/auth.errors';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { redisFailure } from '../common/redis/redis-unavailable';
import { REDIS } from '../common/redis/redis.module';
import { type Principal } from '../common/tenant-context/principal';
import { parseApiKey, secretMatches } from './api-key-secret';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeyForbiddenError, ApiKeyInvalidError, ApiKeyRateLimitedError } from './api-keys.errors';
import { TenantScope } from '../database/tenant-scope';

const TOUCH_INTERVAL_MS = 60_000;

/**
 * Turns `Authorization: Bearer aer_live_…` into a principal of the key's workspace (ADR 0144): the key is read at every
 * request (one indexed row), so a revocation holds on every instance from its commit on. Each key has its own
 * per-minute budget in Redis, shared by all instances.
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly logger = new Logger(ApiKeyAuthenticator.name);
  private readonly limiter: RateLimiterRedis;
  /** When this instance last wrote each key's `last_used_at`, so a busy key costs one write a minute. */
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly keys: ApiKeyRepository,
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: 'api-key-rate',
      points: config.API_KEY_RATE_LIMIT_PER_MINUTE,
      duration: 60,
    });
  }

  /** `scope` is what the route asks for; null: the route is not part of the public API. */
  async authenticate(token: string, scope: ApiKeyScope | null): Promise<Principal> {
    const parsed = parseApiKey(token);
    // The key names its tenant only once found.
    const key =
      parsed &&
      (await TenantScope.acrossTenants('api-key-authentication', () => this.keys.findLiveByPrefix(parsed.prefix)));
    if (!parsed || !key || !secretMatches(parsed.secret, key.secretHash)) throw new ApiKeyInvalidError();
    if (key.tenantSuspended) throw new WorkspaceSuspendedError();
    await this.consume(key.id);
    if (!scope) throw new ApiKeyForbiddenError('API keys cannot call this route: sign in to the dashboard instead');
    if (!key.scopes.includes(scope)) throw new ApiKeyForbiddenError(`This API key lacks the "${scope}" scope`);
    this.touch(key.id);
    // The workspace acts through the key: its creator is the recorded author, and the scope, not the role, limits it.
    return {
      tenantId: key.tenantId,
      userId: key.createdBy,
      role: 'admin',
      tokenId: `api-key:${key.id}`,
      tokenExpiresAt: 0,
    };
  }

  private async consume(keyId: string): Promise<void> {
    try {
      await this.limiter.consume(keyId);
    } catch (err) {
      if (err instanceof RateLimiterRes)
        throw new ApiKeyRateLimitedError(Math.max(1, Math.ceil(err.msBeforeNext / 1000)));
      throw redisFailure(err);
    }
  }

  private touch(keyId: string): void {
    const now = Date.now();
    if (now - (this.touched.get(keyId) ?? 0) < TOUCH_INTERVAL_MS) return;
    this.touched.set(keyId, now);
    const touching = TenantScope.acrossTenants('api-key-authentication', () => this.keys.touch(keyId));
    touching.catch((err: unknown) => this.logger.warn({ err }, 'Could not record an API key’s last use'));
  }
}
