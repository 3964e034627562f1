import type {
  AutomationAction,
  AutomationCondition,
  AutomationRuleDto,
  AutomationTrigger,
  ConversationStatus,
} from '@aerostic/shared';

/** Names for the ids a rule holds; an id nobody can name reads as "an agent", "a team", "a number". */
export interface SummaryNames {
  agent?: (id: string) => string | undefined;
  team?: (id: string) => string | undefined;
  number?: (id: string) => string | undefined;
}

export type SummarizedRule = Pick<AutomationRuleDto, 'trigger' | 'conditions' | 'actions'> & { stopAfter?: boolean };

/** Quoted texts longer than this are cut, so a summary stays one line's worth of reading. */
const QUOTE_MAX = 60;

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** “text”, shortened with an ellipsis; line breaks read as spaces. */
export function quote(text: string, max = QUOTE_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `“${flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat}”`;
}

/** "a", "a or b", "a, b or c" (with `and` when asked). */
export function joinWords(words: readonly string[], last: 'or' | 'and' = 'or'): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} ${last} ${words[words.length - 1]}`;
}

/** "15 minutes", "1 hour", "1 hour 30 minutes", "2 days". */
export function formatMinutes(total: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  const parts = [days && unit(days, 'day'), hours && unit(hours, 'hour'), minutes && unit(minutes, 'minute')];
  const said = parts.filter((p): p is string => Boolean(p));
  return said.length > 0 ? said.join(' ') : unit(0, 'minute');
}

/** "every day", "on weekdays", "at weekends", "on Monday to Thursday", "on Monday, Wednesday and Friday". */
export function describeDays(days: readonly number[] | undefined): string {
  const set = [...new Set(days ?? [])].filter((d) => d >= 0 && d <= 6).sort((a, b) => a - b);
  if (set.length === 0 || set.length === 7) return 'every day';
  const key = set.join('');
  if (key === '12345') return 'on weekdays';
  if (key === '06') return 'at weekends';
  // A run of three or more days in a row (Monday to Thursday) reads better as a range.
  const consecutive = set.every((d, i) => i === 0 || d === set[i - 1]! + 1);
  if (consecutive && set.length >= 3) return `on ${DAY_NAMES[set[0]!]} to ${DAY_NAMES[set[set.length - 1]!]}`;
  return `on ${joinWords(
    set.map((d) => DAY_NAMES[d]!),
    'and',
  )}`;
}

function triggerPhrase(trigger: AutomationTrigger): string {
  switch (trigger.type) {
    case 'message_received': {
      const keywords = (trigger.keywords ?? []).filter((k) => k.trim() !== '');
      if (keywords.length === 0) return 'When a message arrives';
      const match = trigger.match ?? 'contains';
      if (match === 'regex') return `When a message matching ${joinWords(keywords.map((k) => `/${k}/`))} arrives`;
      const quoted = joinWords(keywords.map((k) => quote(k)));
      return match === 'exact'
        ? `When a message that says exactly ${quoted} arrives`
        : `When a message containing ${quoted} arrives`;
    }
    case 'conversation_created':
      return 'When a new conversation starts';
    case 'first_contact':
      return 'When a contact writes for the first time';
    case 'outside_business_hours':
      return 'When a message arrives outside business hours';
    case 'no_reply':
      return `When the team has not replied for ${formatMinutes(trigger.minutes ?? 0)}`;
    case 'conversation_resolved':
      return 'When a conversation is resolved';
  }
}

const withArticle = (word: string) => `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;

function statusList(statuses: readonly ConversationStatus[]): string {
  return joinWords([...statuses]);
}

function conditionPhrase(condition: AutomationCondition, names: SummaryNames): string {
  const not = condition.negate === true;
  switch (condition.type) {
    case 'number': {
      const labels = condition.whatsappAccountIds.map((id) => names.number?.(id) ?? 'one of your numbers');
      return `the message is ${not ? 'not ' : ''}to ${joinWords([...new Set(labels)])}`;
    }
    case 'contact_tag':
      return `the contact is ${not ? 'not ' : ''}tagged ${quote(condition.tag)}`;
    case 'contact_attribute': {
      const key = quote(condition.key);
      if (condition.op === 'exists') return `the contact has ${not ? 'no' : 'the'} attribute ${key}`;
      const value = quote(condition.value ?? '');
      if (condition.op === 'contains') return `the contact's ${key} ${not ? 'does not contain' : 'contains'} ${value}`;
      return `the contact's ${key} ${not ? 'is not' : 'is'} ${value}`;
    }
    case 'conversation_status':
      return `the conversation is ${not ? 'not ' : ''}${statusList(condition.statuses)}`;
    case 'assignee': {
      if (condition.is === 'agent') {
        const who = (condition.agentId && names.agent?.(condition.agentId)) || 'a given agent';
        return `the conversation is ${not ? 'not ' : ''}assigned to ${who}`;
      }
      const unassigned = (condition.is === 'nobody') !== not;
      return unassigned ? 'the conversation is unassigned' : 'the conversation is assigned';
    }
    case 'time_of_day': {
      const overnight = condition.from > condition.to ? ' (overnight)' : '';
      const days = describeDays(condition.days);
      return `it is ${not ? 'not ' : ''}between ${condition.from} and ${condition.to}${overnight} ${days}`;
    }
    case 'message_type':
      return `the message is ${not ? 'not ' : ''}${joinWords(condition.messageTypes.map(withArticle))}`;
  }
}

const ASSIGN_TEAM = (teamId: string | undefined, names: SummaryNames, word: string) =>
  teamId ? ` ${word} ${names.team?.(teamId) ? `team ${names.team(teamId)}` : 'the chosen team'}` : '';

function actionPhrase(action: AutomationAction, names: SummaryNames): string {
  switch (action.type) {
    case 'reply_text':
      return `reply ${quote(action.text)}`;
    case 'send_template':
      return `send the template ${action.name} (${action.language})`;
    case 'assign':
      if (action.strategy === 'agent') {
        return `assign to ${(action.agentId && names.agent?.(action.agentId)) || 'a given agent'}`;
      }
      if (action.strategy === 'least_busy') {
        return `assign to the least busy agent${ASSIGN_TEAM(action.teamId, names, 'of')}`;
      }
      return `assign round-robin${ASSIGN_TEAM(action.teamId, names, 'within')}`;
    case 'add_tag':
      return `tag the contact ${quote(action.tag)}`;
    case 'remove_tag':
      return `remove the tag ${quote(action.tag)}`;
    case 'set_status':
      return action.status === 'open' ? 'reopen the conversation' : `mark the conversation ${action.status}`;
    case 'add_note':
      return `add the note ${quote(action.text)}`;
    case 'ai_reply':
      return 'answer with AI (a person takes over when it cannot)';
    case 'call_webhook':
      return 'call your webhook';
  }
}

/**
 * The rule in one plain sentence: "When a message containing “price” or “cost” arrives, if it is between 18:00 and
 * 09:00 (overnight) every day, reply “We open at nine”, then assign round-robin."
 */
export function summarizeRule(rule: SummarizedRule, names: SummaryNames = {}): string {
  const conditions = rule.conditions.map((c) => conditionPhrase(c, names));
  const actions = rule.actions.map((a) => actionPhrase(a, names));
  const when = triggerPhrase(rule.trigger);
  const condition = conditions.length > 0 ? `, if ${joinWords(conditions, 'and')}` : '';
  const then =
    actions.length === 0
      ? ', do nothing yet'
      : `, ${actions.length === 1 ? actions[0] : `${actions.slice(0, -1).join(', ')}, then ${actions[actions.length - 1]}`}`;
  const stop = rule.stopAfter ? ' Later rules do not run.' : '';
  return `${when}${condition}${then}.${stop}`;
}
