import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ADMIN_COOKIE_NAME } from '@aerostic/shared';
import { type Request } from 'express';
import { RoleRequiredError } from '../../auth/auth.errors';
import { requestToken } from '../../auth/request-token';
import { ADMIN_ROUTE, type AdminRouteOptions } from './admin-route.decorator';
import { AdminSessionService } from './admin-session.service';
import { TenantScope } from '../../database/tenant-scope';

/** Reads the admin token from `Authorization: Bearer` or, without that header, the `admin_token` cookie. */
export function extractAdminToken(req: Request): string | null {
  return requestToken(req, ADMIN_COOKIE_NAME);
}

/** Guards every @AdminRoute(): an admin token of an active admin, with the route's role. Other routes pass. */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: AdminSessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const options = this.reflector.getAllAndOverride<AdminRouteOptions | undefined>(ADMIN_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!options) return true;
    const req = context.switchToHttp().getRequest<Request>();
    const admin = await this.sessions.authenticate(extractAdminToken(req), options);
    if (options.roles && !options.roles.includes(admin.role)) throw new RoleRequiredError(options.roles);
    req.admin = admin;
    TenantScope.enterCrossTenant('platform-admin');
    return true;
  }
}
