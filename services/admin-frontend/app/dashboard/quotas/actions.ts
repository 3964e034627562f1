'use server';

import { refresh } from 'next/cache';
import { type LimitValues, updateLimitDefaultsSchema } from '@aerostic/shared';
import type { FormState } from '@aerostic/shared/web';
import { NEEDS_SUPER_ADMIN, signedInSuperAdmin } from '@/lib/admin-actions';
import { apiFetch } from '@/lib/api';
import { defaultsFromForm, limitFormValues, limitsApiRefusal, limitsFormRefusal } from '@/lib/limits-form';

export async function saveDefaultsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(await signedInSuperAdmin())) return NEEDS_SUPER_ADMIN;
  const values = limitFormValues(formData);
  const parsed = updateLimitDefaultsSchema.safeParse({ values: defaultsFromForm(formData), reason: values.reason });
  if (!parsed.success) return limitsFormRefusal(parsed.error.issues, values);

  const result = await apiFetch<LimitValues>('/admin/limits', { method: 'PUT', body: parsed.data });
  if (!result.ok) return limitsApiRefusal(result.error, values);
  refresh();
  return { status: 'success', message: 'Platform defaults saved. Tenants without an override follow them at once.' };
}
