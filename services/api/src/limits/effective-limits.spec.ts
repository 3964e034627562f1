import { effectiveLimits } from './effective-limits';

const defaults = { agents: 25, whatsappNumbers: 5, contacts: 100_000, outboundMessagesPerMonth: null };

describe(effectiveLimits.name, () => {
  it('should follow the platform defaults when the tenant has no overrides', () => {
    expect(effectiveLimits(defaults, {})).toEqual(defaults);
  });

  it('should take an override over the default, a null override meaning unlimited', () => {
    expect(effectiveLimits(defaults, { agents: 3, contacts: null, outboundMessagesPerMonth: 500 })).toEqual({
      agents: 3,
      whatsappNumbers: 5,
      contacts: null,
      outboundMessagesPerMonth: 500,
    });
  });
});
