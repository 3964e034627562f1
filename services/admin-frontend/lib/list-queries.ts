import {
  ADMIN_WHATSAPP_ACCOUNT_SORTS,
  adminAuditLogsFilterSchema,
  QUALITY_FILTERS,
  SORT_ORDERS,
  TENANT_STATUSES,
  TOKEN_STATUSES,
} from '@aerostic/shared';
import { fieldErrorsFromIssues } from '@aerostic/shared/web';
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

/** The day after a `YYYY-MM-DD` day, in the same form. */
function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * The audit filters for the API. The form's dates are whole UTC days and the API's `to` is excluded, so the
 * day after `to` is sent: "from 3 May to 3 May" is all of 3 May.
 */
export function auditQuery(filters: AuditFilters, limit?: number): string {
  return queryString({
    tenantId: filters.tenantId?.trim(),
    actor: filters.actor?.trim(),
    action: filters.action?.trim(),
    from: DAY.test(filters.from ?? '') ? filters.from : undefined,
    to: DAY.test(filters.to ?? '') && filters.to ? nextDay(filters.to) : undefined,
    cursor: filters.cursor,
    limit,
  });
}

/**
 * What is wrong with the filters, by field, as the API would say it (the shared schema), so that the page can
 * point at the field instead of failing as a whole. Empty when the filters are fine.
 */
export function auditFilterProblems(filters: AuditFilters): Record<string, string> {
  const query = new URLSearchParams(auditQuery(filters));
  const parsed = adminAuditLogsFilterSchema.safeParse(Object.fromEntries(query));
  if (parsed.success) return {};
  const problems = fieldErrorsFromIssues(parsed.error.issues);
  // The form shows `to` as the last day included, not the API's excluded day after it.
  if (problems.to === 'to must be after from') problems.to = 'The last day must not be before the first';
  return problems;
}
