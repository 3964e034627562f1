'use server';

import { apiFetch } from '@/lib/api';
import { apiErrorFormState, type FormState } from '@/lib/form-state';

/** The banner's "resend": the API mails a new link (the older ones stop working), limited per hour. */
export async function resendVerificationAction(_previous: FormState, _formData: FormData): Promise<FormState> {
  const result = await apiFetch<void>('/auth/verify-email/resend', { method: 'POST' });
  if (!result.ok) return apiErrorFormState(result.error, {});
  return { status: 'success', message: 'A new link is on its way.' };
}
