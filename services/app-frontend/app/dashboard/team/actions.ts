'use server';

import { refresh } from 'next/cache';
import { z } from 'zod';
import {
  type CreatedInvitationDto,
  type TeamDto,
  type UserDto,
  createInvitationSchema,
  teamSchema,
  updateTeamSchema,
  updateUserSchema,
} from '@aerostic/shared';
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
          : intent === 'capacity'
            ? { capacity: capacityValue(formData) }
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
    capacity:
      result.data.capacity === null
        ? `${result.data.name} has no capacity limit.`
        : `${result.data.name} is given at most ${result.data.capacity} open conversations.`,
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

/** An empty field means no limit; anything else is left for the schema to judge (and name the field). */
function capacityValue(formData: FormData): unknown {
  const raw = textValue(formData, 'capacity').trim();
  return raw === '' ? null : Number(raw);
}

/** A team's fields as its form posts them: the name and one checkbox per member. */
function teamFields(formData: FormData) {
  return {
    name: formData.get('name'),
    memberIds: formData.getAll('memberIds').filter((v): v is string => typeof v === 'string'),
  };
}

export async function createTeamAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(await isSignedInAdmin())) return NOT_ADMIN;
  const values = { name: textValue(formData, 'name') };
  const parsed = teamSchema.safeParse(teamFields(formData));
  if (!parsed.success) return invalidFormState(parsed.error.issues, values);

  const result = await apiFetch<TeamDto>('/teams', { method: 'POST', body: parsed.data });
  if (!result.ok) return apiErrorFormState(result.error, values);

  refresh();
  return { status: 'success', message: `Team ${result.data.name} created.` };
}

export async function updateTeamAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(await isSignedInAdmin())) return NOT_ADMIN;
  const id = idSchema.safeParse(formData.get('teamId'));
  if (!id.success) return invalidFormState(id.error.issues);
  const values = { name: textValue(formData, 'name') };
  const parsed = updateTeamSchema.safeParse(teamFields(formData));
  if (!parsed.success) return invalidFormState(parsed.error.issues, values);

  const result = await apiFetch<TeamDto>(`/teams/${id.data}`, { method: 'PATCH', body: parsed.data });
  if (!result.ok) return apiErrorFormState(result.error, values);

  refresh();
  return { status: 'success', message: `Team ${result.data.name} saved.` };
}

export async function deleteTeamAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!(await isSignedInAdmin())) return NOT_ADMIN;
  const id = idSchema.safeParse(formData.get('teamId'));
  if (!id.success) return invalidFormState(id.error.issues);

  const result = await apiFetch<void>(`/teams/${id.data}`, { method: 'DELETE' });
  if (!result.ok) return apiErrorFormState(result.error);

  refresh();
  return { status: 'success', message: 'Team deleted.' };
}
