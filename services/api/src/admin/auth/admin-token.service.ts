import { Injectable, Inject } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { APP_CONFIG, type AppConfig } from '../../common/config/app-config';
import { JWT_ALGORITHM } from '../../auth/token.service';

/** Admin tokens carry this audience and tenant tokens another, so neither opens the other's routes. */
export const ADMIN_TOKEN_AUDIENCE = 'aerostic-admin';
/** An admin session lasts a working day. */
export const ADMIN_SESSION_SECONDS = 8 * 60 * 60;

const claimsSchema = z.object({
  sub: z.uuid(),
  ver: z.number().int(),
  jti: z.uuid(),
  exp: z.number().int(),
});
export type AdminTokenClaims = z.infer<typeof claimsSchema>;

@Injectable()
export class AdminTokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  issue(admin: { id: string; tokenVersion: number }): Promise<string> {
    return this.jwt.signAsync(
      { sub: admin.id, ver: admin.tokenVersion, jti: randomUUID() },
      {
        algorithm: JWT_ALGORITHM,
        audience: ADMIN_TOKEN_AUDIENCE,
        expiresIn: ADMIN_SESSION_SECONDS,
        secret: this.config.JWT_SECRET,
      },
    );
  }

  /** The claims of an unexpired admin token signed by us with the pinned algorithm; null for anything else. */
  async decode(token: string): Promise<AdminTokenClaims | null> {
    try {
      const payload = await this.jwt.verifyAsync<object>(token, {
        algorithms: [JWT_ALGORITHM],
        audience: ADMIN_TOKEN_AUDIENCE,
        secret: this.config.JWT_SECRET,
      });
      const claims = claimsSchema.safeParse(payload);
      return claims.success ? claims.data : null;
    } catch {
      return null;
    }
  }
}
