import { planLimitExceededMessage } from './billing.errors';

describe(planLimitExceededMessage.name, () => {
  it('should say what the workspace has, what the plan allows and how many to remove', () => {
    expect(planLimitExceededMessage('Starter', [{ name: 'agents', used: 7, max: 5 }])).toBe(
      'You have 7 agents; Starter allows 5. Deactivate 2 agents first.',
    );
  });

  it('should name every limit exceeded, in the singular where one is too many', () => {
    expect(
      planLimitExceededMessage('Free', [
        { name: 'whatsappNumbers', used: 2, max: 1 },
        { name: 'contacts', used: 1500, max: 1000 },
      ]),
    ).toBe(
      'You have 2 WhatsApp numbers; Free allows 1. Disconnect 1 WhatsApp number first. ' +
        'You have 1,500 contacts; Free allows 1,000. Delete 500 contacts first.',
    );
  });
});
