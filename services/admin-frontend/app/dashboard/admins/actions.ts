'use server';

import { refresh } from 'next/cache';
import {
  type CreatedAdminInvitationDto,
  type PlatformAdminDto,
  createAdminInvitationSchema,
  updatePlatformAdminSchema,
} from '@aerostic/shared';
import { type FormState, apiErrorFormState, formFields, invalidFormState, textValue } from '@aerostic/shared/web';
import { NEEDS_SUPER_ADMIN, idSchema, signedInSuperAdmin } from '@/lib/admin-actions';
import { apiFetch } from '@/lib/api';
import { ADMIN_ROLE_LABELS } from '@/lib/labels';
import type { InviteAdminState } from './admin-state';

export async function inviteAdminAction(_previous: InviteAdminState, formData: FormData): Promise<InviteAdminState> {
  if (!(await signedInSuperAdmin())) return NEEDS_SUPER_ADMIN;
  const values = { email: textValue(formData, 'email'), role: textValue(formData, 'role') };
  const parsed = createAdminInvitationSchema.safeParse(formFields(formData, ['email', 'role']));
  if (!parsed.success) return invalidFormState(parsed.error.issues, values);

  const result = await apiFetch<CreatedAdminInvitationDto>('/admin/admins/invitations', {
    method: 'POST',
    body: parsed.data,
  });
  if (!result.ok) return apiErrorFormState(result.error, values);
  refresh();
  const { email, role, invitationUrl, expiresAt } = result.data;
  return { status: 'success', invitation: { email, role, invitationUrl, expiresAt } };
}

/**
 * One action for the three changes a row offers (`intent`: role, deactivate, reactivate). The API refuses to
 * leave the platform without an active super admin; its sentence is shown as it is.
 */
export async function updateAdminAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(await signedInSuperAdmin())) return NEEDS_SUPER_ADMIN;
  const id = idSchema.safeParse(formData.get('adminId'));
  if (!id.success) return invalidFormState(id.error.issues);

  const intent = textValue(formData, 'intent');
  const reason = textValue(formData, 'reason').trim() || undefined;
  const change =
    intent === 'role'
      ? { role: formData.get('role') }
      : intent === 'deactivate'
        ? { active: false, reason }
        : intent === 'reactivate'
          ? { active: true, reason }
          : {};
  const parsed = updatePlatformAdminSchema.safeParse(change);
  if (!parsed.success) return invalidFormState(parsed.error.issues, { reason: reason ?? '' });

  const result = await apiFetch<PlatformAdminDto>(`/admin/admins/${id.data}`, { method: 'PATCH', body: parsed.data });
  if (!result.ok) return apiErrorFormState(result.error, { reason: reason ?? '' });
  refresh();
  const admin = result.data;
  const messages: Record<string, string> = {
    role: `${admin.name} is now ${ADMIN_ROLE_LABELS[admin.role].toLowerCase()}.`,
    deactivate: `${admin.name} can no longer sign in.`,
    reactivate: `${admin.name} can sign in again.`,
  };
  return { status: 'success', message: messages[intent] };
}

export async function revokeAdminInvitationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(await signedInSuperAdmin())) return NEEDS_SUPER_ADMIN;
  const id = idSchema.safeParse(formData.get('invitationId'));
  if (!id.success) return invalidFormState(id.error.issues);

  const result = await apiFetch<void>(`/admin/admins/invitations/${id.data}`, { method: 'DELETE' });
  if (!result.ok) return apiErrorFormState(result.error);
  refresh();
  return { status: 'success', message: 'Invitation revoked: its link no longer works.' };
}
