import { type CampaignRecipientDto } from '@aerostic/shared';
import { formatCsvRecord, guardFormula } from '../contacts/csv';

const COLUMNS = [
  'position',
  'contact_id',
  'name',
  'phone',
  'user_id',
  'state',
  'reason',
  'error_code',
  'parameters',
  'queued_at',
  'sent_at',
  'delivered_at',
  'read_at',
  'replied_at',
  'failed_at',
] as const;

/** The report export's header row. */
export function recipientsCsvHeader(): string {
  return formatCsvRecord([...COLUMNS]);
}

/** One recipient; the phone as the contacts export writes it, parameters joined by ` | `, times in ISO 8601 (UTC). */
export function recipientsCsvRecord(r: CampaignRecipientDto, position: number): string {
  return formatCsvRecord(
    [
      String(position),
      r.contactId ?? '',
      r.displayName,
      r.waId ?? '',
      r.userId ?? '',
      r.state,
      r.reason ?? '',
      r.errorCode === null ? '' : String(r.errorCode),
      r.parameters.join(' | '),
      r.queuedAt ?? '',
      r.sentAt ?? '',
      r.deliveredAt ?? '',
      r.readAt ?? '',
      r.repliedAt ?? '',
      r.failedAt ?? '',
    ].map(guardFormula),
  );
}
