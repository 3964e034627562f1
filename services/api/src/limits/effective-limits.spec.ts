import { effectiveLimits } from './effective-limits';

const defaults = {
  agents: 25,
  whatsappNumbers: 5,
  contacts: 100_000,
  outboundMessagesPerMonth: null,
  campaignRecipientsPerMonth: 50_000,
  aiRepliesPerMonth: 10_000,
};

describe(effectiveLimits.name, () => {
  it('should follow the platform defaults when the tenant has no plan and no overrides', () => {
    expect(effectiveLimits(defaults, null, {})).toEqual(defaults);
  });

  it('should take an override over the default, a null override meaning unlimited', () => {
    expect(effectiveLimits(defaults, null, { agents: 3, contacts: null, outboundMessagesPerMonth: 500 })).toEqual({
      ...defaults,
      agents: 3,
      contacts: null,
      outboundMessagesPerMonth: 500,
    });
  });

  it("should take the plan's quota over the default and an override over the plan", () => {
    const plan = { agents: 2, whatsappNumbers: 1, contacts: null, aiRepliesPerMonth: 50 };

    expect(effectiveLimits(defaults, plan, { agents: 4 })).toEqual({
      agents: 4,
      whatsappNumbers: 1,
      contacts: null,
      outboundMessagesPerMonth: null,
      campaignRecipientsPerMonth: 50_000,
      aiRepliesPerMonth: 50,
    });
  });
});
