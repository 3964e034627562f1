import { type PlatformAdminRole } from '@aerostic/shared';
import { AdminTokenService } from '../../src/admin/auth/admin-token.service';
import { PasswordService } from '../../src/auth/password.service';
import { uniqueEmail } from './builders';
import { type TestApp } from './test-app';

export interface PlatformAdminAccount {
  id: string;
  email: string;
  password: string;
  /** An admin token issued for it, as a login would. */
  token: string;
}

/** A platform admin arranged in the database (as `npm run admin:create` would), with a token of its own. */
export async function createPlatformAdmin(
  t: TestApp,
  role: PlatformAdminRole = 'super_admin',
): Promise<PlatformAdminAccount> {
  const email = uniqueEmail(role.replace('_', '-'));
  const password = 'platform admin password';
  const passwordHash = await t.app.get(PasswordService).hash(password);
  const [row] = await t.sql(
    `INSERT INTO platform_admins (email, name, password_hash, role) VALUES ($1, 'Pat Platform', $2, $3) RETURNING id`,
    [email, passwordHash, role],
  );
  const id = String(row?.id);
  const token = await t.app.get(AdminTokenService).issue({ id, tokenVersion: 0 });
  return { id, email, password, token };
}
