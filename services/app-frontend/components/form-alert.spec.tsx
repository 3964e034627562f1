/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { FormAlert } from './form-alert';

describe('FormAlert', () => {
  it('should link to the plan that allows more when a plan’s limit refused the action', () => {
    render(
      <FormAlert
        message="Your plan allows 2 agents."
        wayOut={{
          upgrade: { planId: 'p-growth', code: 'growth', name: 'Growth' },
          billingUrl: 'http://app.localhost/dashboard/billing',
        }}
      />,
    );
    const link = screen.getByRole('link', { name: 'Upgrade to Growth' });
    expect(link.getAttribute('href')).toBe('http://app.localhost/dashboard/billing');
    expect(screen.getByRole('alert').textContent).toMatch(/^Your plan allows 2 agents\./);
  });

  it('should point to billing when no larger plan exists, and show no link without a way out', () => {
    const { unmount } = render(
      <FormAlert message="Limit reached." wayOut={{ upgrade: null, billingUrl: '/dashboard/billing' }} />,
    );
    expect(screen.getByRole('link', { name: 'See plans and billing' })).toBeTruthy();
    unmount();
    render(<FormAlert message="Something else went wrong." />);
    expect(screen.queryByRole('link')).toBeNull();
  });
});
