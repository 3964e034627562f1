import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { AUTH_COOKIE_NAME } from '@aerostic/shared';
import { type Request } from 'express';
import { Strategy } from 'passport-jwt';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { type Principal } from '../common/tenant-context/principal';
import { requestToken } from './request-token';
import { SessionService } from './session.service';
import { JWT_ALGORITHM, TENANT_TOKEN_AUDIENCE } from './token.service';

/** Reads the tenant token from `Authorization: Bearer` or, without that header, the `auth_token` cookie. */
export function extractToken(req: Request): string | null {
  return requestToken(req, AUTH_COOKIE_NAME);
}

/**
 * The secret as a KeyObject, made once: given a string, jsonwebtoken tries to parse it as a PEM public key and then
 * builds a key from it on every verify. passport-jwt hands it through untouched; its types predate KeyObject.
 */
function verificationKey(secret: string): Buffer {
  return createSecretKey(Buffer.from(secret)) as unknown as Buffer;
}

/**
 * passport-jwt checks the signature with the one pinned algorithm and the expiry; the session service then checks
 * the claims, the revocation list and the user and workspace (RevokedTokens, SessionAccounts).
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly sessions: SessionService,
  ) {
    super({
      jwtFromRequest: extractToken,
      secretOrKey: verificationKey(config.JWT_SECRET),
      algorithms: [JWT_ALGORITHM],
      audience: TENANT_TOKEN_AUDIENCE,
    });
  }

  validate(payload: unknown): Promise<Principal> {
    return this.sessions.fromClaims(payload);
  }
}
