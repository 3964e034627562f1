import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type Request } from 'express';
import { type Principal } from './principal';

/** The authenticated tenant context. Throws when used on a route the auth guard did not protect. */
export const CurrentTenant = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<Request>().principal;
  if (!principal) throw new Error('@CurrentTenant() used on a route without JwtAuthGuard');
  return principal;
});
