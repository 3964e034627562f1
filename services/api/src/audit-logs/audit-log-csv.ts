import { type AdminAuditLogDto } from '@aerostic/shared';
import { formatCsvRecord, guardFormula } from '../contacts/csv';

/** Columns of the audit log export, in order. */
export const AUDIT_LOG_CSV_COLUMNS = [
  'created_at',
  'action',
  'tenant_id',
  'tenant_name',
  'actor_email',
  'actor_user_id',
  'actor_admin_id',
  'target_type',
  'target_id',
  'ip',
  'reason',
  'metadata',
] as const;

export function auditLogCsvHeader(): string {
  return formatCsvRecord(AUDIT_LOG_CSV_COLUMNS);
}

/** One record; every cell is guarded against spreadsheet formulas (names, emails and reasons are typed by people). */
export function auditLogCsvRecord(entry: AdminAuditLogDto): string {
  return formatCsvRecord(
    [
      entry.createdAt,
      entry.action,
      entry.tenantId ?? '',
      entry.tenantName ?? '',
      entry.actorEmail ?? '',
      entry.actorUserId ?? '',
      entry.actorAdminId ?? '',
      entry.targetType ?? '',
      entry.targetId ?? '',
      entry.ip ?? '',
      entry.reason ?? '',
      JSON.stringify(entry.metadata),
    ].map(guardFormula),
  );
}
