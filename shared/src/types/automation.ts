import { type ConversationStatus } from '../constants/messaging';

/** What starts a rule (issue 18's contract). */
export const AUTOMATION_TRIGGER_TYPES = [
  'message_received',
  'conversation_created',
  'first_contact',
  'outside_business_hours',
  'no_reply',
  'conversation_resolved',
] as const;
export type AutomationTriggerType = (typeof AUTOMATION_TRIGGER_TYPES)[number];

/** How a `message_received` trigger's keywords match the text: case and accent insensitive. */
export const KEYWORD_MATCHES = ['contains', 'exact', 'regex'] as const;
export type KeywordMatch = (typeof KEYWORD_MATCHES)[number];

export const AUTOMATION_CONDITION_TYPES = [
  'number',
  'contact_tag',
  'contact_attribute',
  'conversation_status',
  'assignee',
  'time_of_day',
  'message_type',
] as const;
export type AutomationConditionType = (typeof AUTOMATION_CONDITION_TYPES)[number];

export const AUTOMATION_ACTION_TYPES = [
  'reply_text',
  'send_template',
  'assign',
  'add_tag',
  'remove_tag',
  'set_status',
  'add_note',
  'ai_reply',
  'call_webhook',
] as const;
export type AutomationActionType = (typeof AUTOMATION_ACTION_TYPES)[number];

export const ASSIGN_STRATEGIES = ['round_robin', 'least_busy', 'agent'] as const;
export type AssignStrategy = (typeof ASSIGN_STRATEGIES)[number];

export interface AutomationTrigger {
  type: AutomationTriggerType;
  /** `message_received` only: the rule fires when any keyword matches (none: every message). */
  keywords?: string[];
  match?: KeywordMatch;
  /** `no_reply` only: minutes since the customer's last message without an answer from the team. */
  minutes?: number;
}

/** Every condition may be negated; a rule fires only when all its conditions hold. */
export type AutomationCondition = { negate?: boolean } & (
  | { type: 'number'; whatsappAccountIds: string[] }
  | { type: 'contact_tag'; tag: string }
  | { type: 'contact_attribute'; key: string; op: 'equals' | 'contains' | 'exists'; value?: string }
  | { type: 'conversation_status'; statuses: ConversationStatus[] }
  | { type: 'assignee'; is: 'nobody' | 'anyone' | 'agent'; agentId?: string }
  /** In the tenant's time zone; `from` later than `to` spans midnight. Days: 0 = Sunday … 6 = Saturday. */
  | { type: 'time_of_day'; from: string; to: string; days?: number[] }
  | { type: 'message_type'; messageTypes: string[] }
);

/** A template parameter from a contact field (`name`, `phone`, `attributes.<key>`…) or a fixed text. */
export type TemplateVariableSource = { field: string } | { text: string };

export type AutomationAction =
  | { type: 'reply_text'; text: string }
  | { type: 'send_template'; name: string; language: string; variables?: Record<string, TemplateVariableSource> }
  | { type: 'assign'; strategy: AssignStrategy; agentId?: string; teamId?: string }
  | { type: 'add_tag'; tag: string }
  | { type: 'remove_tag'; tag: string }
  | { type: 'set_status'; status: ConversationStatus }
  | { type: 'add_note'; text: string }
  | { type: 'ai_reply' }
  | { type: 'call_webhook'; endpointId?: string };

export interface AutomationRuleDto {
  id: string;
  name: string;
  enabled: boolean;
  /** Rules run in ascending position; ties by creation. */
  position: number;
  /** When this rule fired, later rules do not run for the same event. */
  stopAfter: boolean;
  trigger: AutomationTrigger;
  conditions: AutomationCondition[];
  actions: AutomationAction[];
  createdAt: string;
  updatedAt: string;
}

export const AUTOMATION_RUN_OUTCOMES = ['succeeded', 'failed', 'partial'] as const;
export type AutomationRunOutcome = (typeof AUTOMATION_RUN_OUTCOMES)[number];

export interface AutomationActionResultDto {
  type: AutomationActionType;
  outcome: 'done' | 'failed' | 'skipped';
  /** What it did, or why it failed or was skipped, in words an admin understands. */
  detail: string | null;
}

/** One firing of a rule: on which event, what each action did. */
export interface AutomationRunDto {
  id: string;
  ruleId: string | null;
  ruleName: string;
  conversationId: string | null;
  /** The inbound message that triggered it, when a message did. */
  messageId: string | null;
  trigger: AutomationTriggerType;
  outcome: AutomationRunOutcome;
  actions: AutomationActionResultDto[];
  createdAt: string;
}

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `HH:MM` to `HH:MM` (24 h) in the business's time zone; `24:00` closes at midnight. */
export interface OpeningInterval {
  from: string;
  to: string;
}

export interface BusinessHoursDto {
  timeZone: string;
  /** Per weekday the intervals the team is at work; an empty list: closed all day. */
  weekly: Record<Weekday, OpeningInterval[]>;
  /** Closed all day, `YYYY-MM-DD` in the business's time zone. */
  holidays: { date: string; name?: string }[];
  /** Whether the business is open at the time of the answer. */
  openNow: boolean;
}

/** Why an AI reply handed the conversation to a person. */
export const AI_HANDOFF_REASONS = [
  'customer_asked_for_person',
  'model_cannot_answer',
  'ai_failed',
  'ai_disabled',
] as const;
export type AiHandoffReason = (typeof AI_HANDOFF_REASONS)[number];

export interface AiSettingsDto {
  enabled: boolean;
  instructions: string;
  /** The tenant's own OpenAI-compatible provider; null: the platform's. The key is never shown back. */
  provider: { baseUrl: string; model: string; hasApiKey: boolean } | null;
}

export interface KnowledgeArticleDto {
  id: string;
  title: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

/** A data row of a knowledge CSV that was not saved; rows count from 1 after the header, as the contacts import. */
export interface KnowledgeImportRejection {
  row: number;
  reason: string;
}

/** `POST /automation/knowledge/import`: an article whose title exists already gets the file's text. */
export interface KnowledgeImportResult {
  /** Rows saved: `created + updated`. */
  accepted: number;
  created: number;
  updated: number;
  rejected: KnowledgeImportRejection[];
}

/** `POST /conversations/:id/suggest-reply`: a draft for the composer, never sent by itself. */
export interface ReplySuggestionDto {
  text: string;
}

export const AGENT_PRESENCES = ['online', 'away', 'offline'] as const;
export type AgentPresence = (typeof AGENT_PRESENCES)[number];

/** `GET`/`PUT /users/me/presence`, and the `presence.updated` event: a member's presence as it is now. */
export interface PresenceDto {
  userId: string;
  presence: AgentPresence;
  /** What the member chose: away keeps routing from them even while a dashboard is open. */
  status: Exclude<AgentPresence, 'offline'>;
}

export interface TeamDto {
  id: string;
  name: string;
  memberIds: string[];
  createdAt: string;
}

/** `GET/PUT /automation/settings`. */
export interface AutomationSettingsDto {
  /** Automated messages (rules and AI) a conversation may receive in any hour; 0 stops them. Default 10. */
  maxAutomatedMessagesPerHour: number;
}

/** Who or what wrote an outbound message the team did not type: a rule, or the AI. */
export const AUTOMATED_BY = ['rule', 'ai'] as const;
export type AutomatedBy = (typeof AUTOMATED_BY)[number];
