import { z } from 'zod';
import { timeZoneField } from './fields';

export const overviewQuerySchema = z.object({
  /** The IANA time zone whose calendar day "today" is; UTC when left out. */
  timeZone: timeZoneField('timeZone').default('UTC'),
});
export type OverviewQuery = z.infer<typeof overviewQuerySchema>;
