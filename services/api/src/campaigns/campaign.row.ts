import {
  CAMPAIGN_RECIPIENT_ROW_STATES,
  CAMPAIGN_STATUSES,
  type CampaignAudience,
  type CampaignEstimate,
} from '@aerostic/shared';
import { int, jsonObject, oneOf, text, textArray, textOrNull, timestamp, timestampOrNull } from '../database/columns';
import { type Campaign, type CampaignRecipient } from '../database/entities';
import { type Row } from '../database/sql';

/** The row decoder of `campaigns`. */
export function decodeCampaign(row: Row): Campaign {
  return {
    id: text(row, 'id'),
    tenantId: text(row, 'tenant_id'),
    whatsappAccountId: text(row, 'whatsapp_account_id'),
    name: text(row, 'name'),
    status: oneOf(row, 'status', CAMPAIGN_STATUSES),
    templateName: text(row, 'template_name'),
    templateLanguage: text(row, 'template_language'),
    templateCategory: text(row, 'template_category'),
    variables: jsonObject(row, 'variables'),
    audience: jsonObject<CampaignAudience>(row, 'audience'),
    scheduledAt: timestamp(row, 'scheduled_at'),
    startedAt: timestampOrNull(row, 'started_at'),
    pausedAt: timestampOrNull(row, 'paused_at'),
    pausedReason: textOrNull(row, 'paused_reason'),
    completedAt: timestampOrNull(row, 'completed_at'),
    cancelledAt: timestampOrNull(row, 'cancelled_at'),
    estimate: jsonObject<CampaignEstimate>(row, 'estimate'),
    createdByUserId: textOrNull(row, 'created_by_user_id'),
    createdAt: timestamp(row, 'created_at'),
    updatedAt: timestamp(row, 'updated_at'),
  };
}

/** The row decoder of `campaign_recipients`. */
export function decodeCampaignRecipient(row: Row): CampaignRecipient {
  return {
    id: text(row, 'id'),
    tenantId: text(row, 'tenant_id'),
    campaignId: text(row, 'campaign_id'),
    contactId: textOrNull(row, 'contact_id'),
    position: int(row, 'position'),
    waId: textOrNull(row, 'wa_id'),
    userId: textOrNull(row, 'user_id'),
    state: oneOf(row, 'state', CAMPAIGN_RECIPIENT_ROW_STATES),
    reason: textOrNull(row, 'reason'),
    parameters: textArray(row, 'parameters'),
    messageId: textOrNull(row, 'message_id'),
    queuedAt: timestampOrNull(row, 'queued_at'),
    repliedAt: timestampOrNull(row, 'replied_at'),
    createdAt: timestamp(row, 'created_at'),
    updatedAt: timestamp(row, 'updated_at'),
  };
}
