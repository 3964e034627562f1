/** The role the API connects as: it owns nothing and is held to row-level security (docs/adr/0203). */
export const APP_ROLE = 'aerostic_app';

/** The per-transaction settings the row-level security policies read (docs/adr/0203). */
export const TENANT_SETTING = 'app.tenant_id';
export const CROSS_TENANT_SETTING = 'app.cross_tenant';
