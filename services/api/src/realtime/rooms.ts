/** The Socket.IO room of a tenant's agents: every event about the tenant's inbox goes to it. */
export const tenantRoom = (tenantId: string): string => `tenant:${tenantId}`;
