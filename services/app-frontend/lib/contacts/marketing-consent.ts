import type { ContactDto, MarketingConsent, MarketingConsentSource } from '@aerostic/shared';
import { formatDateTime } from '@aerostic/shared/web';

/** What each consent means to an agent, as the contact form offers it. */
export const CONSENT_OPTIONS: readonly { value: MarketingConsent; label: string }[] = [
  { value: 'unknown', label: 'Not asked yet' },
  { value: 'granted', label: 'Agreed to marketing' },
  { value: 'opted_out', label: 'Opted out of marketing' },
];

const BY: Record<MarketingConsentSource, string> = {
  whatsapp: 'by the customer on WhatsApp',
  agent: 'by your team',
  import: 'by a contacts import',
  api: 'through the API',
};

type Consent = Pick<ContactDto, 'marketingConsent' | 'marketingConsentAt' | 'marketingConsentSource'>;

/** The badge's words and tone for a contact's consent. */
export function consentBadge(contact: Consent): { label: string; tone: 'success' | 'warning' | 'neutral' } {
  if (contact.marketingConsent === 'opted_out') return { label: 'Opted out of marketing', tone: 'warning' };
  if (contact.marketingConsent === 'granted') return { label: 'Marketing allowed', tone: 'success' };
  return { label: 'Marketing consent unknown', tone: 'neutral' };
}

/** Who set the consent and when, and what it means for sends; one sentence. */
export function consentDetail(contact: Consent): string {
  const when = contact.marketingConsentAt ? ` on ${formatDateTime(contact.marketingConsentAt)}` : '';
  const by = contact.marketingConsentSource ? ` ${BY[contact.marketingConsentSource]}` : '';
  switch (contact.marketingConsent) {
    case 'opted_out':
      return `Set${by}${when}. Marketing templates are refused; replies and utility templates still go through.`;
    case 'granted':
      return `Set${by}${when}. Marketing templates and campaigns may be sent.`;
    default:
      return 'Nobody recorded whether this customer agreed to marketing: campaigns skip them.';
  }
}
