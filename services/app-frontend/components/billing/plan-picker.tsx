'use client';

import { useActionState, useState } from 'react';
import { LIMIT_NAMES, type PlanDto, type SubscriptionDto } from '@aerostic/shared';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { StatusBadge } from '@/components/status-badge';
import {
  QUOTA_LABELS,
  formatDay,
  formatPlanPrice,
  formatQuota,
  planDirection,
  priceIn,
} from '@/lib/billing/billing-format';
import { type PlanChangeState, describePlanChange } from '@/lib/billing/billing-forms';
import { cn } from '@/lib/cn';
import { type FormState, IDLE_FORM_STATE } from '@/lib/form-state';
import { RedirectButton } from './redirect-button';

interface PlanPickerProps {
  plans: readonly PlanDto[];
  subscription: SubscriptionDto;
  changePlanAction: (previous: PlanChangeState, formData: FormData) => Promise<PlanChangeState>;
  checkoutAction: (previous: FormState, formData: FormData) => Promise<FormState>;
}

/**
 * The plans side by side, priced in the subscription's currency. Changing plan takes a confirmation that says
 * when it applies; what it cost (the proration) is said once the API has made the change.
 */
export function PlanPicker({ plans, subscription, changePlanAction, checkoutAction }: PlanPickerProps) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [state, formAction, pending] = useActionState<PlanChangeState, FormData>(async (previous, formData) => {
    const next = await changePlanAction(previous, formData);
    // A change made: the question closes and the outcome above the plans says what happened.
    if (next.status === 'success') setConfirming(null);
    return next;
  }, IDLE_FORM_STATE);

  const { currency } = subscription;
  const payByCard = subscription.paymentMethod !== 'stripe';
  return (
    <div className="flex flex-col gap-4">
      {state.change && (
        <p
          role="status"
          className="rounded-lg border border-success-700/30 bg-success-50 px-3 py-2 text-sm text-success-700"
        >
          {describePlanChange(state.change)}
        </p>
      )}
      <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-4" aria-label="Plans">
        {plans.map((plan) => {
          const direction = planDirection(subscription.plan, plan, currency);
          const price = formatPlanPrice(plan, currency);
          const paid = (priceIn(plan, currency)?.monthlyMinor ?? 0) > 0;
          return (
            <li
              key={plan.id}
              aria-label={plan.name}
              className={cn(
                'flex flex-col gap-3 rounded-(--radius-card) border bg-surface p-4',
                direction === 'current' ? 'border-brand-600' : 'border-line',
              )}
            >
              <div className="flex items-center justify-between gap-2">
                <h3 className="font-semibold">{plan.name}</h3>
                {direction === 'current' && <StatusBadge tone="brand">Your plan</StatusBadge>}
              </div>
              <p className="text-lg font-semibold tabular-nums">{price ?? `Not sold in ${currency}`}</p>
              <ul className="flex flex-col gap-0.5 text-xs text-ink-muted">
                {LIMIT_NAMES.map((name) => (
                  <li key={name}>
                    {QUOTA_LABELS[name]}: {formatQuota(plan.quotas[name])}
                  </li>
                ))}
              </ul>
              <div className="mt-auto flex flex-col items-start gap-2">
                {direction !== 'current' && price !== null && confirming !== plan.id && (
                  <Button
                    type="button"
                    variant={direction === 'upgrade' ? 'primary' : 'secondary'}
                    onClick={() => setConfirming(plan.id)}
                    aria-label={`${direction === 'upgrade' ? 'Upgrade' : 'Downgrade'} to ${plan.name}`}
                  >
                    {direction === 'upgrade' ? 'Upgrade' : 'Downgrade'}
                  </Button>
                )}
                {direction !== 'current' && confirming === plan.id && (
                  <form
                    action={formAction}
                    role="group"
                    aria-labelledby={`plan-${plan.id}-question`}
                    className="flex flex-col gap-3 rounded-lg border border-line bg-canvas p-3"
                  >
                    <input type="hidden" name="planId" value={plan.id} />
                    <input type="hidden" name="currency" value={currency} />
                    <p id={`plan-${plan.id}-question`} className="text-sm">
                      {changeQuestion(direction, plan, subscription)}
                    </p>
                    <div className="flex flex-wrap gap-2">
                      <Button type="submit" pending={pending} pendingLabel="Changing…">
                        {direction === 'upgrade' ? `Upgrade to ${plan.name}` : `Downgrade to ${plan.name}`}
                      </Button>
                      <Button type="button" variant="secondary" onClick={() => setConfirming(null)} disabled={pending}>
                        Keep {subscription.plan.name}
                      </Button>
                    </div>
                    {state.status === 'error' && (
                      <FormAlert
                        message={state.message}
                        fields={state.fields}
                        wayOut={state.wayOut}
                        className="text-xs"
                      />
                    )}
                  </form>
                )}
                {payByCard && paid && (
                  <RedirectButton
                    action={checkoutAction}
                    fields={{ planId: plan.id, currency }}
                    label="Pay with card"
                    accessibleName={`Pay with card for ${plan.name}`}
                  />
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function changeQuestion(direction: 'upgrade' | 'downgrade', plan: PlanDto, subscription: SubscriptionDto): string {
  const periodEnd = formatDay(subscription.currentPeriodEnd);
  if (direction === 'upgrade') {
    return `Move to ${plan.name} now? Its limits apply at once, and the difference for the rest of this period (until ${periodEnd}) is added to your next invoice, prorated.`;
  }
  return `Move to ${plan.name} on ${periodEnd}? You keep ${subscription.plan.name} until then. If the workspace uses more than ${plan.name} allows, the change is refused with what to reduce.`;
}
