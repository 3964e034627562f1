import { AUTOMATED_BY, MESSAGE_DIRECTIONS, MESSAGE_STATUSES } from '@aerostic/shared';
import {
  boolOrNull,
  int,
  intOrNull,
  jsonObject,
  jsonObjectOrNull,
  oneOf,
  oneOfOrNull,
  text,
  textOrNull,
  timestamp,
  timestampOrNull,
} from '../database/columns';
import { type Message, type MessageError } from '../database/entities';
import { type Row } from '../database/sql';

/** The row decoder of `messages`: a raw SQL row (`RETURNING *`, `SELECT *`) as the entity. */
export function decodeMessage(row: Row): Message {
  return {
    id: text(row, 'id'),
    tenantId: text(row, 'tenant_id'),
    conversationId: text(row, 'conversation_id'),
    direction: oneOf(row, 'direction', MESSAGE_DIRECTIONS),
    type: text(row, 'type'),
    content: jsonObject(row, 'content'),
    status: oneOf(row, 'status', MESSAGE_STATUSES),
    wamid: textOrNull(row, 'wamid'),
    error: jsonObjectOrNull<MessageError>(row, 'error'),
    replyToWamid: textOrNull(row, 'reply_to_wamid'),
    reactions: jsonObject<Record<string, string>>(row, 'reactions'),
    senderUserId: textOrNull(row, 'sender_user_id'),
    sentAt: timestampOrNull(row, 'sent_at'),
    deliveredAt: timestampOrNull(row, 'delivered_at'),
    readAt: timestampOrNull(row, 'read_at'),
    failedAt: timestampOrNull(row, 'failed_at'),
    pricingBillable: boolOrNull(row, 'pricing_billable'),
    pricingModel: textOrNull(row, 'pricing_model'),
    pricingCategory: textOrNull(row, 'pricing_category'),
    pricingType: textOrNull(row, 'pricing_type'),
    campaignId: textOrNull(row, 'campaign_id'),
    automatedBy: oneOfOrNull(row, 'automated_by', AUTOMATED_BY),
    automationRuleId: textOrNull(row, 'automation_rule_id'),
    aiPromptTokens: intOrNull(row, 'ai_prompt_tokens'),
    aiCompletionTokens: intOrNull(row, 'ai_completion_tokens'),
    templateCategory: textOrNull(row, 'template_category'),
    createdAt: timestamp(row, 'created_at'),
    updatedAt: timestamp(row, 'updated_at'),
    version: int(row, 'version'),
  };
}
