import type { UserRole } from '@aerostic/shared';
import type { FormState } from '@/lib/form-state';

/** The invite form's state: the link is only ever in this response, so the form keeps it to show once. */
export interface InviteState extends FormState {
  invitation?: { email: string; role: UserRole; invitationUrl: string; expiresAt: string };
}
