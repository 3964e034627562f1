/**
 * Meta's list prices for delivered template messages, in USD per message, by the recipient's market (country calling
 * code) and the template's category. Source: Meta's rate card for per-message pricing, effective 1 July 2025
 * (developers.facebook.com/docs/whatsapp/pricing). List prices only: volume tiers, free windows and later rate
 * changes are not applied, so a campaign's estimate is an upper bound to check against the current card.
 */
export const META_PRICING_CURRENCY = 'USD';

export const PRICED_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;
export type PricedCategory = (typeof PRICED_CATEGORIES)[number];

export interface MarketRates {
  /** ISO 3166 alpha-2 of the market's line in the estimate. */
  market: string;
  label: string;
  /** Country calling codes (E.164 prefixes, no `+`) billed at this market's rates. */
  callingCodes: readonly string[];
  /** The countries of business-scoped user ids (`US.…`) in this market, for customers known without a number. */
  countries: readonly string[];
  /** Meta refuses marketing templates to this market's numbers (error 131049). */
  blocksMarketing: boolean;
  rates: Record<PricedCategory, number>;
}

export const META_MARKET_RATES: readonly MarketRates[] = [
  {
    market: 'US',
    label: 'United States and Canada (+1)',
    callingCodes: ['1'],
    countries: ['US', 'CA'],
    blocksMarketing: true,
    rates: { MARKETING: 0.025, UTILITY: 0.0034, AUTHENTICATION: 0.0135 },
  },
  {
    market: 'IN',
    label: 'India (+91)',
    callingCodes: ['91'],
    countries: ['IN'],
    blocksMarketing: false,
    rates: { MARKETING: 0.0107, UTILITY: 0.0014, AUTHENTICATION: 0.0014 },
  },
  {
    market: 'BR',
    label: 'Brazil (+55)',
    callingCodes: ['55'],
    countries: ['BR'],
    blocksMarketing: false,
    rates: { MARKETING: 0.0625, UTILITY: 0.0068, AUTHENTICATION: 0.0068 },
  },
  {
    market: 'GB',
    label: 'United Kingdom (+44)',
    callingCodes: ['44'],
    countries: ['GB'],
    blocksMarketing: false,
    rates: { MARKETING: 0.0529, UTILITY: 0.022, AUTHENTICATION: 0.0358 },
  },
  {
    market: 'DE',
    label: 'Germany (+49)',
    callingCodes: ['49'],
    countries: ['DE'],
    blocksMarketing: false,
    rates: { MARKETING: 0.1365, UTILITY: 0.055, AUTHENTICATION: 0.0768 },
  },
  {
    market: 'MX',
    label: 'Mexico (+52)',
    callingCodes: ['52'],
    countries: ['MX'],
    blocksMarketing: false,
    rates: { MARKETING: 0.0305, UTILITY: 0.0085, AUTHENTICATION: 0.0135 },
  },
  {
    market: 'ID',
    label: 'Indonesia (+62)',
    callingCodes: ['62'],
    countries: ['ID'],
    blocksMarketing: false,
    rates: { MARKETING: 0.0411, UTILITY: 0.025, AUTHENTICATION: 0.03 },
  },
];

/** Every market the card does not list: Meta's "Other" rates. */
export const META_OTHER_MARKET: Pick<MarketRates, 'market' | 'label' | 'rates'> = {
  market: 'other',
  label: 'Other markets',
  rates: { MARKETING: 0.0604, UTILITY: 0.0077, AUTHENTICATION: 0.0077 },
};

/** The price of one delivered template of `category` in `market` (a card market or `other`). */
export function metaUnitPrice(market: string, category: PricedCategory): number {
  return (META_MARKET_RATES.find((m) => m.market === market) ?? META_OTHER_MARKET).rates[category];
}

/** The market a customer is billed in: by phone number when known, else by the country of their user id. */
export function metaMarketOf(customer: { waId: string | null; userId: string | null }): string {
  const { waId, userId } = customer;
  const found = waId
    ? META_MARKET_RATES.find((m) => m.callingCodes.some((code) => waId.startsWith(code)))
    : META_MARKET_RATES.find((m) => userId !== null && m.countries.includes(userId.slice(0, 2)));
  return found?.market ?? META_OTHER_MARKET.market;
}
