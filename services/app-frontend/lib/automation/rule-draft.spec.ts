import type { AutomationRuleDto } from '@aerostic/shared';
import {
  type RuleDraft,
  type TemplateChoice,
  draftOfRule,
  emptyAction,
  emptyCondition,
  emptyRuleDraft,
  errorsUnder,
  nextId,
  toRuleBody,
  withTemplate,
} from './rule-draft';

const ANA = '00000000-0000-4000-8000-0000000000a1';
const SHOP = '00000000-0000-4000-8000-0000000000c1';

const orderUpdate: TemplateChoice = {
  name: 'order_update',
  language: 'en',
  body: 'Hi {{1}}, your order {{order}} has shipped.',
};

function aDraft(overrides: Partial<RuleDraft> = {}): RuleDraft {
  return {
    ...emptyRuleDraft(),
    name: 'Prices',
    actions: [{ ...emptyAction(0), text: 'Our prices are on the website.' }],
    ...overrides,
  };
}

describe(toRuleBody.name, () => {
  it('should build the contract’s body when a keyword rule is filled in', () => {
    const result = toRuleBody(
      aDraft({
        trigger: { type: 'message_received', keywords: ' price \n\ncost', match: 'contains', minutes: '30' },
        stopAfter: true,
      }),
    );
    expect(result).toEqual({
      ok: true,
      body: {
        name: 'Prices',
        enabled: true,
        stopAfter: true,
        trigger: { type: 'message_received', keywords: ['price', 'cost'], match: 'contains' },
        conditions: [],
        actions: [{ type: 'reply_text', text: 'Our prices are on the website.' }],
      },
    });
  });

  it('should leave keywords and minutes out of triggers that do not take them', () => {
    const result = toRuleBody(
      aDraft({ trigger: { type: 'first_contact', keywords: 'price', match: 'exact', minutes: '5' } }),
    );
    expect(result.ok && result.body.trigger).toEqual({ type: 'first_contact' });
  });

  it('should name the minutes field when a no-reply trigger has none or not a number', () => {
    const none = toRuleBody(aDraft({ trigger: { type: 'no_reply', keywords: '', match: 'contains', minutes: '' } }));
    expect(none).toMatchObject({
      ok: false,
      errors: { 'trigger.minutes': 'trigger.minutes is required for no_reply' },
    });
    const text = toRuleBody(aDraft({ trigger: { type: 'no_reply', keywords: '', match: 'contains', minutes: 'ten' } }));
    expect(text).toMatchObject({
      ok: false,
      errors: { 'trigger.minutes': 'trigger.minutes must be a number of minutes' },
    });
    const ok = toRuleBody(aDraft({ trigger: { type: 'no_reply', keywords: '', match: 'contains', minutes: '45' } }));
    expect(ok.ok && ok.body.trigger).toEqual({ type: 'no_reply', minutes: 45 });
  });

  it('should point at the line of a keyword that is not a regular expression', () => {
    const result = toRuleBody(
      aDraft({ trigger: { type: 'message_received', keywords: 'order \\d+\nbroken(', match: 'regex', minutes: '' } }),
    );
    expect(result).toMatchObject({
      ok: false,
      errors: { 'trigger.keywords.1': 'trigger.keywords[1] is not a regular expression' },
    });
  });

  it('should name the rule’s name and an empty reply when they are missing', () => {
    const result = toRuleBody(aDraft({ name: '  ', actions: [emptyAction(0)] }));
    expect(result).toEqual({
      ok: false,
      message: 'Check the highlighted fields.',
      errors: { name: 'name is required', 'actions.0.text': 'text is required' },
    });
  });

  it('should refuse a rule without actions', () => {
    expect(toRuleBody(aDraft({ actions: [] }))).toMatchObject({
      ok: false,
      errors: { actions: 'actions must hold at least one action' },
    });
  });

  it('should build every condition type from its row', () => {
    const result = toRuleBody(
      aDraft({
        conditions: [
          { ...emptyCondition(0, 'number'), whatsappAccountIds: [SHOP] },
          { ...emptyCondition(1, 'contact_tag'), tag: ' vip ', negate: true },
          { ...emptyCondition(2, 'contact_attribute'), attributeKey: 'city', attributeValue: 'Lisbon' },
          {
            ...emptyCondition(3, 'contact_attribute'),
            attributeKey: 'email',
            attributeOp: 'exists',
            attributeValue: 'x',
          },
          { ...emptyCondition(4, 'conversation_status'), statuses: ['open', 'pending'] },
          { ...emptyCondition(5, 'assignee'), assignee: 'agent', agentId: ANA },
          { ...emptyCondition(6, 'assignee'), assignee: 'nobody', agentId: ANA },
          { ...emptyCondition(7, 'time_of_day'), from: '18:00', to: '09:00', days: [5, 1] },
          { ...emptyCondition(8, 'time_of_day'), days: [0, 1, 2, 3, 4, 5, 6] },
          { ...emptyCondition(9, 'message_type'), messageTypes: 'image, audio,image\ndocument' },
        ],
      }),
    );
    expect(result.ok && result.body.conditions).toEqual([
      { type: 'number', whatsappAccountIds: [SHOP] },
      { type: 'contact_tag', tag: 'vip', negate: true },
      { type: 'contact_attribute', key: 'city', op: 'equals', value: 'Lisbon' },
      { type: 'contact_attribute', key: 'email', op: 'exists' },
      { type: 'conversation_status', statuses: ['open', 'pending'] },
      { type: 'assignee', is: 'agent', agentId: ANA },
      { type: 'assignee', is: 'nobody' },
      { type: 'time_of_day', from: '18:00', to: '09:00', days: [1, 5] },
      { type: 'time_of_day', from: '09:00', to: '17:00' },
      { type: 'message_type', messageTypes: ['image', 'audio', 'document'] },
    ]);
  });

  it('should name the condition’s field when a row is incomplete', () => {
    const result = toRuleBody(
      aDraft({
        conditions: [
          { ...emptyCondition(0, 'contact_tag'), tag: '' },
          { ...emptyCondition(1, 'time_of_day'), from: '9am' },
          { ...emptyCondition(2, 'number') },
        ],
      }),
    );
    expect(result.ok).toBe(false);
    const errors = result.ok ? {} : result.errors;
    expect(Object.keys(errors).sort()).toEqual([
      'conditions.0.tag',
      'conditions.1.from',
      'conditions.2.whatsappAccountIds',
    ]);
    expect(errors['conditions.1.from']).toBe('from must be a time as HH:MM (24 h)');
  });

  it('should build every action type from its row', () => {
    const template = withTemplate(emptyAction(1, 'send_template'), orderUpdate);
    template.variables = template.variables.map((row) =>
      row.key === 'order' ? { ...row, source: 'text', text: 'A-1' } : row,
    );
    const result = toRuleBody(
      aDraft({
        actions: [
          { ...emptyAction(0, 'reply_text'), text: 'Hello' },
          template,
          { ...emptyAction(2, 'assign'), strategy: 'least_busy', teamId: SHOP, agentId: ANA },
          { ...emptyAction(3, 'assign'), strategy: 'agent', agentId: ANA, teamId: SHOP },
          { ...emptyAction(4, 'add_tag'), tag: ' lead ' },
          { ...emptyAction(5, 'remove_tag'), tag: 'new' },
          { ...emptyAction(6, 'set_status'), status: 'pending' },
          { ...emptyAction(7, 'add_note'), noteText: 'Asked for prices' },
          emptyAction(8, 'ai_reply'),
          emptyAction(9, 'call_webhook'),
        ],
      }),
    );
    expect(result.ok && result.body.actions).toEqual([
      { type: 'reply_text', text: 'Hello' },
      {
        type: 'send_template',
        name: 'order_update',
        language: 'en',
        variables: { '1': { field: 'displayName' }, order: { text: 'A-1' } },
      },
      { type: 'assign', strategy: 'least_busy', teamId: SHOP },
      { type: 'assign', strategy: 'agent', agentId: ANA },
      { type: 'add_tag', tag: 'lead' },
      { type: 'remove_tag', tag: 'new' },
      { type: 'set_status', status: 'pending' },
      { type: 'add_note', text: 'Asked for prices' },
      { type: 'ai_reply' },
      { type: 'call_webhook' },
    ]);
  });

  it('should put template and agent errors beside their action’s fields', () => {
    const unmapped = withTemplate(emptyAction(1, 'send_template'), orderUpdate);
    const result = toRuleBody(
      aDraft({
        actions: [{ ...emptyAction(0, 'assign'), strategy: 'agent' }, unmapped, emptyAction(2, 'send_template')],
      }),
    );
    expect(result).toMatchObject({
      ok: false,
      errors: {
        'actions.0.agentId': 'agentId is required when strategy is agent',
        'actions.2.name': 'Choose one of your approved templates',
      },
    });
    // A fresh mapping starts complete: {{1}} from the display name, {{order}} from the attribute of that name.
    const errors = result.ok ? {} : result.errors;
    expect(Object.keys(errorsUnder(errors, 'actions.1'))).toEqual([]);
    const cleared = { ...unmapped, variables: unmapped.variables.map((r) => ({ ...r, attribute: '' })) };
    const missing = toRuleBody(
      aDraft({
        actions: [{ ...cleared, variables: cleared.variables.map((r) => ({ ...r, field: 'attribute' as const })) }],
      }),
    );
    expect(missing).toMatchObject({
      ok: false,
      errors: {
        'actions.0.variables.1': 'Name the custom attribute {{1}} comes from',
        'actions.0.variables.order': 'Name the custom attribute {{order}} comes from',
      },
    });
  });
});

describe(draftOfRule.name, () => {
  const rule: AutomationRuleDto = {
    id: '00000000-0000-4000-8000-000000000001',
    name: 'Order updates',
    enabled: false,
    position: 3,
    stopAfter: true,
    trigger: { type: 'message_received', keywords: ['order', 'delivery'], match: 'exact' },
    conditions: [
      { type: 'contact_attribute', key: 'plan', op: 'contains', value: 'pro', negate: true },
      { type: 'time_of_day', from: '08:00', to: '24:00' },
      { type: 'message_type', messageTypes: ['text', 'image'] },
      { type: 'assignee', is: 'agent', agentId: ANA },
    ],
    actions: [
      {
        type: 'send_template',
        name: 'order_update',
        language: 'en',
        variables: { '1': { field: 'attributes.first_name' }, order: { text: 'see below' } },
      },
      { type: 'assign', strategy: 'round_robin', teamId: SHOP },
      { type: 'add_note', text: 'Sent the order template' },
    ],
    createdAt: '2026-12-01T00:00:00Z',
    updatedAt: '2026-12-01T00:00:00Z',
  };

  it('should give back the same body when a saved rule is opened and saved unchanged', () => {
    const result = toRuleBody(draftOfRule(rule, [orderUpdate]));
    expect(result).toEqual({
      ok: true,
      body: {
        name: rule.name,
        enabled: false,
        stopAfter: true,
        trigger: rule.trigger,
        conditions: [
          rule.conditions[0],
          { type: 'time_of_day', from: '08:00', to: '24:00' },
          rule.conditions[2],
          rule.conditions[3],
        ],
        actions: rule.actions,
      },
    });
  });

  it('should keep the template’s name when it is no longer approved, with no variable rows', () => {
    const draft = draftOfRule(rule, []);
    expect(draft.actions[0]).toMatchObject({ template: 'order_update|en', variables: [] });
  });
});

describe(withTemplate.name, () => {
  it('should keep the mapping of a parameter of the same name when another template is chosen', () => {
    const first = withTemplate(emptyAction(0, 'send_template'), orderUpdate);
    const typed = { ...first, variables: first.variables.map((r) => ({ ...r, source: 'text' as const, text: 'x' })) };
    const second = withTemplate(typed, { name: 'welcome', language: 'pt_BR', body: 'Olá {{1}}!' });
    expect(second.template).toBe('welcome|pt_BR');
    expect(second.variables).toEqual([{ ...typed.variables[0], key: '1' }]);
    expect(withTemplate(second, undefined)).toMatchObject({ template: '', variables: [] });
  });
});

describe(errorsUnder.name, () => {
  it('should take a section’s errors and not a sibling whose index starts the same', () => {
    const errors = { 'actions.1': 'a', 'actions.1.text': 'b', 'actions.10.text': 'c', name: 'd' };
    expect(errorsUnder(errors, 'actions.1')).toEqual({ 'actions.1': 'a', 'actions.1.text': 'b' });
  });
});

describe(nextId.name, () => {
  it('should answer one past the largest id, or 0 for no rows', () => {
    expect(nextId([])).toBe(0);
    expect(nextId([{ id: 4 }, { id: 1 }])).toBe(5);
  });
});
