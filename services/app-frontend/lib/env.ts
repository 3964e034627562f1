import 'server-only';
import { type AppFrontendEnv, appFrontendEnvSchema, parseEnv } from '@aerostic/shared';

let cached: AppFrontendEnv | undefined;

/** The validated environment, parsed on first use so that `next build` does not need runtime variables. */
export function getEnv(): AppFrontendEnv {
  cached ??= parseEnv(appFrontendEnvSchema);
  return cached;
}
