'use server';

import { refresh } from 'next/cache';
import {
  type AuthResponse,
  changePasswordSchema,
  type MeResponse,
  type TenantDto,
  updateProfileSchema,
  updateTenantSchema,
} from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { apiErrorFormState, type FormState, invalidFormState, textValue } from '@/lib/form-state';
import { getSession, isAdmin, startSession } from '@/lib/session/session';

export async function updateWorkspaceAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!isAdmin(await getSession())) {
    return { status: 'error', message: 'You need admin rights to change workspace settings.' };
  }
  const values = {
    name: textValue(formData, 'name'),
    timeZone: textValue(formData, 'timeZone'),
  };
  const parsed = updateTenantSchema.safeParse({
    name: values.name,
    ...(values.timeZone !== '' && { timeZone: values.timeZone }),
  });
  if (!parsed.success) return invalidFormState(parsed.error.issues, values);

  const result = await apiFetch<TenantDto>('/tenants/me', { method: 'PATCH', body: parsed.data });
  if (!result.ok) return apiErrorFormState(result.error, values);

  refresh();
  return { status: 'success', message: 'Workspace settings saved.', values };
}

/** Any member: their own name, as the team sees it in the inbox and the team list. */
export async function updateProfileAction(_previous: FormState, formData: FormData): Promise<FormState> {
  await getSession();
  const values = { name: textValue(formData, 'name') };
  const parsed = updateProfileSchema.safeParse(values);
  if (!parsed.success) return invalidFormState(parsed.error.issues, values);

  const result = await apiFetch<MeResponse>('/auth/me', { method: 'PATCH', body: parsed.data });
  if (!result.ok) return apiErrorFormState(result.error, values);

  refresh();
  return { status: 'success', message: 'Your name is saved.', values: { name: result.data.user.name } };
}

/**
 * Any member. The API ends every session of the account when the password changes and answers a new token,
 * which replaces the cookie so that this browser stays signed in.
 */
export async function changePasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  await getSession();
  const parsed = changePasswordSchema.safeParse({
    currentPassword: formData.get('currentPassword'),
    newPassword: formData.get('newPassword'),
  });
  if (!parsed.success) return invalidFormState(parsed.error.issues);
  if (textValue(formData, 'confirmPassword') !== parsed.data.newPassword) {
    return {
      status: 'error',
      message: 'Check the highlighted fields.',
      fields: { confirmPassword: 'The two new passwords are not the same' },
    };
  }

  const result = await apiFetch<AuthResponse>('/auth/password', { method: 'POST', body: parsed.data });
  if (!result.ok) return apiErrorFormState(result.error);

  await startSession(result.data.access_token);
  return { status: 'success', message: 'Password changed. Other devices signed in to your account were signed out.' };
}
