import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The only ways to work across tenants (docs/adr/0204). Each is tested in row-level-security.int-spec.ts; adding
 * one means adding it here, with a test.
 */
export const CROSS_TENANT_PATHS = [
  /**
   * Sign-up, sign-in, password reset, email verification, invitations and Microsoft sign-in, where the tenant is
   * unknown; and the platform-wide uniqueness of emails.
   */
  'sign-in',
  /** An API key names its tenant only once it is found by its hash. */
  'api-key-authentication',
  /** The revoked session tokens of every workspace, which each API instance keeps in memory. */
  'session-revocations',
  /** Platform admin routes and CLIs see every workspace. */
  'platform-admin',
  /** Meta's webhooks: finding a number's tenant, and the inbound batches, which span tenants. */
  'inbound',
  /** Whether a number or business account is connected in another workspace (connecting, disconnecting one). */
  'number-ownership',
  /** Send results and status updates, matched to their message by Meta's id. */
  'send-results',
  /** The click-to-chat widget's configuration and Meta's webhook verification, found by a public reference. */
  'public-lookup',
  /** Billing and usage: period ends, rollups and Stripe's events over every workspace. */
  'billing',
  /** Sweeps over every workspace: due campaigns, automation, routing, number health, suspensions, uploads. */
  'sweeps',
  /** Pruning what is past its retention in every workspace. */
  'retention',
  /** What the API does once at start over every workspace: sealing webhook secrets the migrations left plain. */
  'startup',
  /** The operators' commands: admin:create, keys:rotate, usage:rebuild, analytics:rebuild-facts. */
  'operator-command',
] as const;

export type CrossTenantPath = (typeof CROSS_TENANT_PATHS)[number];

/**
 * Whose rows the current call may see: one tenant, a named cross-tenant path, or, when neither is set, none. A
 * request's scope is filled in once its caller is authenticated, so it is mutable.
 */
export interface TenantScopeStore {
  tenantId?: string;
  crossTenant?: CrossTenantPath;
}

const scopes = new AsyncLocalStorage<TenantScopeStore>();

/** The settings a statement runs with now: [tenant id, cross-tenant path], each '' when unset. */
export function currentSettings(): readonly [string, string] {
  const store = scopes.getStore();
  return [store?.tenantId ?? '', store?.crossTenant ?? ''];
}

export const TenantScope = {
  /** Runs `work` with `store` as its scope; a request's store is filled in by the authentication guards. */
  run<T>(store: TenantScopeStore, work: () => T): T {
    return scopes.run(store, work);
  },

  /** Runs `work` seeing one tenant's rows only. */
  forTenant<T>(tenantId: string, work: () => T): T {
    return scopes.run({ tenantId }, work);
  },

  /** Runs `work` across tenants, on one of the named paths. */
  acrossTenants<T>(path: CrossTenantPath, work: () => T): T {
    return scopes.run({ crossTenant: path }, work);
  },

  /** Names the tenant of the current request (or job) once it is known. */
  enterTenant(tenantId: string): void {
    const store = scopes.getStore();
    if (store) {
      store.tenantId = tenantId;
      delete store.crossTenant;
    } else scopes.enterWith({ tenantId });
  },

  /** Puts the current request on a named cross-tenant path. */
  enterCrossTenant(path: CrossTenantPath): void {
    const store = scopes.getStore();
    if (store) store.crossTenant = path;
    else scopes.enterWith({ crossTenant: path });
  },

  current(): Readonly<TenantScopeStore> | undefined {
    return scopes.getStore();
  },
};
