import 'server-only';
import { notFound, redirect } from 'next/navigation';
import type { AdminTenantDetailDto, AdminTenantSummaryDto, Page, TenantLimitsDto } from '@aerostic/shared';
import { ApiRequestError } from '@aerostic/shared/web';
import { apiData, apiFetch } from './api';
import { type TenantFilters, tenantQuery } from './list-queries';

export const TENANTS_PER_PAGE = 25;

export function listTenants(filters: TenantFilters, limit = TENANTS_PER_PAGE): Promise<Page<AdminTenantSummaryDto>> {
  return apiData<Page<AdminTenantSummaryDto>>(`/admin/tenants${tenantQuery(filters, limit)}`);
}

/** One tenant; an unknown or malformed id is the page's 404. */
export async function getTenant(id: string): Promise<AdminTenantDetailDto> {
  return oneOrNotFound<AdminTenantDetailDto>(`/admin/tenants/${encodeURIComponent(id)}`);
}

export function getTenantLimits(id: string): Promise<TenantLimitsDto> {
  return oneOrNotFound<TenantLimitsDto>(`/admin/tenants/${encodeURIComponent(id)}/limits`);
}

async function oneOrNotFound<T>(path: string): Promise<T> {
  const result = await apiFetch<T>(path);
  if (result.ok) return result.data;
  if (result.status === 404 || result.status === 400) notFound();
  if (result.status === 401) redirect('/login?reason=session-ended');
  throw new ApiRequestError(result.status, result.error);
}
