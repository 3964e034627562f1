import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type Request } from 'express';
import { type AdminPrincipal } from './admin-principal';

/** The authenticated platform admin. Throws when used on a route that is not an @AdminRoute(). */
export const CurrentAdmin = createParamDecorator((_data: unknown, ctx: ExecutionContext): AdminPrincipal => {
  const admin = ctx.switchToHttp().getRequest<Request>().admin;
  if (!admin) throw new Error('@CurrentAdmin() used on a route without @AdminRoute()');
  return admin;
});
