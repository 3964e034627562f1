import { SetMetadata } from '@nestjs/common';
import { type CrossTenantPath } from '../../database/tenant-scope';

export const CROSS_TENANT = 'tenant-scope:cross-tenant';

/**
 * Runs a route that knows no tenant yet (sign-in, a public reference) on a named cross-tenant path; JwtAuthGuard
 * applies it before authenticating, and a token's tenant, once known, replaces it.
 */
export const CrossTenant = (path: CrossTenantPath) => SetMetadata(CROSS_TENANT, path);
