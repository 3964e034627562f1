/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BudgetBanner } from './budget-banner';

describe('BudgetBanner', () => {
  beforeEach(() => window.localStorage.clear());

  it('should stay hidden for the rest of the month once dismissed', async () => {
    const { unmount } = render(<BudgetBanner state="warning" month="2026-12" />);
    expect(screen.getByRole('status').textContent).toMatch(/passed 80 %/);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('status')).toBeNull();
    unmount();

    render(<BudgetBanner state="warning" month="2026-12" />);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('should come back in a new month, and when the budget is spent after the warning was dismissed', () => {
    window.localStorage.setItem('aerostic.budget-banner-dismissed', '2026-12:warning');
    const { unmount } = render(<BudgetBanner state="warning" month="2027-01" />);
    expect(screen.getByRole('status')).toBeTruthy();
    unmount();

    render(<BudgetBanner state="exhausted" month="2026-12" />);
    expect(screen.getByRole('alert').textContent).toMatch(/marketing sends .* are stopped/);
    expect(screen.getByRole('link', { name: 'See billing' }).getAttribute('href')).toBe('/dashboard/billing');
  });
});
