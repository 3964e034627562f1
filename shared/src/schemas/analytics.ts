import { z } from 'zod';

/** The longest range an analytics query may ask for, in days. */
export const ANALYTICS_MAX_DAYS = 366;

const DAY_MS = 86_400_000;
const dayField = (field: string) => z.iso.date({ error: `${field} must be a date as YYYY-MM-DD` });

/** Days from `from` to `to`, both counted. */
export function daysInRange(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** `GET /analytics/...?from=&to=[&format=csv]`: days in the tenant's time zone, both inclusive. */
export const analyticsQuerySchema = z
  .object({
    from: dayField('from'),
    to: dayField('to'),
    format: z.enum(['json', 'csv'], { error: 'format must be json or csv' }).optional(),
  })
  .superRefine((query, ctx) => {
    const days = daysInRange(query.from, query.to);
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must not be before from' });
    else if (days > ANALYTICS_MAX_DAYS)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `to must be at most ${ANALYTICS_MAX_DAYS} days after from`,
      });
  });
export type AnalyticsQuery = z.infer<typeof analyticsQuerySchema>;
