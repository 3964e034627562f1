import { z } from 'zod';
import { MICROSOFT_JOIN_POLICIES } from '../types/microsoft-sign-in';
import { strictObject } from './fields';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** `PUT /auth/microsoft/settings`. Password sign-in may only be turned off once an Entra tenant is linked. */
export const microsoftSignInSettingsSchema = strictObject({
  entraTenantId: z
    .preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
      z.uuid({ error: 'entraTenantId must be an Entra tenant id (a UUID)' }).nullable(),
    )
    .transform((v) => v?.toLowerCase() ?? null),
  allowedDomains: z
    .array(
      z
        .string({ error: 'allowedDomains must be a list of domains' })
        .trim()
        .toLowerCase()
        .regex(DOMAIN, 'allowedDomains must each be a domain such as contoso.com'),
      { error: 'allowedDomains must be a list of domains' },
    )
    .max(50, 'allowedDomains may hold at most 50 domains')
    .transform((domains) => [...new Set(domains)]),
  joinPolicy: z.enum(MICROSOFT_JOIN_POLICIES, {
    error: `joinPolicy must be one of: ${MICROSOFT_JOIN_POLICIES.join(', ')}`,
  }),
  passwordSignIn: z.boolean({ error: 'passwordSignIn must be true or false' }),
}).superRefine((value, ctx) => {
  if (!value.passwordSignIn && value.entraTenantId === null)
    ctx.addIssue({
      code: 'custom',
      path: ['passwordSignIn'],
      message: 'passwordSignIn can only be turned off once an Entra tenant is linked',
    });
  if (value.entraTenantId !== null && value.allowedDomains.length === 0)
    ctx.addIssue({ code: 'custom', path: ['allowedDomains'], message: 'allowedDomains must name at least one domain' });
});
export type MicrosoftSignInSettingsInput = z.infer<typeof microsoftSignInSettingsSchema>;
