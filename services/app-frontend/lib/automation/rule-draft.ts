import {
  type AssignStrategy,
  type AutomationAction,
  type AutomationActionType,
  type AutomationCondition,
  type AutomationConditionType,
  type AutomationRuleDto,
  type AutomationTrigger,
  type AutomationTriggerType,
  type ConversationStatus,
  type CreateAutomationRuleBody,
  type KeywordMatch,
  createAutomationRuleSchema,
} from '@aerostic/shared';
import {
  type VariableRow,
  rowsForTemplate,
  rowsFromVariables,
  toCampaignVariables,
} from '@/lib/campaigns/campaign-variables';

/**
 * The rule builder's state: every field as the form holds it (texts as typed, each row with all its fields, so
 * switching a row's type and back keeps what was typed). `toRuleBody` turns it into the API's body.
 */
export interface RuleDraft {
  name: string;
  enabled: boolean;
  stopAfter: boolean;
  trigger: TriggerDraft;
  conditions: ConditionDraft[];
  actions: ActionDraft[];
}

export interface TriggerDraft {
  type: AutomationTriggerType;
  /** One keyword or expression per line. */
  keywords: string;
  match: KeywordMatch;
  minutes: string;
}

export interface ConditionDraft {
  /** Stable React key and id part; never sent. */
  id: number;
  type: AutomationConditionType;
  negate: boolean;
  whatsappAccountIds: string[];
  tag: string;
  attributeKey: string;
  attributeOp: 'equals' | 'contains' | 'exists';
  attributeValue: string;
  statuses: ConversationStatus[];
  assignee: 'nobody' | 'anyone' | 'agent';
  agentId: string;
  from: string;
  to: string;
  days: number[];
  /** Message types separated by commas. */
  messageTypes: string;
}

export interface ActionDraft {
  id: number;
  type: AutomationActionType;
  text: string;
  /** The template as `name|language`, empty until one is chosen. */
  template: string;
  variables: VariableRow[];
  strategy: AssignStrategy;
  agentId: string;
  teamId: string;
  tag: string;
  status: ConversationStatus;
  noteText: string;
}

/** A template the send_template action can pick: approved on one of the workspace's numbers. */
export interface TemplateChoice {
  name: string;
  language: string;
  body: string;
}

export const templateKey = (t: { name: string; language: string }) => `${t.name}|${t.language}`;

export function emptyCondition(id: number, type: AutomationConditionType = 'contact_tag'): ConditionDraft {
  return {
    id,
    type,
    negate: false,
    whatsappAccountIds: [],
    tag: '',
    attributeKey: '',
    attributeOp: 'equals',
    attributeValue: '',
    statuses: ['open'],
    assignee: 'nobody',
    agentId: '',
    from: '09:00',
    to: '17:00',
    days: [1, 2, 3, 4, 5],
    messageTypes: '',
  };
}

export function emptyAction(id: number, type: AutomationActionType = 'reply_text'): ActionDraft {
  return {
    id,
    type,
    text: '',
    template: '',
    variables: [],
    strategy: 'round_robin',
    agentId: '',
    teamId: '',
    tag: '',
    status: 'resolved',
    noteText: '',
  };
}

export function emptyRuleDraft(): RuleDraft {
  return {
    name: '',
    enabled: true,
    stopAfter: false,
    trigger: { type: 'message_received', keywords: '', match: 'contains', minutes: '30' },
    conditions: [],
    actions: [emptyAction(0)],
  };
}

/** The next free row id of a list. */
export function nextId(rows: ReadonlyArray<{ id: number }>): number {
  return rows.reduce((max, row) => Math.max(max, row.id + 1), 0);
}

export function splitLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,\n]/)
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
}

export function triggerOf(draft: TriggerDraft): AutomationTrigger {
  if (draft.type === 'message_received') {
    const keywords = splitLines(draft.keywords);
    return keywords.length > 0 ? { type: draft.type, keywords, match: draft.match } : { type: draft.type };
  }
  if (draft.type === 'no_reply') {
    // NaN for text that is not a number, so the shared schema says so beside the field.
    const minutes = draft.minutes.trim() === '' ? undefined : Number(draft.minutes);
    return minutes === undefined ? { type: draft.type } : { type: draft.type, minutes };
  }
  return { type: draft.type };
}

export function conditionOf(draft: ConditionDraft): AutomationCondition {
  const negate = draft.negate ? { negate: true } : {};
  switch (draft.type) {
    case 'number':
      return { type: 'number', whatsappAccountIds: draft.whatsappAccountIds, ...negate };
    case 'contact_tag':
      return { type: 'contact_tag', tag: draft.tag.trim(), ...negate };
    case 'contact_attribute':
      return {
        type: 'contact_attribute',
        key: draft.attributeKey.trim(),
        op: draft.attributeOp,
        ...(draft.attributeOp !== 'exists' && { value: draft.attributeValue }),
        ...negate,
      };
    case 'conversation_status':
      return { type: 'conversation_status', statuses: draft.statuses, ...negate };
    case 'assignee':
      return {
        type: 'assignee',
        is: draft.assignee,
        ...(draft.assignee === 'agent' && draft.agentId && { agentId: draft.agentId }),
        ...negate,
      };
    case 'time_of_day':
      return {
        type: 'time_of_day',
        from: draft.from,
        to: draft.to,
        ...(draft.days.length > 0 && draft.days.length < 7 && { days: [...draft.days].sort((a, b) => a - b) }),
        ...negate,
      };
    case 'message_type':
      return { type: 'message_type', messageTypes: splitList(draft.messageTypes), ...negate };
  }
}

/** Errors of the builder's own checks, keyed like the API's (`actions.1.variables.2`). */
export type DraftErrors = Record<string, string>;

export const actionVariableField = (index: number) => (key: string) => `actions.${index}.variables.${key}`;

export function actionOf(draft: ActionDraft, index: number, errors: DraftErrors): AutomationAction {
  switch (draft.type) {
    case 'reply_text':
      return { type: 'reply_text', text: draft.text };
    case 'send_template': {
      const separator = draft.template.lastIndexOf('|');
      const name = separator > 0 ? draft.template.slice(0, separator) : '';
      const language = separator > 0 ? draft.template.slice(separator + 1) : '';
      if (!name) errors[`actions.${index}.name`] = 'Choose one of your approved templates';
      // The campaign wizard's mapping, keyed by where this action's errors land.
      const mapped = toCampaignVariables(draft.variables, actionVariableField(index));
      if (!mapped.ok) Object.assign(errors, mapped.errors);
      return {
        type: 'send_template',
        name,
        language,
        ...(Object.keys(mapped.variables).length > 0 && { variables: mapped.variables }),
      };
    }
    case 'assign':
      return {
        type: 'assign',
        strategy: draft.strategy,
        ...(draft.strategy === 'agent' && draft.agentId && { agentId: draft.agentId }),
        ...(draft.strategy !== 'agent' && draft.teamId && { teamId: draft.teamId }),
      };
    case 'add_tag':
    case 'remove_tag':
      return { type: draft.type, tag: draft.tag.trim() };
    case 'set_status':
      return { type: 'set_status', status: draft.status };
    case 'add_note':
      return { type: 'add_note', text: draft.noteText };
    case 'ai_reply':
      return { type: 'ai_reply' };
    case 'call_webhook':
      return { type: 'call_webhook' };
  }
}

export type RuleBodyResult =
  { ok: true; body: CreateAutomationRuleBody } | { ok: false; errors: DraftErrors; message: string };

/** Field errors keyed by their whole path (`trigger.keywords.1`), as the API names them. */
export function errorsOfIssues(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
): DraftErrors {
  const errors: DraftErrors = {};
  for (const issue of issues) errors[issue.path.map(String).join('.') || 'form'] ??= issue.message;
  return errors;
}

/**
 * The body of `POST /automation/rules` (and of the PATCH, which takes the same fields), checked by the shared schema
 * the API uses, so most mistakes are shown beside their field before anything is sent.
 */
export function toRuleBody(draft: RuleDraft): RuleBodyResult {
  const errors: DraftErrors = {};
  const input = {
    name: draft.name,
    enabled: draft.enabled,
    stopAfter: draft.stopAfter,
    trigger: triggerOf(draft.trigger),
    conditions: draft.conditions.map(conditionOf),
    actions: draft.actions.map((action, index) => actionOf(action, index, errors)),
  };
  const parsed = createAutomationRuleSchema.safeParse(input);
  if (!parsed.success) {
    for (const [field, message] of Object.entries(errorsOfIssues(parsed.error.issues))) errors[field] ??= message;
  }
  if (Object.keys(errors).length > 0 || !parsed.success) {
    const { form, ...fields } = errors;
    return { ok: false, errors: fields, message: form ?? 'Check the highlighted fields.' };
  }
  return { ok: true, body: parsed.data };
}

/** The builder's state for a saved rule; templates give the variables their rows. */
export function draftOfRule(rule: AutomationRuleDto, templates: readonly TemplateChoice[]): RuleDraft {
  const trigger: TriggerDraft = {
    type: rule.trigger.type,
    keywords: (rule.trigger.keywords ?? []).join('\n'),
    match: rule.trigger.match ?? 'contains',
    minutes: rule.trigger.minutes === undefined ? '30' : String(rule.trigger.minutes),
  };
  const conditions = rule.conditions.map((condition, id): ConditionDraft => {
    const row = { ...emptyCondition(id, condition.type), negate: condition.negate === true };
    switch (condition.type) {
      case 'number':
        return { ...row, whatsappAccountIds: condition.whatsappAccountIds };
      case 'contact_tag':
        return { ...row, tag: condition.tag };
      case 'contact_attribute':
        return {
          ...row,
          attributeKey: condition.key,
          attributeOp: condition.op,
          attributeValue: condition.value ?? '',
        };
      case 'conversation_status':
        return { ...row, statuses: condition.statuses };
      case 'assignee':
        return { ...row, assignee: condition.is, agentId: condition.agentId ?? '' };
      case 'time_of_day':
        return { ...row, from: condition.from, to: condition.to, days: condition.days ?? [0, 1, 2, 3, 4, 5, 6] };
      case 'message_type':
        return { ...row, messageTypes: condition.messageTypes.join(', ') };
    }
  });
  const actions = rule.actions.map((action, id): ActionDraft => {
    const row = emptyAction(id, action.type);
    switch (action.type) {
      case 'reply_text':
        return { ...row, text: action.text };
      case 'send_template': {
        const template = templates.find((t) => t.name === action.name && t.language === action.language);
        return {
          ...row,
          template: templateKey(action),
          variables: template ? rowsFromVariables(template.body, action.variables ?? {}) : [],
        };
      }
      case 'assign':
        return { ...row, strategy: action.strategy, agentId: action.agentId ?? '', teamId: action.teamId ?? '' };
      case 'add_tag':
      case 'remove_tag':
        return { ...row, tag: action.tag };
      case 'set_status':
        return { ...row, status: action.status };
      case 'add_note':
        return { ...row, noteText: action.text };
      case 'ai_reply':
      case 'call_webhook':
        return row;
    }
  });
  return { name: rule.name, enabled: rule.enabled, stopAfter: rule.stopAfter, trigger, conditions, actions };
}

/** A template was chosen for an action: a row per parameter of its body, keeping mappings of the same names. */
export function withTemplate(action: ActionDraft, template: TemplateChoice | undefined): ActionDraft {
  return {
    ...action,
    template: template ? templateKey(template) : '',
    variables: template ? rowsForTemplate(template.body, action.variables) : [],
  };
}

/** The section of the builder an error belongs to, so errors the form cannot place are still listed. */
export function errorsUnder(errors: DraftErrors, prefix: string): DraftErrors {
  return Object.fromEntries(
    Object.entries(errors).filter(([field]) => field === prefix || field.startsWith(`${prefix}.`)),
  );
}
