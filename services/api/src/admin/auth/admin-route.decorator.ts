import { SetMetadata } from '@nestjs/common';
import { type PlatformAdminRole } from '@aerostic/shared';

export const ADMIN_ROUTE = 'auth:admin-route';

export interface AdminRouteOptions {
  /** Roles allowed; every platform admin when omitted. */
  roles?: readonly PlatformAdminRole[];
  /** Open to an admin who must still enrol an authenticator (production): the enrolment routes and `me`. */
  beforeEnrolment?: boolean;
}

/**
 * Opens a route (or a controller's routes) to platform admins only: AdminAuthGuard checks an admin token and the
 * tenant guards step aside. A tenant token is refused here, as an admin token is on every tenant route.
 */
export const AdminRoute = (options: AdminRouteOptions = {}) => SetMetadata(ADMIN_ROUTE, options);

/** Shorthand for routes that only super admins may use (admins, quotas, plans, the queue dashboard). */
export const SuperAdminRoute = () => AdminRoute({ roles: ['super_admin'] });
