'use server';

import { redirect } from 'next/navigation';
import { type AuthResponse, acceptInvitationSchema } from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { apiErrorFormState, type FormState, invalidFormState, textValue } from '@/lib/form-state';
import { startSession } from '@/lib/session/session';

export async function acceptInvitationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = { name: textValue(formData, 'name') };
  const parsed = acceptInvitationSchema.safeParse({
    token: formData.get('token'),
    name: formData.get('name'),
    password: formData.get('password'),
  });
  if (!parsed.success) return invalidFormState(parsed.error.issues, values);

  const result = await apiFetch<AuthResponse>('/auth/accept-invitation', {
    method: 'POST',
    body: parsed.data,
    token: null,
  });
  if (!result.ok) {
    if (result.status === 404) {
      return {
        status: 'error',
        message:
          'This invitation is no longer valid: it was used, revoked or has expired. Ask your admin for a new one.',
        values,
      };
    }
    return apiErrorFormState(result.error, values);
  }

  await startSession(result.data.access_token);
  redirect('/dashboard');
}
