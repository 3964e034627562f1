import { randomBytes } from 'node:crypto';
import { type AuthResponse, type CreatedInvitationDto, type UserRole } from '@aerostic/shared';
import { type TestApp } from './test-app';

export interface Member {
  token: string;
  userId: string;
  tenantId: string;
  email: string;
  password: string;
}

export const uniqueEmail = (label = 'user') => `${label}-${randomBytes(4).toString('hex')}@example.test`;

/** A client address from the range set aside for tests (198.18.0.0/15), a different one at each call. */
export function testAddress(): string {
  const [a = 0, b = 0, c = 0] = randomBytes(3);
  return `198.${18 + (a & 1)}.${b}.${c}`;
}

/**
 * A fresh workspace with its admin, signed up from an address of its own: sign-ups are limited per address. The
 * admin's address counts as verified (as if the mailed link was opened) unless `emailVerified` is false.
 */
export async function registerTenant(
  t: TestApp,
  tenantName = 'Acme Dental',
  { emailVerified = true }: { emailVerified?: boolean } = {},
): Promise<Member> {
  const email = uniqueEmail('admin');
  const password = 'correct horse battery';
  const res = await t
    .http()
    .post('/auth/register')
    .set('X-Forwarded-For', testAddress())
    .send({ tenantName, name: 'Ada Admin', email, password })
    .expect(201);
  const body = res.body as Required<AuthResponse>;
  if (emailVerified) await t.sql(`UPDATE users SET email_verified_at = now() WHERE id = $1`, [body.user.id]);
  return { token: body.access_token, userId: body.user.id, tenantId: body.tenant.id, email, password };
}

export async function invite(t: TestApp, admin: Member, role: UserRole = 'agent', email = uniqueEmail(role)) {
  const res = await t
    .http()
    .post('/users/invitations')
    .auth(admin.token, { type: 'bearer' })
    .send({ email, role })
    .expect(201);
  const body = res.body as CreatedInvitationDto;
  return { ...body, token: new URL(body.invitationUrl).searchParams.get('token') ?? '' };
}

/** A second member of the admin's workspace, signed in. */
export async function addMember(t: TestApp, admin: Member, role: UserRole = 'agent'): Promise<Member> {
  const invitation = await invite(t, admin, role);
  const password = 'agent password 123';
  const res = await t
    .http()
    .post('/auth/accept-invitation')
    .send({ token: invitation.token, name: 'Alan Agent', password })
    .expect(200);
  const body = res.body as AuthResponse;
  return {
    token: body.access_token,
    userId: body.user.id,
    tenantId: admin.tenantId,
    email: invitation.email,
    password,
  };
}

/** An admin deactivates a user of their workspace (answers the request: the caller expects its status). */
export const deactivation = (t: TestApp, admin: Member, userId: string) =>
  t.http().patch(`/users/${userId}`).auth(admin.token, { type: 'bearer' }).send({ active: false });

/** A member changes their password with the token they hold (answers the request: the caller expects its status). */
export const passwordChange = (t: TestApp, member: Member, newPassword = 'a brand new password') =>
  t
    .http()
    .post('/auth/password')
    .auth(member.token, { type: 'bearer' })
    .send({ currentPassword: member.password, newPassword });
