import { createPlanSchema, type PlanDto } from '@aerostic/shared';
import { planFieldErrors, planFieldValues, planFromForm, toMinor } from './plan-form';

function form(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) data.set(name, value);
  return data;
}

const BASE = {
  code: 'pro',
  name: 'Pro',
  description: '',
  trialDays: '0',
  sortOrder: '4',
  active: 'on',
  'quota.agents': '10',
  'quota.whatsappNumbers': '3',
  'quota.contacts': '',
  'quota.outboundMessagesPerMonth': '20000',
  'quota.campaignRecipientsPerMonth': '10000',
  'quota.aiRepliesPerMonth': '',
};

describe(planFromForm.name, () => {
  it('should send minor units, blank quotas as unlimited and only the currencies with a monthly price', () => {
    const body = planFromForm(
      form({ ...BASE, 'price.EUR.monthly': '99.90', 'price.EUR.agents': '12', 'price.USD.agents': '15' }),
    );

    expect(body).toEqual({
      code: 'pro',
      name: 'Pro',
      description: '',
      quotas: {
        agents: 10,
        whatsappNumbers: 3,
        contacts: null,
        outboundMessagesPerMonth: 20_000,
        campaignRecipientsPerMonth: 10_000,
        aiRepliesPerMonth: null,
      },
      prices: [
        {
          currency: 'EUR',
          monthlyMinor: 9990,
          overageMinor: {
            agents: 1200,
            whatsappNumbers: null,
            outboundMessages: null,
            campaignRecipients: null,
            aiReplies: null,
          },
        },
      ],
      trialDays: 0,
      active: true,
      sortOrder: 4,
    });
    expect(createPlanSchema.safeParse(body).success).toBe(true);
  });

  it('should read an unticked box as not offered, and keep typed text for the schema to refuse', () => {
    const body = planFromForm(form({ ...BASE, active: '', 'price.USD.monthly': '49,00' }));
    const data = new FormData();
    for (const [name, value] of Object.entries({ ...BASE, 'price.USD.monthly': '49,00' }))
      if (name !== 'active') data.set(name, value);

    expect(planFromForm(data).active).toBe(false);
    expect(toMinor('49,00')).toBe('49,00');
    const parsed = createPlanSchema.safeParse(body);
    expect(planFieldErrors(parsed.error?.issues ?? [], body)).toEqual({
      'price.USD.monthly': 'The monthly price must be a whole number of minor units (cents)',
    });
  });
});

describe(planFieldErrors.name, () => {
  it("should key the API's field paths by the form's fields, a price by the currency sent at that place", () => {
    const body = { prices: [{ currency: 'GBP' }, { currency: 'INR' }] };

    expect(
      planFieldErrors(
        { 'quotas.agents': 'Must be at least 1', 'prices.1.overageMinor.aiReplies': 'Too much', code: 'Taken' },
        body,
      ),
    ).toEqual({ 'quota.agents': 'Must be at least 1', 'price.INR.aiReplies': 'Too much', code: 'Taken' });
  });
});

describe(planFieldValues.name, () => {
  it('should show a stored plan in major units, unlimited and unsold as blanks', () => {
    const plan: PlanDto = {
      id: 'p',
      code: 'free',
      name: 'Free',
      description: 'Try it',
      quotas: {
        agents: 2,
        whatsappNumbers: 1,
        contacts: null,
        outboundMessagesPerMonth: 1000,
        campaignRecipientsPerMonth: 100,
        aiRepliesPerMonth: 50,
      },
      prices: [
        {
          currency: 'USD',
          monthlyMinor: 0,
          overageMinor: {
            agents: null,
            whatsappNumbers: null,
            outboundMessages: 450,
            campaignRecipients: null,
            aiReplies: null,
          },
        },
      ],
      trialDays: 0,
      active: false,
      sortOrder: 0,
    };

    expect(planFieldValues(plan)).toMatchObject({
      'quota.contacts': '',
      'quota.agents': '2',
      'price.USD.monthly': '0.00',
      'price.USD.outboundMessages': '4.50',
      'price.USD.agents': '',
      active: 'off',
    });
  });
});
