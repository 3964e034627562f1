'use server';

import { refresh } from 'next/cache';
import { z } from 'zod';
import { type CreatedInvitationDto, type UserDto, createInvitationSchema, updateUserSchema } from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { apiErrorFormState, type FormState, invalidFormState, textValue } from '@/lib/form-state';
import { getSession, isAdmin } from '@/lib/session/session';
import type { InviteState } from './team-state';

const NOT_ADMIN: FormState = { status: 'error', message: 'You need admin rights to manage the team.' };
const idSchema = z.uuid({ error: 'Unknown team member or invitation' });

/** Actions are public endpoints: check the role here too, not only by hiding the controls. */
async function isSignedInAdmin(): Promise<boolean> {
  return isAdmin(await getSession());
}

export async function inviteMemberAction(_previous: InviteState, formData: FormData): Promise<InviteState> {
  if (!(await isSignedInAdmin())) return NOT_ADMIN;
  const values = { email: textValue(formData, 'email'), role: textValue(formData, 'role') };
  const parsed = createInvitationSchema.safeParse({ email: formData.get('email'), role: formData.get('role') });
  if (!parsed.success) return invalidFormState(parsed.error.issues, values);

  const result = await apiFetch<CreatedInvitationDto>('/users/invitations', { method: 'POST', body: parsed.data });
  if (!result.ok) return apiErrorFormState(result.error, values);

  refresh();
  const { email, role, invitationUrl, expiresAt } = result.data;
  return {
    status: 'success',
    message: `Invitation created for ${email}.`,
    invitation: { email, role, invitationUrl, expiresAt },
  };
}

/** One form per member posts here with `intent`: a role change, a deactivation or a reactivation. */
export async function updateMemberAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(await isSignedInAdmin())) return NOT_ADMIN;
  const id = idSchema.safeParse(formData.get('userId'));
  if (!id.success) return invalidFormState(id.error.issues);

  const intent = textValue(formData, 'intent');
  const change =
    intent === 'role'
      ? { role: formData.get('role') }
      : intent === 'deactivate'
        ? { active: false }
        : intent === 'reactivate'
          ? { active: true }
          : {};
  const parsed = updateUserSchema.safeParse(change);
  if (!parsed.success) return invalidFormState(parsed.error.issues);

  const result = await apiFetch<UserDto>(`/users/${id.data}`, { method: 'PATCH', body: parsed.data });
  // 409: the change would leave the workspace without an admin; the API's message says so.
  if (!result.ok) return apiErrorFormState(result.error);

  refresh();
  const messages: Record<string, string> = {
    role: `${result.data.name} is now ${result.data.role === 'admin' ? 'an admin' : 'an agent'}.`,
    deactivate: `${result.data.name} can no longer log in.`,
    reactivate: `${result.data.name} can log in again.`,
  };
  return { status: 'success', message: messages[intent] };
}

export async function revokeInvitationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(await isSignedInAdmin())) return NOT_ADMIN;
  const id = idSchema.safeParse(formData.get('invitationId'));
  if (!id.success) return invalidFormState(id.error.issues);

  const result = await apiFetch<void>(`/users/invitations/${id.data}`, { method: 'DELETE' });
  if (!result.ok) return apiErrorFormState(result.error);

  refresh();
  return { status: 'success', message: 'Invitation revoked.' };
}
