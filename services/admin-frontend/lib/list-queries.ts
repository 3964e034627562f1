import {
  ADMIN_WHATSAPP_ACCOUNT_SORTS,
  QUALITY_FILTERS,
  SORT_ORDERS,
  TENANT_STATUSES,
  TOKEN_STATUSES,
} from '@aerostic/shared';
import { queryString } from './search-params';

/*
 * The admin lists' filters, read from a page's URL and turned into the API's query. A value the API would refuse
 * (an unknown status, a malformed date) is dropped here, so a hand-edited URL shows the whole list instead of an
 * error page.
 */

function oneOf<T extends string>(allowed: readonly T[], value: string | undefined): T | undefined {
  return (allowed as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
}

export const TENANT_FILTER_NAMES = ['search', 'status', 'cursor'] as const;
export type TenantFilters = Partial<Record<(typeof TENANT_FILTER_NAMES)[number], string>>;

export function tenantQuery({ search, status, cursor }: TenantFilters, limit: number): string {
  return queryString({ search: search?.trim(), status: oneOf(TENANT_STATUSES, status), cursor, limit });
}

export const NUMBER_FILTER_NAMES = ['tokenStatus', 'quality', 'tenantId', 'sort', 'order', 'cursor'] as const;
export type NumberFilters = Partial<Record<(typeof NUMBER_FILTER_NAMES)[number], string>>;
export type NumberSort = (typeof ADMIN_WHATSAPP_ACCOUNT_SORTS)[number];
export type SortOrder = (typeof SORT_ORDERS)[number];

/** The sort the page shows: the API's default (by tenant, ascending) unless the URL names a known one. */
export function numberSort(filters: NumberFilters): { sort: NumberSort; order: SortOrder } {
  return {
    sort: oneOf(ADMIN_WHATSAPP_ACCOUNT_SORTS, filters.sort) ?? 'tenant',
    order: oneOf(SORT_ORDERS, filters.order) ?? 'asc',
  };
}

export function numberQuery(filters: NumberFilters, limit: number): string {
  const { sort, order } = numberSort(filters);
  return queryString({
    tokenStatus: oneOf(TOKEN_STATUSES, filters.tokenStatus),
    quality: oneOf(QUALITY_FILTERS, filters.quality),
    tenantId: filters.tenantId?.trim(),
    sort,
    order,
    cursor: filters.cursor,
    limit,
  });
}

/**
 * Where a column header's link goes: the same column again flips the order; another column starts ascending.
 * Paging starts over, as the cursor belongs to the old order.
 */
export function sortLink(path: string, filters: NumberFilters, column: NumberSort): string {
  const current = numberSort(filters);
  const order: SortOrder = current.sort === column && current.order === 'asc' ? 'desc' : 'asc';
  return `${path}${queryString({ ...filters, cursor: undefined, sort: column, order })}`;
}

export const AUDIT_FILTER_NAMES = ['tenantId', 'actor', 'action', 'from', 'to', 'cursor'] as const;
export type AuditFilters = Partial<Record<(typeof AUDIT_FILTER_NAMES)[number], string>>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The audit filters for the API. The form's dates are whole UTC days: `from` is the start of its day and `to` the
 * end of its own, so "from 3 May to 3 May" is all of 3 May.
 */
export function auditQuery(filters: AuditFilters, limit?: number): string {
  const from = DAY.test(filters.from ?? '') ? `${filters.from}T00:00:00.000Z` : undefined;
  const to = DAY.test(filters.to ?? '') ? `${filters.to}T23:59:59.999Z` : undefined;
  return queryString({
    tenantId: filters.tenantId?.trim(),
    actor: filters.actor?.trim(),
    action: filters.action?.trim(),
    from,
    to,
    cursor: filters.cursor,
    limit,
  });
}
