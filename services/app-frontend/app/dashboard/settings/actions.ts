'use server';

import { refresh } from 'next/cache';
import { type TenantDto, updateTenantSchema } from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { apiErrorFormState, type FormState, invalidFormState, textValue } from '@/lib/form-state';
import { getSession, isAdmin } from '@/lib/session';

export async function updateWorkspaceAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!isAdmin(await getSession())) {
    return { status: 'error', message: 'You need admin rights to change workspace settings.' };
  }
  const values = { name: textValue(formData, 'name'), webhookUrl: textValue(formData, 'webhookUrl') };
  // An emptied webhook field means "stop sending events", which the API spells as null.
  const webhookUrl = values.webhookUrl.trim() === '' ? null : values.webhookUrl.trim();
  const parsed = updateTenantSchema.safeParse({ name: values.name, webhookUrl });
  if (!parsed.success) return invalidFormState(parsed.error.issues, values);

  const result = await apiFetch<TenantDto>('/tenants/me', { method: 'PATCH', body: parsed.data });
  if (!result.ok) return apiErrorFormState(result.error, values);

  refresh();
  return { status: 'success', message: 'Workspace settings saved.', values };
}
