import 'server-only';
import type { InvitationDto, Page, PresenceDto, TeamDto, TeamMemberDto } from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { ApiRequestError } from '@aerostic/shared/web';

/** One page of the workspace's members with their open conversations; `cursor` is the previous `nextCursor`. */
export async function listUsers(limit: number, cursor?: string): Promise<Page<TeamMemberDto>> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  const result = await apiFetch<Page<TeamMemberDto>>(`/users?${query}`);
  if (!result.ok) throw new ApiRequestError(result.status, result.error);
  return result.data;
}

/** Invitations not yet accepted (admins only). */
export async function listPendingInvitations(limit: number): Promise<Page<InvitationDto>> {
  const result = await apiFetch<Page<InvitationDto>>(`/users/invitations?limit=${limit}`);
  if (!result.ok) throw new ApiRequestError(result.status, result.error);
  return result.data;
}

/** The signed-in member's own presence, for the top bar's toggle; null when the API cannot say (Redis down). */
export async function getOwnPresence(): Promise<PresenceDto | null> {
  const result = await apiFetch<PresenceDto>('/users/me/presence');
  return result.ok ? result.data : null;
}

/** The workspace's teams, oldest first. */
export async function listTeams(limit: number): Promise<Page<TeamDto>> {
  const result = await apiFetch<Page<TeamDto>>(`/teams?limit=${limit}`);
  if (!result.ok) throw new ApiRequestError(result.status, result.error);
  return result.data;
}
