import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { REDIS } from '../common/redis/redis.module';
import { reachRedis } from '../common/redis/redis-unavailable';

/** Only this algorithm is accepted: `none` and algorithm-confusion tokens are refused. */
export const JWT_ALGORITHM = 'HS256';

const claimsSchema = z.object({
  sub: z.uuid(),
  tid: z.uuid(),
  ver: z.number().int(),
  jti: z.uuid(),
  exp: z.number().int(),
});
export type TokenClaims = z.infer<typeof claimsSchema>;

/** The claims of a token whose signature was checked, or null when they are not the ones we issue. */
export function parseClaims(payload: unknown): TokenClaims | null {
  const claims = claimsSchema.safeParse(payload);
  return claims.success ? claims.data : null;
}

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  issue(user: { id: string; tenantId: string; tokenVersion: number }): Promise<string> {
    return this.jwt.signAsync(
      { sub: user.id, tid: user.tenantId, ver: user.tokenVersion, jti: randomUUID() },
      { algorithm: JWT_ALGORITHM, expiresIn: this.config.JWT_EXPIRES_IN_SECONDS, secret: this.config.JWT_SECRET },
    );
  }

  /**
   * The claims of a token signed by us with the pinned algorithm and not expired, as the passport-jwt strategy checks
   * a request's; null for anything else. Revocation is a separate question (isRevoked), asked of Redis.
   */
  async decode(token: string): Promise<TokenClaims | null> {
    try {
      return parseClaims(
        await this.jwt.verifyAsync<object>(token, { algorithms: [JWT_ALGORITHM], secret: this.config.JWT_SECRET }),
      );
    } catch {
      return null;
    }
  }

  /** Throws RedisUnavailableError when the revocation list cannot be read: a session is neither accepted nor refused without it. */
  async isRevoked(tokenId: string): Promise<boolean> {
    return (await reachRedis(this.redis.exists(`revoked-token:${tokenId}`))) > 0;
  }

  /** Remembers a revoked token until it would have expired anyway. */
  async revoke(tokenId: string, expiresAtSeconds: number): Promise<void> {
    const ttl = Math.max(1, expiresAtSeconds - Math.floor(Date.now() / 1000));
    await reachRedis(this.redis.set(`revoked-token:${tokenId}`, '1', 'EX', ttl));
  }
}
