/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { aPlan, aSubscription } from '@/lib/billing/billing-builders.test-support';
import type { FormState } from '@/lib/form-state';
import { SubscriptionSummary } from './subscription-summary';

const idle = async (): Promise<FormState> => ({ status: 'idle' });
const NOW = Date.parse('2026-12-07T12:00:00Z');

function renderSummary(subscription = aSubscription()) {
  render(
    <SubscriptionSummary
      subscription={subscription}
      now={NOW}
      portalAction={idle}
      cancelScheduledChangeAction={idle}
    />,
  );
}

describe('SubscriptionSummary', () => {
  it('should name the plan, its price and what it includes', () => {
    renderSummary(aSubscription({ plan: aPlan({ name: 'Starter', monthlyMinor: 4900 }) }));
    expect(screen.getByTestId('current-plan').textContent).toBe('Starter');
    expect(screen.getByText('$49.00 / month')).toBeTruthy();
    expect(screen.getByText('Active')).toBeTruthy();
    expect(screen.getByText('Up to 5,000')).toBeTruthy();
    expect(screen.getByText('Current period: 1 Dec 2026 – 1 Jan 2027. No payment method yet.')).toBeTruthy();
  });

  it('should count the trial’s days left', () => {
    renderSummary(aSubscription({ status: 'trialing', trialEndsAt: '2026-12-21T12:00:00.000Z' }));
    expect(screen.getByRole('status').textContent).toMatch(/^Trial: 14 days left \(until 21 Dec 2026\)/);
  });

  it('should warn of a failed payment with a way to update the card', () => {
    renderSummary(aSubscription({ status: 'past_due', paymentMethod: 'stripe' }));
    expect(screen.getByText('Past due')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(/last payment failed/);
    expect(screen.getByRole('button', { name: 'Update payment method' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Manage card' })).toBeNull();
  });

  it('should show a scheduled downgrade with a way to cancel it', () => {
    renderSummary(
      aSubscription({
        plan: aPlan({ name: 'Growth' }),
        scheduledChange: { plan: aPlan({ name: 'Starter' }), effectiveAt: '2027-01-01T00:00:00.000Z' },
      }),
    );
    expect(screen.getByTestId('scheduled-change').textContent).toBe('Changes to Starter on 1 Jan 2027.');
    expect(screen.getByRole('button', { name: 'Cancel the change to Starter' })).toBeTruthy();
  });
});
