'use server';

import { refresh } from 'next/cache';
import { microsoftSignInSettingsSchema, type MicrosoftSignInSettingsDto } from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { apiErrorFormState, type FormState, invalidFormState, textValue } from '@/lib/form-state';
import { getSession, isAdmin } from '@/lib/session/session';

/** Admins only: links the workspace to an Entra tenant; domains are typed comma- or line-separated. */
export async function updateMicrosoftSignInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!isAdmin(await getSession())) {
    return { status: 'error', message: 'You need admin rights to change Microsoft sign-in.' };
  }
  const values = {
    entraTenantId: textValue(formData, 'entraTenantId'),
    allowedDomains: textValue(formData, 'allowedDomains'),
    joinPolicy: textValue(formData, 'joinPolicy'),
    passwordSignIn: formData.get('passwordSignIn') === 'on' ? 'on' : 'off',
  };
  const parsed = microsoftSignInSettingsSchema.safeParse({
    entraTenantId: values.entraTenantId,
    allowedDomains: values.allowedDomains.split(/[\s,]+/).filter(Boolean),
    joinPolicy: values.joinPolicy,
    passwordSignIn: values.passwordSignIn === 'on',
  });
  if (!parsed.success) return invalidFormState(parsed.error.issues, values);

  const result = await apiFetch<MicrosoftSignInSettingsDto>('/auth/microsoft/settings', {
    method: 'PUT',
    body: parsed.data,
  });
  if (!result.ok) return apiErrorFormState(result.error, values);

  refresh();
  return { status: 'success', message: 'Microsoft sign-in settings saved.', values };
}
