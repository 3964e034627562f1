import { z } from 'zod';
import { emailField, passwordField, personNameField, strictObject } from './fields';

export const registerSchema = strictObject({
  tenantName: z
    .string({ error: 'Workspace name is required' })
    .trim()
    .min(2, 'Workspace name must be at least 2 characters')
    .max(120, 'Workspace name must be at most 120 characters'),
  name: personNameField,
  email: emailField,
  password: passwordField,
});
export type RegisterInput = z.infer<typeof registerSchema>;

export const loginSchema = strictObject({
  email: emailField,
  // No length rules on login: a wrong password answers the same as an unknown email.
  password: z.string({ error: 'Password is required' }).min(1, 'Password is required').max(1024),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const acceptInvitationSchema = strictObject({
  token: z.string({ error: 'Invitation token is required' }).min(20, 'Invitation token is invalid').max(200),
  name: personNameField,
  password: passwordField,
});
export type AcceptInvitationInput = z.infer<typeof acceptInvitationSchema>;

export const changePasswordSchema = strictObject({
  currentPassword: z.string({ error: 'Current password is required' }).min(1, 'Current password is required'),
  newPassword: passwordField,
});
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** What a member may change about themselves (`PATCH /auth/me`). */
export const updateProfileSchema = strictObject({ name: personNameField });
export type UpdateProfileInput = z.infer<typeof updateProfileSchema>;

/** `POST /auth/password-reset`: always 202, whether or not an account has this address. */
export const passwordResetRequestSchema = strictObject({ email: emailField });
export type PasswordResetRequestInput = z.infer<typeof passwordResetRequestSchema>;

const emailedToken = (what: string) =>
  z
    .string({ error: `${what} token is required` })
    .min(20, `${what} token is invalid`)
    .max(200);

/** `POST /auth/password-reset/confirm`: the token from the emailed link and the new password. */
export const passwordResetConfirmSchema = strictObject({ token: emailedToken('Reset'), password: passwordField });
export type PasswordResetConfirmInput = z.infer<typeof passwordResetConfirmSchema>;

/** `POST /auth/verify-email`: the token from the emailed link. */
export const verifyEmailSchema = strictObject({ token: emailedToken('Verification') });
export type VerifyEmailInput = z.infer<typeof verifyEmailSchema>;
