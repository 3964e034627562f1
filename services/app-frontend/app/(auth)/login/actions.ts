'use server';

import { redirect } from 'next/navigation';
import { type AuthResponse, loginSchema } from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { apiErrorFormState, type FormState, invalidFormState, textValue } from '@/lib/form-state';
import { safeNextPath } from '@aerostic/shared/web';
import { startSession } from '@/lib/session/session';

export async function loginAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = { email: textValue(formData, 'email') };
  const parsed = loginSchema.safeParse({ email: formData.get('email'), password: formData.get('password') });
  if (!parsed.success) return invalidFormState(parsed.error.issues, values);

  const result = await apiFetch<AuthResponse>('/auth/login', { method: 'POST', body: parsed.data, token: null });
  if (!result.ok) return apiErrorFormState(result.error, values);

  await startSession(result.data.access_token);
  redirect(safeNextPath(formData.get('next'), { avoid: ['/login', '/register'] }));
}
