import 'server-only';
import type { CampaignDto, CampaignRecipientDto, CampaignRecipientState, MeResponse, Page } from '@aerostic/shared';
import { ApiRequestError } from '@aerostic/shared/web';
import { apiFetch } from '@/lib/api';
import { isKnownTimeZone } from './campaign-time';

export const CAMPAIGNS_PAGE_SIZE = 25;
export const RECIPIENTS_PAGE_SIZE = 50;

/** One page of the workspace's campaigns, newest first. */
export async function listCampaigns(cursor?: string): Promise<Page<CampaignDto>> {
  const query = new URLSearchParams({ limit: String(CAMPAIGNS_PAGE_SIZE) });
  if (cursor) query.set('cursor', cursor);
  const result = await apiFetch<Page<CampaignDto>>(`/campaigns?${query}`);
  if (!result.ok) throw new ApiRequestError(result.status, result.error);
  return result.data;
}

/** The campaign with its totals, or null when it does not exist in this workspace (a stale link). */
export async function findCampaign(id: string): Promise<CampaignDto | null> {
  const result = await apiFetch<CampaignDto>(`/campaigns/${encodeURIComponent(id)}`);
  if (result.ok) return result.data;
  if (result.status === 404 || result.status === 400) return null;
  throw new ApiRequestError(result.status, result.error);
}

export interface RecipientsQuery {
  state?: CampaignRecipientState;
  cursor?: string;
}

/** One page of a campaign's recipients, each with its state and the reason it was skipped or failed. */
export async function listRecipients(id: string, query: RecipientsQuery): Promise<Page<CampaignRecipientDto>> {
  const params = new URLSearchParams({ limit: String(RECIPIENTS_PAGE_SIZE) });
  if (query.state) params.set('state', query.state);
  if (query.cursor) params.set('cursor', query.cursor);
  const result = await apiFetch<Page<CampaignRecipientDto>>(
    `/campaigns/${encodeURIComponent(id)}/recipients?${params}`,
  );
  if (!result.ok) throw new ApiRequestError(result.status, result.error);
  return result.data;
}

/** The workspace's time zone (its setting), in which campaign times are shown and typed. */
export function workspaceTimeZone(me: MeResponse): string {
  const zone = me.tenant.timeZone;
  // A zone this runtime's time zone data does not know yet reads as UTC rather than breaking the page.
  return isKnownTimeZone(zone) ? zone : 'UTC';
}
