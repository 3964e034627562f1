import { z } from 'zod';
import { PLATFORM_ADMIN_ROLES } from '../constants/roles';
import { acceptInvitationSchema, loginSchema } from './auth';
import { emailField, passwordField, personNameField, strictObject } from './fields';

/*
 * Request bodies of the platform admins' API (`/admin/auth/...`, `/admin/admins/...`) and of `npm run admin:create`.
 */

const TOTP_CODE_MESSAGE = 'Enter the 6-digit code your authenticator app shows';

/** A one-time code (RFC 6238): six digits; spaces are ignored, as apps show "123 456". */
export const totpCodeField = z
  .string({ error: TOTP_CODE_MESSAGE })
  .transform((v) => v.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, TOTP_CODE_MESSAGE));

export const platformAdminRoleField = z.enum(PLATFORM_ADMIN_ROLES, {
  error: `Role must be one of: ${PLATFORM_ADMIN_ROLES.join(', ')}`,
});

/** Why an admin did something; kept in the audit log. */
export const adminReasonField = z
  .string({ error: 'Reason must be text' })
  .trim()
  .min(1, 'Reason must not be empty: leave it out instead')
  .max(500, 'Reason must be at most 500 characters');

export const adminLoginSchema = strictObject({
  ...loginSchema.shape,
  // Left out (or empty, as a form sends it) until the API asks for it: only enrolled admins need one.
  totp: z.preprocess((v) => (v === '' || v === null ? undefined : v), totpCodeField.optional()),
});
export type AdminLoginInput = z.infer<typeof adminLoginSchema>;

export const totpConfirmSchema = strictObject({ code: totpCodeField });
export type TotpConfirmInput = z.infer<typeof totpConfirmSchema>;

/** Least privilege unless asked: a new admin is support staff. */
export const createAdminInvitationSchema = strictObject({
  email: emailField,
  role: platformAdminRoleField.default('admin'),
});
export type CreateAdminInvitationInput = z.infer<typeof createAdminInvitationSchema>;

/** An admin invitation is accepted like a workspace invitation: the link's token, a name and a password. */
export const acceptAdminInvitationSchema = acceptInvitationSchema;
export type AcceptAdminInvitationInput = z.infer<typeof acceptAdminInvitationSchema>;

export const updatePlatformAdminSchema = strictObject({
  role: platformAdminRoleField.optional(),
  active: z.boolean({ error: 'active must be true or false' }).optional(),
  reason: adminReasonField.optional(),
}).refine((v) => v.role !== undefined || v.active !== undefined, {
  message: 'Provide at least one of: role, active',
});
export type UpdatePlatformAdminInput = z.infer<typeof updatePlatformAdminSchema>;

/** `npm run admin:create -- --email E --password P [--name N]`: the same password rules as every account. */
export const createPlatformAdminSchema = strictObject(
  { email: emailField, password: passwordField, name: personNameField.optional() },
  'this command takes only --email, --password and --name',
);
export type CreatePlatformAdminInput = z.infer<typeof createPlatformAdminSchema>;
