'use server';

import { refresh } from 'next/cache';
import {
  type AdminTenantSummaryDto,
  type TenantLimitsDto,
  reactivateTenantSchema,
  suspendTenantSchema,
  updateTenantLimitsSchema,
} from '@aerostic/shared';
import { type FormState, apiErrorFormState, invalidFormState, textValue } from '@aerostic/shared/web';
import { NEEDS_SUPER_ADMIN, idSchema, signedInAdmin, signedInSuperAdmin } from '@/lib/admin-actions';
import { apiFetch } from '@/lib/api';
import { limitsApiRefusal, limitsFormRefusal, limitFormValues, overridesFromForm } from '@/lib/limits-form';

/** A suspension needs its reason; a reactivation may give one. Both land in the tenant's audit log. */
const LIFECYCLE = {
  suspend: {
    schema: suspendTenantSchema,
    done: (tenant: AdminTenantSummaryDto) => `${tenant.name} is suspended: its people can no longer sign in.`,
  },
  reactivate: {
    schema: reactivateTenantSchema,
    done: (tenant: AdminTenantSummaryDto) => `${tenant.name} is active again.`,
  },
} as const;

async function changeLifecycle(change: keyof typeof LIFECYCLE, formData: FormData): Promise<FormState> {
  await signedInAdmin();
  const reason = textValue(formData, 'reason');
  const values = { reason };
  const tenantId = idSchema.safeParse(formData.get('tenantId'));
  if (!tenantId.success) return invalidFormState(tenantId.error.issues, values);
  // A reactivation's empty reason box means no reason, not an empty one.
  const parsed = LIFECYCLE[change].schema.safeParse(reason.trim() === '' && change === 'reactivate' ? {} : { reason });
  if (!parsed.success) return invalidFormState(parsed.error.issues, values);

  const result = await apiFetch<AdminTenantSummaryDto>(`/admin/tenants/${tenantId.data}/${change}`, {
    method: 'POST',
    body: parsed.data,
  });
  if (!result.ok) return apiErrorFormState(result.error, values);
  refresh();
  return { status: 'success', message: LIFECYCLE[change].done(result.data) };
}

export async function suspendTenantAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return changeLifecycle('suspend', formData);
}

export async function reactivateTenantAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return changeLifecycle('reactivate', formData);
}

export async function saveTenantLimitsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(await signedInSuperAdmin())) return NEEDS_SUPER_ADMIN;
  const values = limitFormValues(formData);
  const tenantId = idSchema.safeParse(formData.get('tenantId'));
  if (!tenantId.success) return invalidFormState(tenantId.error.issues, values);
  const parsed = updateTenantLimitsSchema.safeParse({ overrides: overridesFromForm(formData), reason: values.reason });
  if (!parsed.success) return limitsFormRefusal(parsed.error.issues, values);

  const result = await apiFetch<TenantLimitsDto>(`/admin/tenants/${tenantId.data}/limits`, {
    method: 'PUT',
    body: parsed.data,
  });
  if (!result.ok) return limitsApiRefusal(result.error, values);
  refresh();
  return { status: 'success', message: 'Limits saved. They apply to the next invitation, number, contact or send.' };
}
