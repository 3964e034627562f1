'use server';

import { refresh } from 'next/cache';
import type { MetaRateDto } from '@aerostic/shared';
import type { FormState } from '@aerostic/shared/web';
import { NEEDS_SUPER_ADMIN, signedInSuperAdmin } from '@/lib/admin-actions';
import { apiFetch } from '@/lib/api';
import { rateCardApiRefusal, ratesFromForm } from '@/lib/rate-card-form';

/** Replaces Meta's rate card: estimated costs use the new rates from the next message on. */
export async function saveRateCardAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(await signedInSuperAdmin())) return NEEDS_SUPER_ADMIN;
  const parsed = ratesFromForm(formData);
  if (!parsed.ok) {
    return { status: 'error', message: 'Check the highlighted rates.', fields: parsed.fields, values: parsed.values };
  }

  const result = await apiFetch<MetaRateDto[]>('/admin/rate-card', { method: 'PUT', body: { rates: parsed.rates } });
  if (!result.ok) return rateCardApiRefusal(result.error, parsed.rates, parsed.values);
  refresh();
  return { status: 'success', message: 'Rate card saved. Messages from now on are priced with it.' };
}
