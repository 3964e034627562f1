/** Whether a Microsoft user from an allowed domain with no account joins as an agent or needs an invitation. */
export const MICROSOFT_JOIN_POLICIES = ['agent', 'invitation'] as const;
export type MicrosoftJoinPolicy = (typeof MICROSOFT_JOIN_POLICIES)[number];

/** `GET/PUT /auth/microsoft/settings`: the workspace's link to an Entra tenant. */
export interface MicrosoftSignInSettingsDto {
  /** Whether the platform has Microsoft sign-in configured at all (ENTRA_AUTHORITY). */
  available: boolean;
  entraTenantId: string | null;
  allowedDomains: string[];
  joinPolicy: MicrosoftJoinPolicy;
  passwordSignIn: boolean;
}

/**
 * Why a Microsoft sign-in was refused; the callback redirects to the login page with `?microsoft_error=<code>`,
 * and the page shows the message.
 */
export const MICROSOFT_SIGN_IN_ERRORS = {
  wrong_tenant: 'Your Microsoft organization (Entra tenant) is not the one linked to this workspace.',
  domain_not_allowed: "Your email's domain is not allowed to sign in with Microsoft to this workspace.",
  invitation_required: 'You have no account in this workspace yet: ask an admin for an invitation.',
  deactivated: 'This account has been deactivated by a workspace admin.',
  suspended: 'This workspace is suspended. Contact Aerostic support to restore access.',
  not_platform_admin: 'This Microsoft account is not a platform admin.',
  expired: 'The Microsoft sign-in took too long or was already used: try again.',
  unavailable: 'Microsoft sign-in is not configured.',
  failed: 'Microsoft sign-in failed: try again.',
} as const;
export type MicrosoftSignInErrorCode = keyof typeof MICROSOFT_SIGN_IN_ERRORS;

export function microsoftSignInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  return Object.hasOwn(MICROSOFT_SIGN_IN_ERRORS, code)
    ? MICROSOFT_SIGN_IN_ERRORS[code as MicrosoftSignInErrorCode]
    : MICROSOFT_SIGN_IN_ERRORS.failed;
}
