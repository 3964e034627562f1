import {
  AUTOMATION_RUN_OUTCOMES,
  AUTOMATION_TRIGGER_TYPES,
  CONVERSATION_STATUSES,
  type AutomationAction,
  type AutomationActionResultDto,
  type AutomationCondition,
  type AutomationRunOutcome,
  type AutomationTrigger,
  type AutomationTriggerType,
  type ConversationStatus,
  type OpeningInterval,
  type Weekday,
} from '@aerostic/shared';
import {
  bool,
  int,
  jsonArray,
  jsonObject,
  jsonObjectOrNull,
  oneOf,
  oneOfOrNull,
  text,
  textArray,
  textOrNull,
  timestamp,
  timestampOrNull,
} from '../database/columns';
import { type Row } from '../database/sql';

/** A row of `automation_rules`. */
export interface AutomationRule {
  id: string;
  tenantId: string;
  name: string;
  enabled: boolean;
  position: number;
  stopAfter: boolean;
  trigger: AutomationTrigger;
  conditions: AutomationCondition[];
  actions: AutomationAction[];
  createdAt: Date;
  updatedAt: Date;
}

/** A row of `automation_runs`: `outcome` is null while its actions are still being run (or a crash stopped them). */
export interface AutomationRun {
  id: string;
  tenantId: string;
  ruleId: string | null;
  ruleName: string;
  conversationId: string | null;
  messageId: string | null;
  trigger: AutomationTriggerType;
  eventKey: string;
  outcome: AutomationRunOutcome | null;
  actions: AutomationActionResultDto[];
  createdAt: Date;
}

/** A workspace's automation settings; hours null when never set. */
export interface AutomationSettings {
  maxAutomatedMessagesPerHour: number;
  tenantTimeZone: string;
  hoursTimeZone: string | null;
  weeklyHours: Record<Weekday, OpeningInterval[]> | null;
  holidays: { date: string; name?: string }[];
}

/** An inbound message with what the rules read of its conversation and contact. */
export interface MessageFacts {
  messageId: string;
  tenantId: string;
  direction: string;
  type: string;
  content: Record<string, unknown>;
  /** The customer's time (Meta's timestamp), else when it was stored. */
  at: Date;
  createdAt: Date;
  conversationId: string;
  whatsappAccountId: string;
  status: ConversationStatus;
  assigneeId: string | null;
  lastInboundAt: Date | null;
  contactId: string;
  tags: string[];
  attributes: Record<string, string>;
}

export function decodeRule(row: Row): AutomationRule {
  return {
    id: text(row, 'id'),
    tenantId: text(row, 'tenant_id'),
    name: text(row, 'name'),
    enabled: bool(row, 'enabled'),
    position: int(row, 'position'),
    stopAfter: bool(row, 'stop_after'),
    trigger: jsonObject<AutomationTrigger>(row, 'trigger'),
    conditions: jsonArray(row, 'conditions') as AutomationCondition[],
    actions: jsonArray(row, 'actions') as AutomationAction[],
    createdAt: timestamp(row, 'created_at'),
    updatedAt: timestamp(row, 'updated_at'),
  };
}

export function decodeRun(row: Row): AutomationRun {
  return {
    id: text(row, 'id'),
    tenantId: text(row, 'tenant_id'),
    ruleId: textOrNull(row, 'rule_id'),
    ruleName: text(row, 'rule_name'),
    conversationId: textOrNull(row, 'conversation_id'),
    messageId: textOrNull(row, 'message_id'),
    trigger: oneOf(row, 'trigger', AUTOMATION_TRIGGER_TYPES),
    eventKey: text(row, 'event_key'),
    outcome: oneOfOrNull(row, 'outcome', AUTOMATION_RUN_OUTCOMES),
    actions: jsonArray(row, 'actions') as AutomationActionResultDto[],
    createdAt: timestamp(row, 'created_at'),
  };
}

export function decodeSettings(row: Row): AutomationSettings {
  return {
    maxAutomatedMessagesPerHour: int(row, 'max_automated_messages_per_hour'),
    tenantTimeZone: text(row, 'tenant_time_zone'),
    hoursTimeZone: textOrNull(row, 'hours_time_zone'),
    weeklyHours: jsonObjectOrNull<Record<Weekday, OpeningInterval[]>>(row, 'weekly_hours'),
    holidays: jsonArray(row, 'holidays') as { date: string; name?: string }[],
  };
}

export function decodeMessageFacts(row: Row): MessageFacts {
  const createdAt = timestamp(row, 'created_at');
  return {
    messageId: text(row, 'id'),
    tenantId: text(row, 'tenant_id'),
    direction: text(row, 'direction'),
    type: text(row, 'type'),
    content: jsonObject(row, 'content'),
    at: timestampOrNull(row, 'sent_at') ?? createdAt,
    createdAt,
    conversationId: text(row, 'conversation_id'),
    whatsappAccountId: text(row, 'whatsapp_account_id'),
    status: oneOf(row, 'status', CONVERSATION_STATUSES),
    assigneeId: textOrNull(row, 'assignee_id'),
    lastInboundAt: timestampOrNull(row, 'last_inbound_at'),
    contactId: text(row, 'contact_id'),
    tags: textArray(row, 'tags'),
    attributes: jsonObject<Record<string, string>>(row, 'attributes'),
  };
}
