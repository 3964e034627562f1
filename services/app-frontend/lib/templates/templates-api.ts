import 'server-only';
import type { Page, TemplateDto, TemplateStatus } from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { ApiRequestError } from '@aerostic/shared/web';

export interface TemplateListQuery {
  status?: TemplateStatus;
  search?: string;
  cursor?: string;
}

/** One page of the workspace's templates, newest first (DELETED ones only when asked for by status). */
export async function listTemplates(limit: number, query: TemplateListQuery): Promise<Page<TemplateDto>> {
  const params = new URLSearchParams({ limit: String(limit) });
  for (const key of ['status', 'search', 'cursor'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  const result = await apiFetch<Page<TemplateDto>>(`/templates?${params}`);
  if (!result.ok) throw new ApiRequestError(result.status, result.error);
  return result.data;
}
