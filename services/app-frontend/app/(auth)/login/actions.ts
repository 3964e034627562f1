'use server';

import { redirect } from 'next/navigation';
import { type LoginResponse, loginSchema } from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { apiErrorFormState, type FormState, invalidFormState, textValue } from '@/lib/form-state';
import { safeNextPath } from '@aerostic/shared/web';
import { readKnownDevice, rememberDevice, startSession } from '@/lib/session/session';

export async function loginAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = { email: textValue(formData, 'email') };
  const parsed = loginSchema.safeParse({ email: formData.get('email'), password: formData.get('password') });
  if (!parsed.success) return invalidFormState(parsed.error.issues, values);

  // The browser's known-device cookie lets its owner through an account lock; the API reads it from this header.
  const device = await readKnownDevice();
  const result = await apiFetch<LoginResponse>('/auth/login', {
    method: 'POST',
    body: parsed.data,
    token: null,
    headers: device ? { 'x-known-device': device } : {},
  });
  if (!result.ok) return apiErrorFormState(result.error, values);

  await startSession(result.data.access_token);
  await rememberDevice(result.data.device_token);
  redirect(safeNextPath(formData.get('next'), { avoid: ['/login', '/register'] }));
}
