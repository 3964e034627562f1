import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { API_KEY_MARKER, type ApiKeyScope } from '@aerostic/shared';
import { type Request } from 'express';
import { ApiKeyAuthenticator } from '../api-keys/api-key-authenticator';
import { API_KEY_SCOPE } from '../api-keys/api-key-scope.decorator';
import { AuthenticationRequiredError } from './auth.errors';
import { extractToken } from './jwt.strategy';
import { ADMIN_ROUTE } from '../admin/auth/admin-route.decorator';
import { IS_PUBLIC } from './public.decorator';
import { CROSS_TENANT } from '../common/tenant-context/cross-tenant.decorator';
import { type CrossTenantPath, TenantScope } from '../database/tenant-scope';

/**
 * Every route needs a valid tenant token unless marked @Public() or @AdminRoute() (AdminAuthGuard's). A bearer that is
 * an API key (`aer_live_…`) is checked by ApiKeyAuthenticator against the route's @ApiKeyScoped() scope; any other
 * token goes through passport-jwt. The passport-jwt strategy puts the principal on
 * `req.principal`; an error of the session checks (suspended, deactivated, database unreachable) reaches the exception
 * filter as it is.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyAuthenticator,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const crossTenant = this.reflector.getAllAndOverride<CrossTenantPath | undefined>(CROSS_TENANT, targets);
    if (crossTenant) TenantScope.enterCrossTenant(crossTenant);
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (this.reflector.getAllAndOverride<object>(ADMIN_ROUTE, targets)) return true;
    const req = context.switchToHttp().getRequest<Request>();
    const bearer = apiKeyBearer(req);
    if (bearer !== null) {
      const scope = this.reflector.getAllAndOverride<ApiKeyScope | undefined>(API_KEY_SCOPE, targets) ?? null;
      req.principal = await this.apiKeys.authenticate(bearer, scope);
      TenantScope.enterTenant(req.principal.tenantId);
      return true;
    }
    const allowed = (await super.canActivate(context)) as boolean;
    // From here on the request's statements see its tenant's rows only (docs/adr/0204).
    if (req.principal) TenantScope.enterTenant(req.principal.tenantId);
    return allowed;
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

/** The `Authorization: Bearer` value when it is an API key; session tokens (JWTs) never start with the marker. */
function apiKeyBearer(req: Request): string | null {
  const [scheme, value] = (req.get('authorization') ?? '').split(' ');
  return scheme?.toLowerCase() === 'bearer' && value?.startsWith(API_KEY_MARKER) ? value : null;
}
