/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FormState } from '@/lib/form-state';
import { BudgetForm } from './budget-form';

describe('BudgetForm', () => {
  it('should start from the budget in dollars and show the refusal beside the field', async () => {
    const action = jest.fn(async (): Promise<FormState> => ({
      status: 'error',
      message: 'Check the highlighted fields.',
      fields: { monthlyBudget: 'monthlyBudget must be an amount in US dollars, such as 250 or 99.50' },
      values: { monthlyBudget: '12.345' },
    }));
    render(<BudgetForm action={action} monthlyMicros={250_000_000} />);
    const field = screen.getByRole('textbox', { name: 'Monthly budget (US dollars)' });
    expect((field as HTMLInputElement).value).toBe('250.00');

    const user = userEvent.setup();
    await user.clear(field);
    await user.type(field, '12.345');
    await user.click(screen.getByRole('button', { name: 'Save budget' }));

    const sent = action.mock.calls[0] as unknown as [FormState, FormData];
    expect(sent[1].get('monthlyBudget')).toBe('12.345');
    expect((await screen.findByText(/such as 250 or 99.50/)).id).toBe('budget-monthlyBudget-error');
    expect(screen.getByRole('textbox', { name: 'Monthly budget (US dollars)' }).getAttribute('aria-invalid')).toBe(
      'true',
    );
  });
});
