import type { FormState } from '@aerostic/shared/web';

/** The sign-in form's state: the one-time code step follows a correct password for an enrolled admin. */
export interface SignInState extends FormState {
  step: 'password' | 'code';
}

export const FIRST_SIGN_IN_STATE: SignInState = { status: 'idle', step: 'password' };
