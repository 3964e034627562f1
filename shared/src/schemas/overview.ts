import { z } from 'zod';

/** Names the runtime knows (Intl) are the IANA names PostgreSQL knows too. */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const overviewQuerySchema = z.object({
  /** The IANA time zone whose calendar day "today" is; UTC when left out. */
  timeZone: z
    .string()
    .trim()
    .max(64, 'timeZone must be at most 64 characters')
    .refine(isTimeZone, { message: 'timeZone must be an IANA time zone name, such as Europe/Lisbon or UTC' })
    .default('UTC'),
});
export type OverviewQuery = z.infer<typeof overviewQuerySchema>;
