'use server';

import { redirect } from 'next/navigation';
import { forgetRenderedPages } from '@/lib/session/forget-rendered-pages';
import { type AdminAuthResponse, acceptAdminInvitationSchema } from '@aerostic/shared';
import { type FormState, apiErrorFormState, formFields, invalidFormState, textValue } from '@aerostic/shared/web';
import { apiFetch } from '@/lib/api';
import { startSession } from '@/lib/session/session';

const GONE =
  'This invitation can no longer be used: it was used, revoked or has expired. Ask a super admin for a new one.';

export async function acceptInvitationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = { name: textValue(formData, 'name') };
  const parsed = acceptAdminInvitationSchema.safeParse(formFields(formData, ['token', 'name', 'password']));
  if (!parsed.success) return invalidFormState(parsed.error.issues, values);

  const result = await apiFetch<AdminAuthResponse>('/admin/auth/accept-invitation', {
    method: 'POST',
    body: parsed.data,
    token: null,
  });
  if (!result.ok) {
    return result.status === 404 || result.status === 410
      ? { status: 'error', message: GONE, values }
      : apiErrorFormState(result.error, values);
  }
  await startSession(result.data.access_token);
  // The middleware sends an admin who must enrol on to /enrol.
  forgetRenderedPages();
  redirect('/dashboard');
}
