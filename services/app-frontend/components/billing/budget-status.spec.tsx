/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { aBudget } from '@/lib/billing/billing-builders.test-support';
import { BudgetStatus } from './budget-status';

describe('BudgetStatus', () => {
  it('should show what is spent of the budget with no warning under 80 %', () => {
    render(<BudgetStatus budget={aBudget({ monthlyMicros: 200_000_000, spentMicros: 50_012_300 })} />);
    expect(screen.getByText('$50.0123 of $200.00 (25 %)')).toBeTruthy();
    expect(screen.getByRole('meter').getAttribute('aria-valuenow')).toBe('25');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('should warn from 80 %', () => {
    render(
      <BudgetStatus budget={aBudget({ monthlyMicros: 100_000_000, spentMicros: 85_000_000, state: 'warning' })} />,
    );
    expect(screen.getByRole('status').textContent).toMatch(/passed 80 % of this month’s budget/);
  });

  it('should say marketing sends stopped and replies continue once the budget is spent', () => {
    render(
      <BudgetStatus budget={aBudget({ monthlyMicros: 100_000_000, spentMicros: 101_000_000, state: 'exhausted' })} />,
    );
    expect(screen.getByText('$101.00 of $100.00 (101 %)')).toBeTruthy();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toMatch(/^Marketing sends stopped\./);
    expect(alert.textContent).toMatch(/Replies to customers still go out/);
  });

  it('should say the month’s cost when there is no budget', () => {
    render(<BudgetStatus budget={aBudget({ spentMicros: 10_700 })} />);
    expect(screen.queryByRole('meter')).toBeNull();
    expect(screen.getByText('$0.0107')).toBeTruthy();
  });
});
