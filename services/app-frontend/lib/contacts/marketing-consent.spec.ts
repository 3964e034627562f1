import { consentBadge, consentDetail } from './marketing-consent';

describe('marketing consent wording', () => {
  it('should say who opted the customer out, when, and what it means for sends', () => {
    const contact = {
      marketingConsent: 'opted_out',
      marketingConsentAt: '2026-12-01T10:00:00.000Z',
      marketingConsentSource: 'whatsapp',
    } as const;
    expect(consentBadge(contact)).toEqual({ label: 'Opted out of marketing', tone: 'warning' });
    expect(consentDetail(contact)).toBe(
      'Set by the customer on WhatsApp on 1 Dec 2026, 10:00 UTC. Marketing templates are refused; replies and utility templates still go through.',
    );
  });

  it('should say campaigns skip a customer whose consent nobody recorded', () => {
    const contact = { marketingConsent: 'unknown', marketingConsentAt: null, marketingConsentSource: null } as const;
    expect(consentBadge(contact).tone).toBe('neutral');
    expect(consentDetail(contact)).toMatch(/campaigns skip them/);
  });

  it('should name the team when an agent granted consent', () => {
    const contact = {
      marketingConsent: 'granted',
      marketingConsentAt: '2026-12-02T09:30:00.000Z',
      marketingConsentSource: 'agent',
    } as const;
    expect(consentBadge(contact)).toEqual({ label: 'Marketing allowed', tone: 'success' });
    expect(consentDetail(contact)).toMatch(/^Set by your team on 2 Dec 2026/);
  });
});
