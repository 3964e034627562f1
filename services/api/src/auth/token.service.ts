import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';

/** Only this algorithm is accepted: `none` and algorithm-confusion tokens are refused. */
export const JWT_ALGORITHM = 'HS256';
/** Tenant tokens carry this audience and admin tokens another, so neither opens the other's routes. */
export const TENANT_TOKEN_AUDIENCE = 'aerostic-app';

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
  ) {}

  issue(user: { id: string; tenantId: string; tokenVersion: number }): Promise<string> {
    return this.jwt.signAsync(
      { sub: user.id, tid: user.tenantId, ver: user.tokenVersion, jti: randomUUID() },
      {
        algorithm: JWT_ALGORITHM,
        audience: TENANT_TOKEN_AUDIENCE,
        expiresIn: this.config.JWT_EXPIRES_IN_SECONDS,
        secret: this.config.JWT_SECRET,
      },
    );
  }

  /**
   * The claims of a token signed by us with the pinned algorithm and not expired, as the passport-jwt strategy checks
   * a request's; null for anything else. Revocation is a separate question (RevokedTokens).
   */
  async decode(token: string): Promise<TokenClaims | null> {
    try {
      return parseClaims(
        await this.jwt.verifyAsync<object>(token, {
          algorithms: [JWT_ALGORITHM],
          audience: TENANT_TOKEN_AUDIENCE,
          secret: this.config.JWT_SECRET,
        }),
      );
    } catch {
      return null;
    }
  }
}
