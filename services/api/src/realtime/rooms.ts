/** The Socket.IO room of a tenant's agents: every event about the tenant's inbox goes to it. */
export const tenantRoom = (tenantId: string): string => `tenant:${tenantId}`;

/** The tenant's admins alone: billing notices go only to those who can act on them. */
export const tenantAdminsRoom = (tenantId: string): string => `tenant-admins:${tenantId}`;
