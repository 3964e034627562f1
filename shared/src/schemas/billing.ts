import { z } from 'zod';
import { LIMIT_NAMES, type LimitName } from '../types/admin';
import { BILLING_CURRENCIES, OVERAGE_NAMES, type OverageName } from '../types/billing';
import { strictObject } from './fields';
import { limitChangeReasonField, limitMaxField } from './limits';

/** PostgreSQL's `integer` bounds the amounts kept in a plan's JSON as well, so every figure fits a column later. */
const MINOR_CEILING = 2_147_483_647;

const minorAmount = (what: string) =>
  z
    .number({ error: `${what} must be a whole number of minor units (cents)` })
    .int(`${what} must be a whole number of minor units (cents)`)
    .min(0, `${what} must be 0 or more`)
    .max(MINOR_CEILING, `${what} must be at most ${MINOR_CEILING}`);

export const billingCurrencyField = z.enum(BILLING_CURRENCIES, {
  error: `currency must be one of: ${BILLING_CURRENCIES.join(', ')}`,
});

const overageShape = Object.fromEntries(
  OVERAGE_NAMES.map((name) => [name, minorAmount('An overage price').nullable()]),
) as Record<OverageName, z.ZodNullable<ReturnType<typeof minorAmount>>>;

export const planPriceSchema = strictObject({
  currency: billingCurrencyField,
  monthlyMinor: minorAmount('The monthly price'),
  overageMinor: strictObject(overageShape, `remove it: the overage prices are ${OVERAGE_NAMES.join(', ')}`),
});

const quotasShape = Object.fromEntries(LIMIT_NAMES.map((name) => [name, limitMaxField])) as Record<
  LimitName,
  typeof limitMaxField
>;

/** One price per currency, at least one. */
const pricesField = z
  .array(planPriceSchema, { error: 'prices must be a list of prices, one per currency' })
  .min(1, 'prices must have at least one currency')
  .superRefine((prices, ctx) => {
    const seen = new Set<string>();
    prices.forEach((price, i) => {
      if (seen.has(price.currency))
        ctx.addIssue({ code: 'custom', path: [i, 'currency'], message: `${price.currency} is priced twice` });
      seen.add(price.currency);
    });
  });

const planShape = {
  code: z
    .string({ error: 'code is required' })
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'code must be 1 to 40 lowercase letters, digits, - or _'),
  name: z
    .string({ error: 'name is required' })
    .trim()
    .min(1, 'name is required')
    .max(80, 'name is at most 80 characters'),
  description: z.string({ error: 'description must be text' }).trim().max(500, 'description is at most 500 characters'),
  quotas: strictObject(quotasShape, `remove it: the quotas are ${LIMIT_NAMES.join(', ')}`),
  prices: pricesField,
  trialDays: z
    .number({ error: 'trialDays must be a whole number of days' })
    .int('trialDays must be a whole number of days')
    .min(0, 'trialDays must be 0 or more')
    .max(365, 'trialDays must be at most 365'),
  active: z.boolean({ error: 'active must be true or false' }),
  sortOrder: z
    .number({ error: 'sortOrder must be a whole number' })
    .int('sortOrder must be a whole number')
    .min(0, 'sortOrder must be 0 or more')
    .max(10_000, 'sortOrder must be at most 10000'),
};

/** `POST /admin/plans`: a new plan, every field given (description may be empty). */
export const createPlanSchema = strictObject({ ...planShape, reason: limitChangeReasonField.optional() });
export type CreatePlanInput = z.infer<typeof createPlanSchema>;

/** `PATCH /admin/plans/:id`: the fields that change; quotas and prices are replaced whole when given. */
export const updatePlanSchema = strictObject({ ...planShape, reason: limitChangeReasonField.optional() })
  .partial()
  .refine((body) => Object.keys(body).some((key) => key !== 'reason'), {
    message:
      'Nothing to change: give at least one of code, name, description, quotas, prices, trialDays, active, sortOrder',
  });
export type UpdatePlanInput = z.infer<typeof updatePlanSchema>;

/** `POST /billing/subscription/change`: the plan to move to, and the currency when it changes. */
export const changePlanSchema = strictObject({
  planId: z.uuid({ error: 'planId must be the id of a plan' }),
  currency: billingCurrencyField.optional(),
});
export type ChangePlanInput = z.infer<typeof changePlanSchema>;
