/** A contact's marketing consent: marketing templates go only to `granted` contacts (docs/adr/0114). */
export const MARKETING_CONSENTS = ['unknown', 'granted', 'opted_out'] as const;
export type MarketingConsent = (typeof MARKETING_CONSENTS)[number];

/** Who set a contact's marketing consent last. */
export const MARKETING_CONSENT_SOURCES = ['whatsapp', 'agent', 'import', 'api'] as const;
export type MarketingConsentSource = (typeof MARKETING_CONSENT_SOURCES)[number];

/** The `error` of a refused send of a marketing template to a contact who opted out (HTTP 422). */
export const MARKETING_OPTED_OUT = 'marketing_opted_out';
