import 'server-only';
import type { AdminAuditLogDto, Page } from '@aerostic/shared';
import { apiData } from './api';
import { type AuditFilters, auditQuery } from './list-queries';

export const AUDIT_ENTRIES_PER_PAGE = 50;

export function listAuditLogs(filters: AuditFilters): Promise<Page<AdminAuditLogDto>> {
  return apiData<Page<AdminAuditLogDto>>(`/admin/audit-logs${auditQuery(filters, AUDIT_ENTRIES_PER_PAGE)}`);
}
