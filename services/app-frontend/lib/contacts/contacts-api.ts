import 'server-only';
import type { ContactDto, Page } from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { ApiRequestError } from '@aerostic/shared/web';

export interface ContactListQuery {
  search?: string;
  tag?: string;
  cursor?: string;
}

/** One page of contacts, newest first; `cursor` comes from the previous page's `nextCursor`. */
export async function listContacts(limit: number, query: ContactListQuery): Promise<Page<ContactDto>> {
  const params = new URLSearchParams({ limit: String(limit) });
  for (const key of ['search', 'tag', 'cursor'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  const result = await apiFetch<Page<ContactDto>>(`/contacts?${params}`);
  if (!result.ok) throw new ApiRequestError(result.status, result.error);
  return result.data;
}

/** The contact, or null when it does not exist in this workspace (a stale link). */
export async function findContact(id: string): Promise<ContactDto | null> {
  const result = await apiFetch<ContactDto>(`/contacts/${encodeURIComponent(id)}`);
  if (result.ok) return result.data;
  if (result.status === 404 || result.status === 400) return null;
  throw new ApiRequestError(result.status, result.error);
}
