'use server';

import { redirect } from 'next/navigation';
import { passwordResetConfirmSchema } from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { apiErrorFormState, type FormState, invalidFormState } from '@/lib/form-state';

/** Every session of the account ended with the reset, so the person logs in afresh with the new password. */
export async function resetPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = passwordResetConfirmSchema.safeParse({
    token: formData.get('token'),
    password: formData.get('password'),
  });
  if (!parsed.success) return invalidFormState(parsed.error.issues, {});

  const result = await apiFetch<void>('/auth/password-reset/confirm', {
    method: 'POST',
    body: parsed.data,
    token: null,
  });
  if (!result.ok) return apiErrorFormState(result.error, {});
  redirect('/login?reason=password-reset');
}
