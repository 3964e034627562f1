import type { CreatedAdminInvitationDto } from '@aerostic/shared';
import type { FormState } from '@aerostic/shared/web';

/** The invitation link exists only in the API's answer: the form keeps it to show once. */
export interface InviteAdminState extends FormState {
  invitation?: Pick<CreatedAdminInvitationDto, 'email' | 'role' | 'invitationUrl' | 'expiresAt'>;
}

export const ROLE_CHOICES = [
  { value: 'admin', label: 'Admin (support)' },
  { value: 'super_admin', label: 'Super admin (everything)' },
] as const;
