/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { emptyRuleDraft } from '@/lib/automation/rule-draft';
import { RuleBuilder, type RuleBuilderProps } from './rule-builder';

const ANA = '00000000-0000-4000-8000-0000000000a1';

function renderBuilder(onSave: RuleBuilderProps['onSave']) {
  render(
    <RuleBuilder
      ruleId={null}
      initial={emptyRuleDraft()}
      templates={[{ name: 'order_update', language: 'en', body: 'Hi {{1}}, order {{2}} shipped.' }]}
      templatesUnavailable={null}
      agents={[{ id: ANA, label: 'Ana Lima (ana@example.com)' }]}
      teams={[]}
      numbers={[]}
      onSave={onSave}
    />,
  );
  return userEvent.setup();
}

describe(RuleBuilder.name, () => {
  it('should send the contract’s body and say the rule in plain words when it is filled in', async () => {
    const onSave = jest.fn().mockResolvedValue({ ok: true, message: 'saved' });
    const user = renderBuilder(onSave);
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Orders');
    await user.type(screen.getByRole('textbox', { name: 'Keywords, one per line' }), 'order{Enter}parcel');
    await user.click(screen.getByRole('radio', { name: 'Is exactly a keyword' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Action 1: what to do' }), 'send_template');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Approved template' }), 'order_update|en');
    // {{2}} starts as a custom attribute without a name; a fixed text fills it.
    const second = screen.getByTestId('variable-2');
    await user.click(within(second).getByRole('radio', { name: 'The same text for everyone' }));
    await user.type(within(second).getByRole('textbox', { name: 'Text for {{2}}' }), 'A-1');
    await user.click(screen.getByRole('button', { name: 'Add action' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Action 2: what to do' }), 'assign');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Assign to' }), 'agent');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Agent' }), ANA);

    expect(screen.getByTestId('rule-builder-summary').textContent).toBe(
      'When a message that says exactly “order” or “parcel” arrives, send the template order_update (en), then ' +
        'assign to Ana Lima (ana@example.com).',
    );
    await user.click(screen.getByRole('button', { name: 'Create rule' }));
    expect(onSave).toHaveBeenCalledWith(null, {
      name: 'Orders',
      enabled: true,
      stopAfter: false,
      trigger: { type: 'message_received', keywords: ['order', 'parcel'], match: 'exact' },
      conditions: [],
      actions: [
        {
          type: 'send_template',
          name: 'order_update',
          language: 'en',
          variables: { '1': { field: 'displayName' }, '2': { text: 'A-1' } },
        },
        { type: 'assign', strategy: 'agent', agentId: ANA },
      ],
    });
  });

  it('should show its own and the API’s errors beside their fields and list the others', async () => {
    const onSave = jest.fn().mockResolvedValue({
      ok: false,
      message: 'Validation failed',
      fields: { 'actions.0.text': 'text is too friendly', 'conditions.9.tag': 'not on this form' },
    });
    const user = renderBuilder(onSave);
    await user.click(screen.getByRole('button', { name: 'Create rule' }));
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByRole('textbox', { name: 'Name' }).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('name is required')).toBeTruthy();

    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Hello');
    await user.type(screen.getByRole('textbox', { name: 'Reply' }), 'Hi there');
    await user.click(screen.getByRole('button', { name: 'Create rule' }));
    expect(onSave).toHaveBeenCalledTimes(1);
    const reply = screen.getByRole('textbox', { name: 'Reply' });
    expect(reply.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(reply.getAttribute('aria-describedby')!.split(' ').pop()!)?.textContent).toBe(
      'text is too friendly',
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Validation failed');
    expect(alert.textContent).toContain('conditions.9.tag: not on this form');
    expect(alert.textContent).not.toContain('text is too friendly');
  });

  it('should keep what was typed when an action’s type is switched and back', async () => {
    const user = renderBuilder(jest.fn());
    await user.type(screen.getByRole('textbox', { name: 'Reply' }), 'Kept');
    const type = screen.getByRole('combobox', { name: 'Action 1: what to do' });
    await user.selectOptions(type, 'add_note');
    expect(screen.queryByRole('textbox', { name: 'Reply' })).toBeNull();
    await user.selectOptions(type, 'reply_text');
    expect((screen.getByRole('textbox', { name: 'Reply' }) as HTMLTextAreaElement).value).toBe('Kept');
  });
});
