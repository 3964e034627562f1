import { z } from 'zod';
import { strictObject } from './fields';

const graphId = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .regex(/^\d{1,30}$/, `${label} must be the numeric id Meta gave`);

/** What the Embedded Signup popup hands the browser; every id is checked again with Meta. */
export const embeddedSignupSchema = strictObject({
  code: z.string({ error: 'code is required' }).trim().min(1, 'code is required').max(2048),
  wabaId: graphId('wabaId'),
  phoneNumberId: graphId('phoneNumberId'),
});
export type EmbeddedSignupInput = z.infer<typeof embeddedSignupSchema>;
