import type { AutomationAction, AutomationCondition, AutomationTrigger } from '@aerostic/shared';
import {
  type SummarizedRule,
  type SummaryNames,
  describeDays,
  formatMinutes,
  joinWords,
  quote,
  summarizeRule,
} from './rule-summary';

const ANA = '00000000-0000-4000-8000-0000000000a1';
const SALES = '00000000-0000-4000-8000-0000000000b1';
const SHOP = '00000000-0000-4000-8000-0000000000c1';

const names: SummaryNames = {
  agent: (id) => (id === ANA ? 'Ana Lima' : undefined),
  team: (id) => (id === SALES ? 'Sales' : undefined),
  number: (id) => (id === SHOP ? '+44 7700 900123' : undefined),
};

function aRule(overrides: Partial<SummarizedRule> = {}): SummarizedRule {
  return {
    trigger: { type: 'message_received' },
    conditions: [],
    actions: [{ type: 'add_tag', tag: 'lead' }],
    ...overrides,
  };
}

const triggerOnly = (trigger: AutomationTrigger) => summarizeRule(aRule({ trigger }));
const conditionOnly = (condition: AutomationCondition) =>
  summarizeRule(aRule({ trigger: { type: 'conversation_created' }, conditions: [condition] }), names);
const actionOnly = (action: AutomationAction) =>
  summarizeRule(aRule({ trigger: { type: 'conversation_created' }, actions: [action] }), names);

describe(summarizeRule.name, () => {
  it('should read like the issue’s example when a keyword rule replies and assigns', () => {
    const summary = summarizeRule(
      aRule({
        trigger: { type: 'message_received', keywords: ['price', 'cost'], match: 'contains' },
        conditions: [{ type: 'time_of_day', from: '18:00', to: '09:00' }],
        actions: [
          { type: 'reply_text', text: 'We open at nine; an agent will answer then.' },
          { type: 'assign', strategy: 'round_robin' },
        ],
      }),
    );
    expect(summary).toBe(
      'When a message containing “price” or “cost” arrives, if it is between 18:00 and 09:00 (overnight) every day, ' +
        'reply “We open at nine; an agent will answer then.”, then assign round-robin.',
    );
  });

  it.each<[string, AutomationTrigger, string]>([
    ['any message', { type: 'message_received' }, 'When a message arrives'],
    ['empty keywords', { type: 'message_received', keywords: ['  '], match: 'exact' }, 'When a message arrives'],
    [
      'keywords without a match (contains by default)',
      { type: 'message_received', keywords: ['hours'] },
      'When a message containing “hours” arrives',
    ],
    [
      'exact keywords',
      { type: 'message_received', keywords: ['stop', 'unsubscribe', 'quit'], match: 'exact' },
      'When a message that says exactly “stop”, “unsubscribe” or “quit” arrives',
    ],
    [
      'regular expressions',
      { type: 'message_received', keywords: ['^order\\s+\\d+$'], match: 'regex' },
      'When a message matching /^order\\s+\\d+$/ arrives',
    ],
    ['a new conversation', { type: 'conversation_created' }, 'When a new conversation starts'],
    ['a first contact', { type: 'first_contact' }, 'When a contact writes for the first time'],
    ['closed hours', { type: 'outside_business_hours' }, 'When a message arrives outside business hours'],
    ['no reply', { type: 'no_reply', minutes: 90 }, 'When the team has not replied for 1 hour 30 minutes'],
    ['a resolution', { type: 'conversation_resolved' }, 'When a conversation is resolved'],
  ])('should describe the trigger when it is %s', (_label, trigger, start) => {
    expect(triggerOnly(trigger)).toBe(`${start}, tag the contact “lead”.`);
  });

  it.each<[string, AutomationCondition, string]>([
    ['a number', { type: 'number', whatsappAccountIds: [SHOP] }, 'the message is to +44 7700 900123'],
    [
      'not a number nobody can name',
      { type: 'number', whatsappAccountIds: ['x', 'y'], negate: true },
      'the message is not to one of your numbers',
    ],
    ['a tag', { type: 'contact_tag', tag: 'vip' }, 'the contact is tagged “vip”'],
    ['no tag', { type: 'contact_tag', tag: 'vip', negate: true }, 'the contact is not tagged “vip”'],
    [
      'an attribute equal',
      { type: 'contact_attribute', key: 'city', op: 'equals', value: 'Lisbon' },
      "the contact's “city” is “Lisbon”",
    ],
    [
      'an attribute not containing',
      { type: 'contact_attribute', key: 'plan', op: 'contains', value: 'pro', negate: true },
      "the contact's “plan” does not contain “pro”",
    ],
    [
      'an attribute present',
      { type: 'contact_attribute', key: 'email', op: 'exists' },
      'the contact has the attribute “email”',
    ],
    [
      'an attribute absent',
      { type: 'contact_attribute', key: 'email', op: 'exists', negate: true },
      'the contact has no attribute “email”',
    ],
    ['statuses', { type: 'conversation_status', statuses: ['open', 'pending'] }, 'the conversation is open or pending'],
    [
      'not resolved',
      { type: 'conversation_status', statuses: ['resolved'], negate: true },
      'the conversation is not resolved',
    ],
    ['nobody assigned', { type: 'assignee', is: 'nobody' }, 'the conversation is unassigned'],
    ['not nobody', { type: 'assignee', is: 'nobody', negate: true }, 'the conversation is assigned'],
    ['anyone assigned', { type: 'assignee', is: 'anyone' }, 'the conversation is assigned'],
    ['not anyone', { type: 'assignee', is: 'anyone', negate: true }, 'the conversation is unassigned'],
    ['a named agent', { type: 'assignee', is: 'agent', agentId: ANA }, 'the conversation is assigned to Ana Lima'],
    [
      'not an unknown agent',
      { type: 'assignee', is: 'agent', agentId: 'gone', negate: true },
      'the conversation is not assigned to a given agent',
    ],
    [
      'office hours on weekdays',
      { type: 'time_of_day', from: '09:00', to: '17:30', days: [5, 1, 2, 3, 4] },
      'it is between 09:00 and 17:30 on weekdays',
    ],
    [
      'outside a window at weekends',
      { type: 'time_of_day', from: '10:00', to: '14:00', days: [0, 6], negate: true },
      'it is not between 10:00 and 14:00 at weekends',
    ],
    [
      'message types',
      { type: 'message_type', messageTypes: ['image', 'audio', 'document'] },
      'the message is an image, an audio or a document',
    ],
    ['not text', { type: 'message_type', messageTypes: ['text'], negate: true }, 'the message is not a text'],
  ])('should describe the condition when it is %s', (_label, condition, phrase) => {
    expect(conditionOnly(condition)).toBe(`When a new conversation starts, if ${phrase}, tag the contact “lead”.`);
  });

  it('should join several conditions with “and”', () => {
    const summary = summarizeRule(
      aRule({
        conditions: [
          { type: 'contact_tag', tag: 'vip' },
          { type: 'assignee', is: 'nobody' },
          { type: 'conversation_status', statuses: ['open'] },
        ],
      }),
    );
    expect(summary).toBe(
      'When a message arrives, if the contact is tagged “vip”, the conversation is unassigned and the conversation is ' +
        'open, tag the contact “lead”.',
    );
  });

  it.each<[string, AutomationAction, string]>([
    ['a reply', { type: 'reply_text', text: 'Hello\nthere' }, 'reply “Hello there”'],
    [
      'a template',
      { type: 'send_template', name: 'order_update', language: 'en_US', variables: { '1': { field: 'name' } } },
      'send the template order_update (en_US)',
    ],
    ['round-robin', { type: 'assign', strategy: 'round_robin' }, 'assign round-robin'],
    [
      'round-robin in a team',
      { type: 'assign', strategy: 'round_robin', teamId: SALES },
      'assign round-robin within team Sales',
    ],
    ['least busy', { type: 'assign', strategy: 'least_busy' }, 'assign to the least busy agent'],
    [
      'least busy of an unknown team',
      { type: 'assign', strategy: 'least_busy', teamId: 'gone' },
      'assign to the least busy agent of the chosen team',
    ],
    ['an agent', { type: 'assign', strategy: 'agent', agentId: ANA }, 'assign to Ana Lima'],
    ['an unknown agent', { type: 'assign', strategy: 'agent', agentId: 'gone' }, 'assign to a given agent'],
    ['a tag removed', { type: 'remove_tag', tag: 'lead' }, 'remove the tag “lead”'],
    ['resolved', { type: 'set_status', status: 'resolved' }, 'mark the conversation resolved'],
    ['reopened', { type: 'set_status', status: 'open' }, 'reopen the conversation'],
    ['a note', { type: 'add_note', text: 'Asked about prices' }, 'add the note “Asked about prices”'],
    ['the AI', { type: 'ai_reply' }, 'answer with AI (a person takes over when it cannot)'],
    ['a webhook', { type: 'call_webhook' }, 'call your webhook'],
  ])('should describe the action when it is %s', (_label, action, phrase) => {
    expect(actionOnly(action)).toBe(`When a new conversation starts, ${phrase}.`);
  });

  it('should chain three actions with commas and a final “then”', () => {
    const summary = summarizeRule(
      aRule({
        trigger: { type: 'outside_business_hours' },
        actions: [
          { type: 'reply_text', text: 'We are closed' },
          { type: 'add_tag', tag: 'after-hours' },
          { type: 'set_status', status: 'pending' },
        ],
      }),
    );
    expect(summary).toBe(
      'When a message arrives outside business hours, reply “We are closed”, tag the contact “after-hours”, then mark ' +
        'the conversation pending.',
    );
  });

  it('should say later rules do not run when the rule stops after itself', () => {
    expect(summarizeRule(aRule({ stopAfter: true }))).toBe(
      'When a message arrives, tag the contact “lead”. Later rules do not run.',
    );
  });

  it('should still read when a draft has no action yet', () => {
    expect(summarizeRule(aRule({ actions: [] }))).toBe('When a message arrives, do nothing yet.');
  });
});

describe(quote.name, () => {
  it('should cut a long text with an ellipsis within the limit', () => {
    const quoted = quote('a'.repeat(100), 10);
    expect(quoted).toBe(`“${'a'.repeat(9)}…”`);
  });
});

describe(joinWords.name, () => {
  it('should join none, one, two and three words', () => {
    expect(joinWords([])).toBe('');
    expect(joinWords(['a'])).toBe('a');
    expect(joinWords(['a', 'b'])).toBe('a or b');
    expect(joinWords(['a', 'b', 'c'], 'and')).toBe('a, b and c');
  });
});

describe(formatMinutes.name, () => {
  it.each([
    [1, '1 minute'],
    [45, '45 minutes'],
    [60, '1 hour'],
    [150, '2 hours 30 minutes'],
    [1440, '1 day'],
    [2 * 1440 + 61, '2 days 1 hour 1 minute'],
    [0, '0 minutes'],
  ])('should say %p minutes as %p', (minutes, said) => {
    expect(formatMinutes(minutes)).toBe(said);
  });
});

describe(describeDays.name, () => {
  it.each<[number[] | undefined, string]>([
    [undefined, 'every day'],
    [[0, 1, 2, 3, 4, 5, 6], 'every day'],
    [[1, 2, 3, 4, 5], 'on weekdays'],
    [[6, 0], 'at weekends'],
    [[1, 2, 3, 4], 'on Monday to Thursday'],
    [[1, 3, 5], 'on Monday, Wednesday and Friday'],
    [[2, 3], 'on Tuesday and Wednesday'],
    [[3, 3], 'on Wednesday'],
  ])('should say %p as %p', (days, said) => {
    expect(describeDays(days)).toBe(said);
  });
});
