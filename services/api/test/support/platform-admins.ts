import { ADMIN_COOKIE_NAME, type PlatformAdminRole, type TotpEnrolmentDto } from '@aerostic/shared';
import { generate } from 'otplib';
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
  options: { email?: string } = {},
): Promise<PlatformAdminAccount> {
  const email = options.email ?? uniqueEmail(role.replace('_', '-'));
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

/**
 * The authenticator's code `stepsAhead` 30-second steps from now. The API accepts the current step and one either
 * side, each once: a test uses the current code and then the next, which stay accepted across a step boundary.
 */
export function totpCode(secret: string, stepsAhead = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });
}

/** Enrols an authenticator for the admin through the API, confirming it with the current code; answers its key. */
export async function enrolAuthenticator(t: TestApp, admin: PlatformAdminAccount): Promise<string> {
  const res = await t.http().post('/admin/auth/totp/enrol').auth(admin.token, { type: 'bearer' }).expect(200);
  const { secret } = res.body as TotpEnrolmentDto;
  await t
    .http()
    .post('/admin/auth/totp/confirm')
    .auth(admin.token, { type: 'bearer' })
    .send({ code: await totpCode(secret) })
    .expect(200);
  return secret;
}

/** The `admin_token` cookie a response sets, whole (`admin_token=...; Max-Age=...; HttpOnly`), if any. */
export function adminCookieOf(res: { headers: Record<string, unknown> }): string | undefined {
  return ([] as string[])
    .concat((res.headers['set-cookie'] as string[] | undefined) ?? [])
    .find((cookie) => cookie.startsWith(`${ADMIN_COOKIE_NAME}=`));
}
