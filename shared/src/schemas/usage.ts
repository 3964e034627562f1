import { z } from 'zod';
import { strictObject } from './fields';

/** The longest range `GET /billing/usage` answers, in days (both ends included). */
export const USAGE_MAX_DAYS = 366;

const dayField = (field: 'from' | 'to') => z.iso.date({ error: `${field} must be a date as YYYY-MM-DD` });

const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** `GET /billing/usage?from=YYYY-MM-DD&to=YYYY-MM-DD`: both days included, at most 366 days. */
export const usageQuerySchema = strictObject({ from: dayField('from'), to: dayField('to') }).superRefine(
  (value, ctx) => {
    // A refused date was named already.
    if (!dayField('from').safeParse(value.from).success || !dayField('to').safeParse(value.to).success) return;
    const days = dayNumber(value.to) - dayNumber(value.from) + 1;
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must be on or after from' });
    else if (days > USAGE_MAX_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `to must be at most ${USAGE_MAX_DAYS} days from from` });
  },
);
export type UsageQuery = z.infer<typeof usageQuerySchema>;

/** Micros of USD: a whole number, at most 10^15 ($1 billion). */
const microsField = (field: string) =>
  z
    .number({ error: `${field} must be a whole number of micros (millionths of a dollar)` })
    .int(`${field} must be a whole number of micros (millionths of a dollar)`)
    .max(1e15, `${field} must be at most 1,000,000,000,000,000`);

/** `PUT /billing/budget`: the monthly Meta budget in micros of USD, null for none. */
export const metaBudgetSchema = strictObject({
  monthlyMicros: microsField('monthlyMicros')
    .min(1, 'monthlyMicros must be at least 1, or null for no budget')
    .nullable(),
});
export type MetaBudgetInput = z.infer<typeof metaBudgetSchema>;

const rateText = (field: string, pattern: RegExp, shape: string) =>
  z.string({ error: `${field} must be text` }).regex(pattern, `${field} must be ${shape}`);

/** One line of Meta's rate card. */
export const metaRateSchema = strictObject({
  market: rateText('market', /^[A-Z][A-Z_]{1,39}$/, 'a market code in capitals, e.g. IN or REST_OF_LATAM'),
  category: rateText('category', /^[a-z][a-z_]{1,39}$/, 'a pricing category in lower case, e.g. marketing'),
  rateMicros: microsField('rateMicros').min(0, 'rateMicros must be 0 or more'),
});

/** `PUT /admin/rate-card`: the whole card; a rate left out is removed. */
export const metaRateCardSchema = strictObject({
  rates: z
    .array(metaRateSchema, { error: 'rates must be a list of {market, category, rateMicros}' })
    .min(1, 'rates must hold at least one rate')
    .max(2000, 'rates must hold at most 2,000 rates')
    .superRefine((rates, ctx) => {
      const seen = new Set<string>();
      rates.forEach((rate, i) => {
        const key = `${rate.market}/${rate.category}`;
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'category'], message: `${key} is listed twice` });
        seen.add(key);
      });
      if (!rates.some((rate) => rate.market === 'OTHER'))
        ctx.addIssue({ code: 'custom', message: 'rates must include the OTHER market, for every number not listed' });
    }),
});
export type MetaRateCardInput = z.infer<typeof metaRateCardSchema>;
