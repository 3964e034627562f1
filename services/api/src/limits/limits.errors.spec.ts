import { limitReachedMessage } from './limits.errors';

describe(limitReachedMessage.name, () => {
  it('should name the limit, its value and what to do when one more does not fit', () => {
    expect(limitReachedMessage('agents', 5, 5, 1)).toBe(
      'Your workspace has reached its limit of 5 agents. Deactivate a member or revoke a pending invitation, or ask Aerostic support to raise the limit.',
    );
  });

  it('should use the singular when the limit is one', () => {
    expect(limitReachedMessage('whatsappNumbers', 1, 1, 1)).toMatch(/limit of 1 WhatsApp number\. /);
  });

  it('should say how many would fit when an action adds several', () => {
    expect(limitReachedMessage('contacts', 1000, 950, 120)).toBe(
      "This would add 120 new contacts, but your workspace's limit of 1,000 contacts leaves room for 50 more, so nothing was saved. Add at most 50; or delete contacts you no longer need, or ask Aerostic support to raise the limit.",
    );
  });

  it('should say the limit is reached when nothing fits any more, however many the action adds', () => {
    expect(limitReachedMessage('contacts', 10, 12, 3)).toMatch(
      /^Your workspace has reached its limit of 10 contacts\./,
    );
  });
});

describe(`${limitReachedMessage.name} with a plan to upgrade to`, () => {
  const growth = { planId: 'p', code: 'growth', name: 'Growth', max: 25 };

  it('should offer the plan on the Billing page first, then what the workspace can do itself', () => {
    expect(limitReachedMessage('agents', 5, 5, 1, growth)).toBe(
      'Your workspace has reached its limit of 5 agents. Upgrade to Growth (25 agents) on the Billing page, or deactivate a member or revoke a pending invitation.',
    );
  });

  it('should say unlimited for a plan without the limit, also when an action adds several', () => {
    expect(
      limitReachedMessage('contacts', 1000, 950, 120, {
        planId: 'p',
        code: 'enterprise',
        name: 'Enterprise',
        max: null,
      }),
    ).toBe(
      "This would add 120 new contacts, but your workspace's limit of 1,000 contacts leaves room for 50 more, so nothing was saved. Add at most 50; or upgrade to Enterprise (unlimited contacts) on the Billing page, or delete contacts you no longer need.",
    );
  });
});
