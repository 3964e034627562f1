import { type ApiErrorBody, type MetaRateDto } from '@aerostic/shared';
import { type FormState, apiErrorFormState, decimalToMicros } from '@aerostic/shared/web';

/** Meta's categories in the order its rate card lists them; a category the API adds later follows. */
const CATEGORY_ORDER = ['marketing', 'utility', 'authentication', 'authentication_international', 'service'];

/** A rate is typed in US dollars, to the micro at most (Meta publishes four decimals). */
const RATE_TEXT = /^\d+(\.\d{1,6})?$/;
export const RATE_FORMAT_ERROR = 'rateMicros must be in US dollars with at most 6 decimals, such as 0.0107';

export interface RateGrid {
  markets: string[];
  categories: string[];
  /** Micros by `rateKey(market, category)`; a missing cell has no rate. */
  micros: Map<string, number>;
}

export function rateKey(market: string, category: string): string {
  return `rate.${market}.${category}`;
}

/** The rates as a table: markets A–Z with `OTHER` (Meta's catch-all) last, categories in Meta's order. */
export function rateGrid(rates: readonly MetaRateDto[]): RateGrid {
  const byMarket = (a: string, b: string) => Number(a === 'OTHER') - Number(b === 'OTHER') || a.localeCompare(b);
  const rank = (c: string) => (CATEGORY_ORDER.includes(c) ? CATEGORY_ORDER.indexOf(c) : CATEGORY_ORDER.length);
  return {
    markets: [...new Set(rates.map((r) => r.market))].sort(byMarket),
    categories: [...new Set(rates.map((r) => r.category))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)),
    micros: new Map(rates.map((r) => [rateKey(r.market, r.category), r.rateMicros])),
  };
}

/** 10,700 micros → "0.0107"; at least two decimals ("1.00"). */
export function rateText(micros: number): string {
  const [whole, fraction = ''] = (micros / 1_000_000).toFixed(6).split('.');
  return `${whole}.${fraction.replace(/0+$/, '').padEnd(2, '0')}`;
}

export type RatesFromForm =
  | { ok: true; rates: MetaRateDto[]; values: Record<string, string> }
  | { ok: false; fields: Record<string, string>; values: Record<string, string> };

/** The form's cells as `PUT /admin/rate-card`'s `rates`: an empty cell is no rate, other text must be dollars. */
export function ratesFromForm(formData: FormData): RatesFromForm {
  const rates: MetaRateDto[] = [];
  const fields: Record<string, string> = {};
  const values: Record<string, string> = {};
  for (const [name, raw] of formData.entries()) {
    const [prefix, market, category, ...rest] = name.split('.');
    if (prefix !== 'rate' || !market || !category || rest.length > 0 || typeof raw !== 'string') continue;
    const text = raw.trim();
    values[name] = text;
    if (text === '') continue;
    if (!RATE_TEXT.test(text)) fields[name] = RATE_FORMAT_ERROR;
    else rates.push({ market, category, rateMicros: decimalToMicros(text) });
  }
  return Object.keys(fields).length > 0 ? { ok: false, fields, values } : { ok: true, rates, values };
}

/** The API names a rate by its place in the body (`rates.3.rateMicros`): each error lands on that rate's cell. */
export function rateFieldErrors(
  apiFields: ApiErrorBody['fields'],
  sent: readonly MetaRateDto[],
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, message] of Object.entries(apiFields ?? {})) {
    const [root, index] = key.split('.');
    const rate = root === 'rates' && index !== undefined ? sent[Number(index)] : undefined;
    fields[rate ? rateKey(rate.market, rate.category) : key] ??= message;
  }
  return fields;
}

/** The API refused the card: its message, with its field errors on their cells. */
export function rateCardApiRefusal(error: ApiErrorBody, sent: readonly MetaRateDto[], values: Record<string, string>) {
  const state: FormState = apiErrorFormState(error, values);
  return { ...state, fields: rateFieldErrors(error.fields, sent) };
}
