import { TOKEN_STATUSES } from '@aerostic/shared';
import { oneOf, text, textOrNull, timestamp, timestampOrNull } from '../database/columns';
import { type WhatsAppAccount } from '../database/entities';
import { type Row } from '../database/sql';

const ACCOUNT_STATUSES = ['connected', 'disconnected'] as const;

/** The row decoder of `whatsapp_accounts`; like TypeORM's reads, it leaves out the sealed secrets (`select: false`). */
export function decodeWhatsAppAccount(row: Row): WhatsAppAccount {
  return {
    id: text(row, 'id'),
    tenantId: text(row, 'tenant_id'),
    wabaId: text(row, 'waba_id'),
    phoneNumberId: text(row, 'phone_number_id'),
    displayPhoneNumber: text(row, 'display_phone_number'),
    verifiedName: textOrNull(row, 'verified_name'),
    qualityRating: textOrNull(row, 'quality_rating'),
    throughputLevel: text(row, 'throughput_level'),
    messagingLimitTier: textOrNull(row, 'messaging_limit_tier'),
    metaStatus: textOrNull(row, 'meta_status'),
    metaStatusReason: textOrNull(row, 'meta_status_reason'),
    metaStatusChangedAt: timestampOrNull(row, 'meta_status_changed_at'),
    status: oneOf(row, 'status', ACCOUNT_STATUSES),
    tokenStatus: oneOf(row, 'token_status', TOKEN_STATUSES),
    tokenExpiresAt: timestampOrNull(row, 'token_expires_at'),
    healthCheckedAt: timestampOrNull(row, 'health_checked_at'),
    healthError: textOrNull(row, 'health_error'),
    createdAt: timestamp(row, 'created_at'),
    updatedAt: timestamp(row, 'updated_at'),
  } as WhatsAppAccount;
}
