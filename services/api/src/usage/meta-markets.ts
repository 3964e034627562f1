import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** Meta's market for every number whose country is not listed below. */
export const OTHER_MARKET = 'OTHER';

const REGIONS: Record<string, readonly string[]> = {
  NORTH_AMERICA: ['US', 'CA'],
  IN: ['IN'],
  ID: ['ID'],
  BR: ['BR'],
  MX: ['MX'],
  AR: ['AR'],
  GB: ['GB'],
  DE: ['DE'],
  REST_OF_LATAM: ['BO', 'CL', 'CO', 'CR', 'DO', 'EC', 'SV', 'GT', 'HN', 'JM', 'NI', 'PA', 'PY', 'PE', 'PR', 'UY', 'VE'],
  REST_OF_WESTERN_EUROPE: ['AT', 'BE', 'DK', 'FI', 'FR', 'GR', 'IE', 'IT', 'NL', 'NO', 'PT', 'ES', 'SE', 'CH'],
  REST_OF_CENTRAL_EASTERN_EUROPE: ['AL', 'AM', 'AZ', 'BY', 'BG', 'HR', 'CZ', 'GE', 'HU', 'LV', 'LT', 'MK', 'MD', 'PL'],
  REST_OF_ASIA_PACIFIC: [
    'AF',
    'AU',
    'BD',
    'KH',
    'CN',
    'HK',
    'JP',
    'LA',
    'MY',
    'MN',
    'NP',
    'NZ',
    'PK',
    'PH',
    'SG',
    'LK',
  ],
  REST_OF_MIDDLE_EAST: ['BH', 'IQ', 'JO', 'KW', 'LB', 'OM', 'QA', 'YE'],
  REST_OF_AFRICA: ['DZ', 'AO', 'BJ', 'BW', 'BF', 'CM', 'ET', 'GH', 'CI', 'KE', 'MA', 'MZ', 'NA', 'SN', 'TZ', 'UG'],
};

/** ISO 3166 alpha-2 → Meta's pricing market (docs/adr/0128). */
const MARKET_OF_COUNTRY = new Map(
  Object.entries(REGIONS).flatMap(([market, countries]) => countries.map((country) => [country, market] as const)),
);

/**
 * The pricing market of a customer, from the country of their phone number (`wa_id`, digits with the country code);
 * a customer known only by a user id, or a number no country claims, is in OTHER.
 */
export function marketOf(waId: string | null | undefined): string {
  if (!waId || !/^[0-9]{6,20}$/.test(waId)) return OTHER_MARKET;
  const country = parsePhoneNumberFromString(`+${waId}`)?.country;
  return (country && MARKET_OF_COUNTRY.get(country)) ?? OTHER_MARKET;
}
