import { updateLimitDefaultsSchema, updateTenantLimitsSchema } from '@aerostic/shared';
import { defaultsFromForm, limitFieldErrors, limitMode, overridesFromForm } from './limits-form';

function form(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) data.set(name, value);
  return data;
}

describe(overridesFromForm.name, () => {
  it('should send only the limits that do not follow the default', () => {
    const overrides = overridesFromForm(
      form({
        'agents.mode': 'max',
        'agents.max': '3',
        'contacts.mode': 'unlimited',
        'whatsappNumbers.mode': 'default',
        'whatsappNumbers.max': '9',
      }),
    );
    expect(overrides).toEqual({ agents: 3, contacts: null });
    expect(updateTenantLimitsSchema.safeParse({ overrides }).success).toBe(true);
  });

  it('should name the limit when its maximum is not a whole number', () => {
    const overrides = overridesFromForm(form({ 'agents.mode': 'max', 'agents.max': 'three' }));
    const parsed = updateTenantLimitsSchema.safeParse({ overrides });
    expect(parsed.success).toBe(false);
    expect(Object.keys(limitFieldErrors(parsed.error?.issues ?? []))).toEqual(['agents']);
  });
});

describe(defaultsFromForm.name, () => {
  it('should send every limit when saving the platform defaults', () => {
    const values = defaultsFromForm(
      form({
        'agents.max': '10',
        'whatsappNumbers.max': '2',
        'contacts.mode': 'unlimited',
        'outboundMessagesPerMonth.max': '10000',
        'campaignRecipientsPerMonth.max': '5000',
        'aiRepliesPerMonth.mode': 'unlimited',
      }),
    );
    expect(values).toEqual({
      agents: 10,
      whatsappNumbers: 2,
      contacts: null,
      outboundMessagesPerMonth: 10000,
      campaignRecipientsPerMonth: 5000,
      aiRepliesPerMonth: null,
    });
    expect(updateLimitDefaultsSchema.safeParse({ values }).success).toBe(true);
  });

  it('should refuse an empty maximum rather than read it as unlimited', () => {
    const values = defaultsFromForm(form({ 'agents.max': '' }));
    expect(updateLimitDefaultsSchema.safeParse({ values }).success).toBe(false);
  });
});

describe(limitMode.name, () => {
  it('should tell a missing override from an unlimited one', () => {
    expect(limitMode(undefined)).toBe('default');
    expect(limitMode(null)).toBe('unlimited');
    expect(limitMode(5)).toBe('max');
  });
});

describe(limitFieldErrors.name, () => {
  it('should key the API field errors by limit when they name the body wrapper', () => {
    expect(limitFieldErrors({ 'overrides.agents': 'Must be at least 1', reason: 'Too long' })).toEqual({
      agents: 'Must be at least 1',
      reason: 'Too long',
    });
  });
});
