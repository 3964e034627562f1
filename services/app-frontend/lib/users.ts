import 'server-only';
import type { InvitationDto, Page, UserDto } from '@aerostic/shared';
import { apiFetch } from './api';
import { ApiRequestError } from './api-error';

/** One page of the workspace's members; `cursor` comes from the previous page's `nextCursor`. */
export async function listUsers(limit: number, cursor?: string): Promise<Page<UserDto>> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  const result = await apiFetch<Page<UserDto>>(`/users?${query}`);
  if (!result.ok) throw new ApiRequestError(result.status, result.error);
  return result.data;
}

/** Invitations not yet accepted (admins only). */
export async function listPendingInvitations(limit: number): Promise<Page<InvitationDto>> {
  const result = await apiFetch<Page<InvitationDto>>(`/users/invitations?limit=${limit}`);
  if (!result.ok) throw new ApiRequestError(result.status, result.error);
  return result.data;
}
