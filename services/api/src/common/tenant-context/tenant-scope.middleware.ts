import { type NextFunction, type Request, type Response } from 'express';
import { TenantScope } from '../../database/tenant-scope';

/**
 * Runs the rest of the request in a scope of its own, which sees no tenant's rows until the authentication guards
 * fill it in; everything downstream (guards, interceptors, handlers, exception filters) shares it.
 */
export function tenantScopeMiddleware(_req: Request, _res: Response, next: NextFunction): void {
  TenantScope.run({}, next);
}
