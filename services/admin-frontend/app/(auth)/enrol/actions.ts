'use server';

import { redirect } from 'next/navigation';
import { forgetRenderedPages } from '@/lib/session/forget-rendered-pages';
import { type PlatformAdminDto, type TotpEnrolmentDto, totpConfirmSchema } from '@aerostic/shared';
import { apiErrorFormState, invalidFormState } from '@aerostic/shared/web';
import { apiFetch } from '@/lib/api';
import type { EnrolState } from './enrol-state';

/** A new key to scan; asking again replaces a key that was never confirmed. */
export async function startEnrolmentAction(_previous: EnrolState): Promise<EnrolState> {
  const result = await apiFetch<TotpEnrolmentDto>('/admin/auth/totp/enrol', { method: 'POST' });
  if (!result.ok) return apiErrorFormState(result.error);
  return { status: 'success', enrolment: result.data };
}

/** The first code proves the app holds the key; from then on every sign-in asks for one. */
export async function confirmEnrolmentAction(previous: EnrolState, formData: FormData): Promise<EnrolState> {
  const parsed = totpConfirmSchema.safeParse({ code: formData.get('code') });
  if (!parsed.success) return { ...invalidFormState(parsed.error.issues), enrolment: previous.enrolment };

  const result = await apiFetch<PlatformAdminDto>('/admin/auth/totp/confirm', { method: 'POST', body: parsed.data });
  if (!result.ok) return { ...apiErrorFormState(result.error), enrolment: previous.enrolment };
  forgetRenderedPages();
  redirect('/dashboard?enrolled=1');
}
