import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'e2e', 'artifacts');
export const STACK_PID_FILE = path.join(ARTIFACTS_DIR, 'stack.pid');
export const STACK_LOG_FILE = path.join(ARTIFACTS_DIR, 'stack.log');
export const STACK_READY_LINE = 'Aerostic stack ready';

/** The browser tests' own database and Redis prefix, so that they never touch development data. */
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/aerostic_e2e';
export const E2E_REDIS_PREFIX = 'aerostic-e2e';
