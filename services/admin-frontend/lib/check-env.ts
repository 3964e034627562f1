import 'server-only';
import { adminFrontendEnvSchema, parseEnv } from '@aerostic/shared';

// A bad or missing variable stops start-up with every problem named, instead of failing the first request that
// needs it. Next only logs a throwing instrumentation hook and keeps serving, hence the exit.
try {
  parseEnv(adminFrontendEnvSchema);
} catch (error) {
  console.error(`admin-frontend: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
