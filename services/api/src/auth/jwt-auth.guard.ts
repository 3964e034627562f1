import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { type Request } from 'express';
import { AuthenticationRequiredError } from './auth.errors';
import { extractToken } from './jwt.strategy';
import { ADMIN_ROUTE } from '../admin/auth/admin-route.decorator';
import { IS_PUBLIC } from './public.decorator';

/**
 * Every route needs a valid tenant token unless marked @Public() or @AdminRoute() (AdminAuthGuard's). The passport-jwt strategy puts the principal on
 * `req.principal`; an error of the session checks (suspended, deactivated, database unreachable) reaches the exception
 * filter as it is.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (this.reflector.getAllAndOverride<object>(ADMIN_ROUTE, targets)) return true;
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<TUser>(err: unknown, user: TUser | false, _info: unknown, context: ExecutionContext): TUser {
    if (err) throw err;
    if (user) return user;
    // passport-jwt fails without an error for a missing, malformed, forged or expired token.
    throw extractToken(context.switchToHttp().getRequest<Request>())
      ? new AuthenticationRequiredError('Your session is invalid or has expired: sign in again')
      : new AuthenticationRequiredError();
  }
}
