'use server';

import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import {
  BILLING_CURRENCIES,
  type BillingRedirectDto,
  type MetaBudgetDto,
  type PlanChangeResultDto,
} from '@aerostic/shared';
import { decimalToMicros } from '@aerostic/shared/web';
import { apiFetch } from '@/lib/api';
import { budgetFormSchema, type PlanChangeState } from '@/lib/billing/billing-forms';
import { apiErrorFormState, type FormState, invalidFormState, textValue } from '@/lib/form-state';
import { getSession, isAdmin } from '@/lib/session/session';

const NOT_ADMIN = 'Only admins of the workspace can change its plan, budget or payment.';

const planChoiceSchema = z.strictObject({
  planId: z.uuid({ error: 'planId: that plan does not exist; reload the page' }),
  currency: z.enum(BILLING_CURRENCIES, { error: `currency must be one of ${BILLING_CURRENCIES.join(', ')}` }),
});

function planChoice(formData: FormData) {
  return planChoiceSchema.safeParse({
    planId: textValue(formData, 'planId'),
    currency: textValue(formData, 'currency'),
  });
}

/** Upgrades apply at once (the proration is on the next invoice), downgrades at the period's end. */
export async function changePlanAction(_previous: PlanChangeState, formData: FormData): Promise<PlanChangeState> {
  if (!isAdmin(await getSession())) return { status: 'error', message: NOT_ADMIN };
  const parsed = planChoice(formData);
  if (!parsed.success) return invalidFormState(parsed.error.issues);

  const result = await apiFetch<PlanChangeResultDto>('/billing/subscription/change', {
    method: 'POST',
    body: parsed.data,
  });
  // A downgrade the current usage does not fit answers 402: its message says what is over the smaller plan.
  if (!result.ok) return apiErrorFormState(result.error);
  refresh();
  return { status: 'success', change: result.data };
}

export async function cancelScheduledChangeAction(_previous: FormState): Promise<FormState> {
  if (!isAdmin(await getSession())) return { status: 'error', message: NOT_ADMIN };
  const result = await apiFetch<void>('/billing/subscription/scheduled-change', { method: 'DELETE' });
  if (!result.ok) return apiErrorFormState(result.error);
  refresh();
  return { status: 'success', message: 'The scheduled change is cancelled: your plan stays as it is.' };
}

/** An empty amount removes the budget; otherwise US dollars, turned into micros as the API keeps them. */
export async function saveBudgetAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!isAdmin(await getSession())) return { status: 'error', message: NOT_ADMIN };
  const values = { monthlyBudget: textValue(formData, 'monthlyBudget') };
  const parsed = budgetFormSchema.safeParse(values);
  if (!parsed.success) return invalidFormState(parsed.error.issues, values);

  const monthlyMicros = parsed.data.monthlyBudget === '' ? null : decimalToMicros(parsed.data.monthlyBudget);
  const result = await apiFetch<MetaBudgetDto>('/billing/budget', { method: 'PUT', body: { monthlyMicros } });
  if (!result.ok) {
    // The API names its field `monthlyMicros`; the form's is the amount in dollars.
    const { monthlyMicros: micros, ...fields } = result.error.fields ?? {};
    return apiErrorFormState(
      { ...result.error, fields: micros ? { ...fields, monthlyBudget: micros } : fields },
      values,
    );
  }
  refresh();
  return {
    status: 'success',
    message: monthlyMicros === null ? 'Budget removed.' : 'Budget saved. It applies to this month at once.',
  };
}

async function goToStripe(path: string, body?: unknown): Promise<FormState> {
  const result = await apiFetch<BillingRedirectDto>(path, { method: 'POST', body });
  if (!result.ok) return apiErrorFormState(result.error);
  // Stripe's own pages (Checkout, the customer portal) take over from here.
  redirect(result.data.url);
}

/** Stripe Checkout for the plan, paid by card; Stripe's webhook then moves the subscription. */
export async function checkoutAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!isAdmin(await getSession())) return { status: 'error', message: NOT_ADMIN };
  const parsed = planChoice(formData);
  if (!parsed.success) return invalidFormState(parsed.error.issues);
  return goToStripe('/billing/checkout', parsed.data);
}

/** Stripe's customer portal, where the card on file is changed. */
export async function portalAction(_previous: FormState): Promise<FormState> {
  if (!isAdmin(await getSession())) return { status: 'error', message: NOT_ADMIN };
  return goToStripe('/billing/portal');
}
