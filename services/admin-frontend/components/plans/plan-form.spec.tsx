/** @jest-environment jsdom */
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PlanDto } from '@aerostic/shared';
import type { FormState } from '@aerostic/shared/web';
import { PlanForm } from './plan-form';

const STARTER: PlanDto = {
  id: '5d1c9a4e-0000-4000-8000-000000000001',
  code: 'starter',
  name: 'Starter',
  description: 'A small team',
  quotas: {
    agents: 5,
    whatsappNumbers: 2,
    contacts: 10_000,
    outboundMessagesPerMonth: 10_000,
    campaignRecipientsPerMonth: 5000,
    aiRepliesPerMonth: null,
  },
  prices: [
    {
      currency: 'USD',
      monthlyMinor: 4900,
      overageMinor: {
        agents: 1500,
        whatsappNumbers: 2000,
        outboundMessages: 500,
        campaignRecipients: 500,
        aiReplies: null,
      },
    },
  ],
  trialDays: 0,
  active: true,
  sortOrder: 1,
};

describe(PlanForm.name, () => {
  it("should show the plan's quotas, prices in major units and an unlimited quota as blank", () => {
    render(
      <PlanForm
        id="p"
        action={async () => ({ status: 'idle' })}
        plan={STARTER}
        label="Edit Starter"
        submitLabel="Save"
      />,
    );

    expect(screen.getByRole('form', { name: 'Edit Starter' })).toBeTruthy();
    expect((screen.getByLabelText('Agents') as HTMLInputElement).value).toBe('5');
    expect((screen.getByLabelText('AI replies per month') as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('USD per month') as HTMLInputElement).value).toBe('49.00');
    expect((screen.getByLabelText('USD extra agent') as HTMLInputElement).value).toBe('15.00');
    expect((screen.getByLabelText('EUR per month') as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('Offered to tenants') as HTMLInputElement).checked).toBe(true);
  });

  it('should send what was typed, with the plan id, and show each refused field beside it', async () => {
    const user = userEvent.setup();
    const sent: FormData[] = [];
    const action = async (_previous: FormState, data: FormData): Promise<FormState> => {
      sent.push(data);
      return {
        status: 'error',
        message: 'Check the highlighted fields.',
        fields: { 'quota.agents': 'Must be at least 1, or null for unlimited', 'price.USD.agents': 'Too high' },
        values: Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v)])),
      };
    };
    render(<PlanForm id="p" action={action} plan={STARTER} label="Edit Starter" submitLabel="Save" />);

    await user.clear(screen.getByLabelText('Agents'));
    await user.type(screen.getByLabelText('Agents'), '0');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Check the highlighted fields.'));
    expect(sent[0]?.get('planId')).toBe(STARTER.id);
    expect(sent[0]?.get('quota.agents')).toBe('0');
    const agents = screen.getByLabelText('Agents');
    expect(agents.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Must be at least 1, or null for unlimited')).toBeTruthy();
    expect(screen.getByText('USD extra agent: Too high')).toBeTruthy();
    expect((screen.getByLabelText('Agents') as HTMLInputElement).value).toBe('0');
  });
});
