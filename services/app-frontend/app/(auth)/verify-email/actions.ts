'use server';

import { verifyEmailSchema } from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { apiErrorFormState, type FormState, invalidFormState } from '@/lib/form-state';

export async function verifyEmailAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = verifyEmailSchema.safeParse({ token: formData.get('token') });
  if (!parsed.success) return invalidFormState(parsed.error.issues, {});
  const result = await apiFetch<void>('/auth/verify-email', { method: 'POST', body: parsed.data, token: null });
  if (!result.ok) return apiErrorFormState(result.error, {});
  return { status: 'success', message: 'Your email address is confirmed. You can now connect a WhatsApp number.' };
}
