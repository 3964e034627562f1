'use server';

import { passwordResetRequestSchema } from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { apiErrorFormState, type FormState, invalidFormState, textValue } from '@/lib/form-state';

/** The API answers 202 whether or not the address has an account, and so does this form. */
export async function requestPasswordResetAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = { email: textValue(formData, 'email') };
  const parsed = passwordResetRequestSchema.safeParse({ email: formData.get('email') });
  if (!parsed.success) return invalidFormState(parsed.error.issues, values);

  const result = await apiFetch<void>('/auth/password-reset', { method: 'POST', body: parsed.data, token: null });
  if (!result.ok) return apiErrorFormState(result.error, values);
  return {
    status: 'success',
    message: `If an account uses ${parsed.data.email}, a link to choose a new password is on its way. It works once, for 30 minutes.`,
    values,
  };
}
