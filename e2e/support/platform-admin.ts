import { spawnSync } from 'node:child_process';
import type { AdminAuthResponse } from '@aerostic/shared';
import { apiBaseUrl, expectOk, httpJson } from './stack-clients';
import { E2E_DATABASE_URL, REPO_ROOT } from './stack-config';

/** Creates a super admin the way an operator does, with `npm run admin:create` against the e2e database. */
export function createSuperAdmin(email: string, password: string): void {
  const result = spawnSync('npm', ['run', '--silent', 'admin:create', '--', '--email', email, '--password', password], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? E2E_DATABASE_URL },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`npm run admin:create failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

/** A new super admin's token, signed in through the admin API (no authenticator outside production). */
export async function superAdminToken(email: string, password: string): Promise<string> {
  createSuperAdmin(email, password);
  const result = await httpJson(new URL('/admin/auth/login', apiBaseUrl()).toString(), {
    method: 'POST',
    body: { email, password },
  });
  return expectOk<AdminAuthResponse>(result, 'POST /admin/auth/login').access_token;
}
