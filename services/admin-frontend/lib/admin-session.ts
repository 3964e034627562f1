/**
 * Cookie that will hold a platform admin's session. Platform-admin accounts (a separate table and login in the
 * API) do not exist yet, so nothing sets it; the middleware already keeps the dashboard behind it.
 */
export const ADMIN_COOKIE_NAME = 'admin_token';
