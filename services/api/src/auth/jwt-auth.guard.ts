import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AUTH_COOKIE_NAME } from '@aerostic/shared';
import { type Request } from 'express';
import { IS_PUBLIC } from './public.decorator';
import { SessionService } from './session.service';

/** Reads the token from `Authorization: Bearer` or the `auth_token` cookie. */
export function extractToken(req: Request): string | null {
  const header = req.get('authorization');
  if (header) {
    const [scheme, value] = header.split(' ');
    return scheme?.toLowerCase() === 'bearer' && value ? value : null;
  }
  const cookies = req.cookies as Record<string, string | undefined> | undefined;
  return cookies?.[AUTH_COOKIE_NAME] ?? null;
}

/** Every route needs a valid token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<Request>();
    req.principal = await this.sessions.authenticate(extractToken(req));
    return true;
  }
}
