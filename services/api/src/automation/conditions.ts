import { type AutomationCondition, type ConversationStatus } from '@aerostic/shared';
import { normalizeText } from './keywords';
import { localTime, withinClock } from './local-time';

/** What conditions read of an event: the conversation and its contact as they are, the message if there is one. */
export interface ConditionFacts {
  whatsappAccountId: string;
  status: ConversationStatus;
  assigneeId: string | null;
  tags: readonly string[];
  attributes: Readonly<Record<string, string>>;
  messageType: string | null;
  /** When the event happened, read in the workspace's time zone. */
  at: Date;
  timeZone: string;
}

function holds(condition: AutomationCondition, facts: ConditionFacts): boolean {
  switch (condition.type) {
    case 'number':
      return condition.whatsappAccountIds.includes(facts.whatsappAccountId);
    case 'contact_tag': {
      const tag = normalizeText(condition.tag);
      return facts.tags.some((t) => normalizeText(t) === tag);
    }
    case 'contact_attribute': {
      const value = facts.attributes[condition.key];
      if (condition.op === 'exists') return value !== undefined && value !== '';
      if (value === undefined) return false;
      const wanted = normalizeText(condition.value ?? '');
      return condition.op === 'equals' ? normalizeText(value) === wanted : normalizeText(value).includes(wanted);
    }
    case 'conversation_status':
      return condition.statuses.includes(facts.status);
    case 'assignee':
      if (condition.is === 'nobody') return facts.assigneeId === null;
      if (condition.is === 'anyone') return facts.assigneeId !== null;
      return facts.assigneeId !== null && facts.assigneeId === condition.agentId;
    case 'time_of_day': {
      const local = localTime(facts.at, facts.timeZone);
      if (condition.days && !condition.days.includes(local.day)) return false;
      return withinClock(local.time, condition.from, condition.to);
    }
    case 'message_type':
      return facts.messageType !== null && condition.messageTypes.includes(facts.messageType);
  }
}

/** A rule's conditions all hold (each may be negated); none is always true. */
export function conditionsHold(conditions: readonly AutomationCondition[], facts: ConditionFacts): boolean {
  return conditions.every((c) => holds(c, facts) !== (c.negate === true));
}
