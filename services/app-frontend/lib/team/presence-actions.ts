'use server';

import { type PresenceDto, setPresenceSchema } from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { apiErrorFormState, type FormState, invalidFormState } from '@/lib/form-state';

export interface PresenceState extends FormState {
  presence?: PresenceDto;
}

/** The member's own online/away choice; every member may set theirs. */
export async function setPresenceAction(_previous: PresenceState, formData: FormData): Promise<PresenceState> {
  const parsed = setPresenceSchema.safeParse({ status: formData.get('status') });
  if (!parsed.success) return invalidFormState(parsed.error.issues);
  const result = await apiFetch<PresenceDto>('/users/me/presence', { method: 'PUT', body: parsed.data });
  if (!result.ok) return apiErrorFormState(result.error);
  return {
    status: 'success',
    message: result.data.status === 'away' ? 'You are away: no conversations are routed to you.' : 'You are online.',
    presence: result.data,
  };
}
