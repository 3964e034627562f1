import { z } from 'zod';
import type { PlanChangeResultDto } from '@aerostic/shared';
import type { FormState } from '@/lib/form-state';
import { formatDay, formatMinor } from './billing-format';

/** A budget above this is a typo rather than a plan: Meta's costs for one workspace stay far below it. */
const MAX_BUDGET_DOLLARS = 10_000_000;

/** The budget form: an amount in US dollars with at most two decimals, or empty for no budget. */
export const budgetFormSchema = z.strictObject({
  monthlyBudget: z
    .string()
    .trim()
    .refine((text) => text === '' || /^\d+(\.\d{1,2})?$/.test(text), {
      error: 'monthlyBudget must be an amount in US dollars, such as 250 or 99.50 (leave it empty for no budget)',
    })
    .refine((text) => !(Number(text) > MAX_BUDGET_DOLLARS), {
      error: `monthlyBudget must be at most ${MAX_BUDGET_DOLLARS.toLocaleString('en-US')} dollars`,
    }),
});

/** What the plan change's action hands back: the form state, and the API's answer once the change is made. */
export interface PlanChangeState extends FormState {
  change?: PlanChangeResultDto;
}

/** What a plan change did, in a sentence: at once with its prorated charge, or on the day it takes effect. */
export function describePlanChange(change: PlanChangeResultDto): string {
  const { subscription } = change;
  if (change.effect === 'scheduled') {
    const scheduled = subscription.scheduledChange;
    const when = formatDay(scheduled?.effectiveAt ?? subscription.currentPeriodEnd);
    const name = scheduled?.plan.name ?? 'the new plan';
    return `Your plan changes to ${name} on ${when}. Until then you keep ${subscription.plan.name} and its limits.`;
  }
  const charge =
    change.prorationMinor > 0
      ? `${formatMinor(change.prorationMinor, subscription.currency)} for the rest of this period is added to your next invoice.`
      : 'Nothing extra is charged for this period.';
  return `You are now on ${subscription.plan.name}: its limits apply at once. ${charge}`;
}
