'use server';

import { refresh } from 'next/cache';
import { createPlanSchema, type PlanDto, updatePlanSchema } from '@aerostic/shared';
import type { FormState } from '@aerostic/shared/web';
import { idSchema, NEEDS_SUPER_ADMIN, signedInSuperAdmin } from '@/lib/admin-actions';
import { apiFetch } from '@/lib/api';
import { planApiRefusal, planFormRefusal, planFormValues, planFromForm } from '@/lib/plan-form';

/** Creates a plan, or (with `planId`) replaces an existing plan's fields. */
export async function savePlanAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(await signedInSuperAdmin())) return NEEDS_SUPER_ADMIN;
  const values = planFormValues(formData);
  const rawId = formData.get('planId');
  const body = planFromForm(formData);
  const id = typeof rawId === 'string' ? idSchema.safeParse(rawId) : null;
  if (id && !id.success) return { status: 'error', message: id.error.issues[0]?.message, values };

  const parsed = (id ? updatePlanSchema : createPlanSchema).safeParse(body);
  if (!parsed.success) return planFormRefusal(parsed.error.issues, body, values);
  const result = id
    ? await apiFetch<PlanDto>(`/admin/plans/${id.data}`, { method: 'PATCH', body: parsed.data })
    : await apiFetch<PlanDto>('/admin/plans', { method: 'POST', body: parsed.data });
  if (!result.ok) return planApiRefusal(result.error, body, values);
  refresh();
  return {
    status: 'success',
    message: id
      ? `${result.data.name} saved. Its subscribers have its new quotas at once and its new prices from their next invoice.`
      : `${result.data.name} created.`,
  };
}
