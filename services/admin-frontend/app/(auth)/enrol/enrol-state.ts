import type { TotpEnrolmentDto } from '@aerostic/shared';
import type { FormState } from '@aerostic/shared/web';

/** The key to scan stays in the page's state between the two steps; it is the admin's own. */
export interface EnrolState extends FormState {
  enrolment?: TotpEnrolmentDto;
}

export const NOT_STARTED: EnrolState = { status: 'idle' };
