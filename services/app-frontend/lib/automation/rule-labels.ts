import type {
  AssignStrategy,
  AutomationActionType,
  AutomationConditionType,
  AutomationTriggerType,
  KeywordMatch,
} from '@aerostic/shared';

/** The builder's words for the contract's types, in the order the menus offer them. */
export const TRIGGER_LABELS: Record<AutomationTriggerType, string> = {
  message_received: 'A message arrives',
  conversation_created: 'A new conversation starts',
  first_contact: 'A contact writes for the first time',
  outside_business_hours: 'A message arrives outside business hours',
  no_reply: 'The team has not replied for a while',
  conversation_resolved: 'A conversation is resolved',
};

export const MATCH_LABELS: Record<KeywordMatch, string> = {
  contains: 'Contains a keyword',
  exact: 'Is exactly a keyword',
  regex: 'Matches a regular expression',
};

export const CONDITION_LABELS: Record<AutomationConditionType, string> = {
  number: 'WhatsApp number',
  contact_tag: 'Contact tag',
  contact_attribute: 'Contact attribute',
  conversation_status: 'Conversation status',
  assignee: 'Assignee',
  time_of_day: 'Time of day',
  message_type: 'Message type',
};

export const ACTION_LABELS: Record<AutomationActionType, string> = {
  reply_text: 'Reply with text',
  send_template: 'Send a template',
  assign: 'Assign',
  add_tag: 'Add a tag',
  remove_tag: 'Remove a tag',
  set_status: 'Set the status',
  add_note: 'Add a note',
  ai_reply: 'Answer with AI',
  call_webhook: 'Call your webhook',
};

export const STRATEGY_LABELS: Record<AssignStrategy, string> = {
  round_robin: 'Round-robin among online agents',
  least_busy: 'The least busy online agent',
  agent: 'A given agent',
};

/** Message types a customer sends, as Meta names them. */
export const MESSAGE_TYPE_OPTIONS = [
  { value: 'text', label: 'Text' },
  { value: 'image', label: 'Photo' },
  { value: 'video', label: 'Video' },
  { value: 'audio', label: 'Audio or voice' },
  { value: 'document', label: 'Document' },
  { value: 'sticker', label: 'Sticker' },
  { value: 'location', label: 'Location' },
  { value: 'contacts', label: 'Contact card' },
  { value: 'interactive', label: 'List or button reply' },
  { value: 'button', label: 'Template button reply' },
  { value: 'reaction', label: 'Reaction' },
] as const;

/** Monday first, with the contract's day numbers (0 = Sunday). */
export const DAY_OPTIONS = [
  { value: 1, label: 'Mon', name: 'Monday' },
  { value: 2, label: 'Tue', name: 'Tuesday' },
  { value: 3, label: 'Wed', name: 'Wednesday' },
  { value: 4, label: 'Thu', name: 'Thursday' },
  { value: 5, label: 'Fri', name: 'Friday' },
  { value: 6, label: 'Sat', name: 'Saturday' },
  { value: 0, label: 'Sun', name: 'Sunday' },
] as const;

export function optionsOf<T extends string>(labels: Record<T, string>): Array<{ value: T; label: string }> {
  return (Object.entries(labels) as Array<[T, string]>).map(([value, label]) => ({ value, label }));
}

/** A run log's words for what fired the rule. */
export const RUN_TRIGGER_LABELS: Record<AutomationTriggerType, string> = {
  message_received: 'Message received',
  conversation_created: 'New conversation',
  first_contact: 'First message from the contact',
  outside_business_hours: 'Message outside business hours',
  no_reply: 'No reply from the team',
  conversation_resolved: 'Conversation resolved',
};

export const RUN_OUTCOME_VIEW = {
  succeeded: { label: 'Succeeded', tone: 'success' },
  partial: { label: 'Partly failed', tone: 'warning' },
  failed: { label: 'Failed', tone: 'danger' },
} as const;

export const ACTION_OUTCOME_VIEW = {
  done: { label: 'Done', tone: 'success' },
  skipped: { label: 'Skipped', tone: 'neutral' },
  failed: { label: 'Failed', tone: 'danger' },
} as const;
