/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { OverageName, PlanChangeResultDto, PlanDto } from '@aerostic/shared';
import { aPlan, aSubscription } from '@/lib/billing/billing-builders.test-support';
import type { PlanChangeState } from '@/lib/billing/billing-forms';
import type { FormState } from '@/lib/form-state';
import { PlanPicker } from './plan-picker';

const NONE: Record<OverageName, null> = {
  agents: null,
  whatsappNumbers: null,
  outboundMessages: null,
  campaignRecipients: null,
  aiReplies: null,
};
const priced = (usd: number, eur: number): PlanDto['prices'] => [
  { currency: 'USD', monthlyMinor: usd, overageMinor: NONE },
  { currency: 'EUR', monthlyMinor: eur, overageMinor: NONE },
];

const FREE = aPlan({
  id: '00000000-0000-4000-8000-00000000f001',
  code: 'free',
  name: 'Free',
  sortOrder: 0,
  prices: priced(0, 0),
});
const STARTER = aPlan({
  id: '00000000-0000-4000-8000-00000000f002',
  name: 'Starter',
  sortOrder: 1,
  prices: priced(4900, 4500),
});
const GROWTH = aPlan({
  id: '00000000-0000-4000-8000-00000000f003',
  code: 'growth',
  name: 'Growth',
  sortOrder: 2,
  prices: priced(14900, 13900),
});

const SUBSCRIPTION = aSubscription({ plan: STARTER, currency: 'EUR', currentPeriodEnd: '2027-01-01T00:00:00.000Z' });
const noCheckout = async (): Promise<FormState> => ({ status: 'idle' });

function renderPicker(changePlanAction: (previous: PlanChangeState, formData: FormData) => Promise<PlanChangeState>) {
  render(
    <PlanPicker
      plans={[FREE, STARTER, GROWTH]}
      subscription={SUBSCRIPTION}
      changePlanAction={changePlanAction}
      checkoutAction={noCheckout}
    />,
  );
  return userEvent.setup();
}

describe('PlanPicker', () => {
  it('should price each plan in the subscription’s currency and offer the way up and down', () => {
    renderPicker(jest.fn());
    const growth = screen.getByRole('listitem', { name: 'Growth' });
    expect(within(growth).getByText('€139.00 / month')).toBeTruthy();
    expect(within(growth).getByRole('button', { name: 'Upgrade to Growth' })).toBeTruthy();
    expect(within(screen.getByRole('listitem', { name: 'Free' })).getByText('Free', { selector: 'p' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Downgrade to Free' })).toBeTruthy();
    expect(within(screen.getByRole('listitem', { name: 'Starter' })).getByText('Your plan')).toBeTruthy();
  });

  it('should ask first, then say the prorated charge the API made for an upgrade', async () => {
    const upgraded: PlanChangeResultDto = {
      subscription: { ...SUBSCRIPTION, plan: GROWTH },
      effect: 'immediate',
      prorationMinor: 6_452,
    };
    const change = jest.fn(async (): Promise<PlanChangeState> => ({ status: 'success', change: upgraded }));
    const user = renderPicker(change);

    await user.click(screen.getByRole('button', { name: 'Upgrade to Growth' }));
    const question = screen.getByRole('group');
    expect(question.textContent).toMatch(/Move to Growth now\?.*until 1 Jan 2027.*prorated/);
    expect(change).not.toHaveBeenCalled();

    await user.click(within(question).getByRole('button', { name: 'Upgrade to Growth' }));
    const sent = change.mock.calls[0] as unknown as [PlanChangeState, FormData];
    expect(Object.fromEntries(sent[1])).toEqual({ planId: GROWTH.id, currency: 'EUR' });
    expect((await screen.findByRole('status')).textContent).toBe(
      'You are now on Growth: its limits apply at once. €64.52 for the rest of this period is added to your next invoice.',
    );
    expect(screen.queryByRole('group')).toBeNull();
  });

  it('should say when a downgrade takes effect', async () => {
    const scheduled: PlanChangeResultDto = {
      subscription: { ...SUBSCRIPTION, scheduledChange: { plan: FREE, effectiveAt: '2027-01-01T00:00:00.000Z' } },
      effect: 'scheduled',
      prorationMinor: 0,
    };
    const user = renderPicker(async () => ({ status: 'success', change: scheduled }));
    await user.click(screen.getByRole('button', { name: 'Downgrade to Free' }));
    expect(screen.getByRole('group').textContent).toMatch(/Move to Free on 1 Jan 2027\? You keep Starter until then/);
    await user.click(within(screen.getByRole('group')).getByRole('button', { name: 'Downgrade to Free' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'Your plan changes to Free on 1 Jan 2027. Until then you keep Starter and its limits.',
    );
  });

  it('should show a refused downgrade’s reason inside the question', async () => {
    const user = renderPicker(async () => ({
      status: 'error',
      message: 'Free allows 2 agents and the workspace has 4: remove 2 agents first.',
    }));
    await user.click(screen.getByRole('button', { name: 'Downgrade to Free' }));
    await user.click(within(screen.getByRole('group')).getByRole('button', { name: 'Downgrade to Free' }));
    const alert = await within(screen.getByRole('group')).findByRole('alert');
    expect(alert.textContent).toBe('Free allows 2 agents and the workspace has 4: remove 2 agents first.');
  });

  it('should offer card payment only for paid plans while no card is on file', () => {
    renderPicker(jest.fn());
    expect(screen.getByRole('button', { name: 'Pay with card for Growth' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Pay with card for Free' })).toBeNull();
  });
});
