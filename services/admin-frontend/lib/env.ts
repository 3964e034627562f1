import { type AdminFrontendEnv, adminFrontendEnvSchema, parseEnv } from '@aerostic/shared';

let env: AdminFrontendEnv | undefined;

/**
 * The validated environment, read on first use so that `next build` needs no runtime variables. It holds no
 * secret, and the middleware reads it too (where a `server-only` import would throw).
 */
export function getEnv(): AdminFrontendEnv {
  return (env ??= parseEnv(adminFrontendEnvSchema));
}
