'use server';

import { redirect } from 'next/navigation';
import { type AuthResponse, registerSchema } from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { apiErrorFormState, type FormState, invalidFormState, textValue } from '@/lib/form-state';
import { startSession } from '@/lib/session/session';

export async function registerAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = {
    tenantName: textValue(formData, 'tenantName'),
    name: textValue(formData, 'name'),
    email: textValue(formData, 'email'),
  };
  const parsed = registerSchema.safeParse({
    tenantName: formData.get('tenantName'),
    name: formData.get('name'),
    email: formData.get('email'),
    password: formData.get('password'),
  });
  if (!parsed.success) return invalidFormState(parsed.error.issues, values);

  const result = await apiFetch<AuthResponse>('/auth/register', { method: 'POST', body: parsed.data, token: null });
  if (!result.ok) {
    // A taken email is the one conflict a person can fix here; point at the field as well.
    if (result.status === 409) {
      return { ...apiErrorFormState(result.error, values), fields: { email: 'This email already has an account.' } };
    }
    return apiErrorFormState(result.error, values);
  }

  await startSession(result.data.access_token);
  redirect('/dashboard');
}
