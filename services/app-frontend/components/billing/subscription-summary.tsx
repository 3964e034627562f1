import { LIMIT_NAMES, type SubscriptionDto, type SubscriptionStatus } from '@aerostic/shared';
import { ConfirmActionButton } from '@/components/confirm-action-button';
import { StatusBadge } from '@/components/status-badge';
import {
  QUOTA_LABELS,
  daysUntil,
  formatDay,
  formatPeriod,
  formatPlanPrice,
  formatQuota,
} from '@/lib/billing/billing-format';
import type { FormState } from '@/lib/form-state';
import { RedirectButton } from './redirect-button';

type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

const STATUS: Record<SubscriptionStatus, { label: string; tone: 'brand' | 'success' | 'danger' | 'neutral' }> = {
  trialing: { label: 'Trial', tone: 'brand' },
  active: { label: 'Active', tone: 'success' },
  past_due: { label: 'Past due', tone: 'danger' },
  canceled: { label: 'Canceled', tone: 'neutral' },
};

const PAYMENT: Record<NonNullable<SubscriptionDto['paymentMethod']> | 'none', string> = {
  stripe: 'Paid by card through Stripe.',
  bank_transfer: 'Paid by bank transfer against each invoice.',
  none: 'No payment method yet.',
};

/** The workspace's plan, what it includes, its state (trial, past due) and a downgrade waiting for the period's end. */
export function SubscriptionSummary({
  subscription,
  now,
  portalAction,
  cancelScheduledChangeAction,
}: {
  subscription: SubscriptionDto;
  /** The instant the trial's days are counted from (now unless a test says otherwise). */
  now?: number;
  portalAction: Action;
  cancelScheduledChangeAction: Action;
}) {
  const { plan, status, currency, scheduledChange } = subscription;
  const price = formatPlanPrice(plan, currency);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-xl font-semibold" data-testid="current-plan">
          {plan.name}
        </p>
        <StatusBadge tone={STATUS[status].tone}>{STATUS[status].label}</StatusBadge>
        {price && <span className="text-sm text-ink-muted">{price}</span>}
      </div>
      {plan.description && <p className="text-sm text-ink-muted">{plan.description}</p>}

      {status === 'trialing' && subscription.trialEndsAt && (
        <p role="status" className="rounded-lg border border-line bg-canvas px-3 py-2 text-sm">
          {trialSentence(daysUntil(subscription.trialEndsAt, now), formatDay(subscription.trialEndsAt))}
        </p>
      )}
      {status === 'past_due' && (
        <div
          role="alert"
          className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-danger-600/30 bg-danger-50 px-3 py-2 text-sm text-danger-700"
        >
          <p>The last payment failed. Update your card so that the workspace keeps its plan.</p>
          <RedirectButton action={portalAction} label="Update payment method" />
        </div>
      )}

      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label={`What ${plan.name} includes`}>
        {LIMIT_NAMES.map((name) => (
          <div key={name} className="rounded-lg border border-line px-3 py-2">
            <dt className="text-xs text-ink-subtle">{QUOTA_LABELS[name]}</dt>
            <dd className="font-semibold tabular-nums">{formatQuota(plan.quotas[name])}</dd>
          </div>
        ))}
      </dl>

      <p className="text-sm text-ink-muted">
        Current period: {formatPeriod(subscription.currentPeriodStart, subscription.currentPeriodEnd)}.{' '}
        {PAYMENT[subscription.paymentMethod ?? 'none']}
      </p>
      {subscription.paymentMethod === 'stripe' && status !== 'past_due' && (
        <RedirectButton action={portalAction} label="Manage card" />
      )}

      {scheduledChange && (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-line bg-canvas px-3 py-2">
          <p className="text-sm" data-testid="scheduled-change">
            Changes to <strong>{scheduledChange.plan.name}</strong> on {formatDay(scheduledChange.effectiveAt)}.
          </p>
          <ConfirmActionButton
            action={cancelScheduledChangeAction}
            fields={{}}
            idPrefix="cancel-scheduled-change"
            openLabel="Cancel change"
            openAccessibleName={`Cancel the change to ${scheduledChange.plan.name}`}
            question={`Keep ${plan.name} after ${formatDay(scheduledChange.effectiveAt)}?`}
            confirmLabel={`Keep ${plan.name}`}
            pendingLabel="Cancelling…"
            keepLabel="Back"
            tone="neutral"
          />
        </div>
      )}
    </div>
  );
}

function trialSentence(daysLeft: number, endDay: string): string {
  const left = daysLeft === 1 ? '1 day' : `${daysLeft} days`;
  return `Trial: ${left} left (until ${endDay}). Then the workspace moves to Free unless you choose a paid plan.`;
}
