/** Roles of a tenant's users. `admin` manages the workspace; `agent` works the inbox. */
export const USER_ROLES = ['admin', 'agent'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const TENANT_STATUSES = ['active', 'suspended'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export const USER_STATUSES = ['active', 'deactivated'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/**
 * Roles of the company's own platform admins (a separate table and login from tenant users). `super_admin` can do
 * everything; `admin` is support: reads everything, suspends and reactivates workspaces, re-checks numbers.
 */
export const PLATFORM_ADMIN_ROLES = ['super_admin', 'admin'] as const;
export type PlatformAdminRole = (typeof PLATFORM_ADMIN_ROLES)[number];
