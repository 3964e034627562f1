'use client';

import { useActionState } from 'react';
import { BILLING_CURRENCIES, LIMIT_NAMES, OVERAGE_NAMES, type PlanDto } from '@aerostic/shared';
import { type FormState, IDLE_FORM_STATE } from '@aerostic/shared/web';
import { TextArea, TextInput } from '@/components/ui/fields';
import { Notice } from '@/components/ui/notice';
import { ReasonAndSave } from '@/components/ui/reason-and-save';
import { cn } from '@/lib/cn';
import { LIMIT_LABELS } from '@/lib/limits-form';
import { OVERAGE_LABELS, planFieldValues } from '@/lib/plan-form';

interface PlanFormProps {
  id: string;
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  /** The plan edited; none for a new plan. */
  plan?: PlanDto;
  label: string;
  submitLabel: string;
}

const PRICE_FIELDS = ['monthly', ...OVERAGE_NAMES] as const;
const PRICE_LABELS: Record<(typeof PRICE_FIELDS)[number], string> = { monthly: 'Per month', ...OVERAGE_LABELS };

const CELL_INPUT =
  'w-24 rounded-md border border-ink-subtle/50 bg-surface px-2 py-1 text-right text-sm tabular-nums aria-invalid:border-danger-600';

/** A plan's name, quotas, prices per currency, overage prices, trial and whether tenants can choose it. */
export function PlanForm({ id, action, plan, label, submitLabel }: PlanFormProps) {
  const [state, formAction, pending] = useActionState(action, IDLE_FORM_STATE);
  const values = (state.status === 'error' ? state.values : undefined) ?? (plan ? planFieldValues(plan) : {});
  const errors = state.fields ?? {};
  const shown = [
    'code',
    'name',
    'description',
    'trialDays',
    'sortOrder',
    'reason',
    ...LIMIT_NAMES.map((name) => `quota.${name}`),
    ...BILLING_CURRENCIES.flatMap((currency) => PRICE_FIELDS.map((field) => `price.${currency}.${field}`)),
  ];
  const priceErrors = Object.entries(errors).filter(([name]) => name.startsWith('price.'));
  return (
    <form action={formAction} className="flex flex-col gap-5" noValidate aria-label={label}>
      {plan && <input type="hidden" name="planId" value={plan.id} />}
      {state.status === 'error' && (
        <Notice tone="error" strayFields={errors} shownFields={shown}>
          {state.message}
        </Notice>
      )}
      {state.status === 'success' && <Notice tone="success">{state.message}</Notice>}

      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <TextInput id={`${id}-name`} name="name" label="Name" defaultValue={values.name} error={errors.name} />
        <TextInput
          id={`${id}-code`}
          name="code"
          label="Code"
          hint="Lowercase letters, digits, - or _; used in links and reports."
          defaultValue={values.code}
          error={errors.code}
        />
        <TextInput
          id={`${id}-trial`}
          name="trialDays"
          label="Trial days"
          hint="0: no trial. New workspaces try the first active plan with trial days."
          inputMode="numeric"
          defaultValue={values.trialDays ?? '0'}
          error={errors.trialDays}
        />
        <TextInput
          id={`${id}-order`}
          name="sortOrder"
          label="Order"
          hint="Plans are listed, and offered as upgrades, smallest first."
          inputMode="numeric"
          defaultValue={values.sortOrder ?? '0'}
          error={errors.sortOrder}
        />
        <label className="flex items-center gap-2 self-end pb-2 text-sm font-medium">
          <input type="checkbox" name="active" defaultChecked={(values.active ?? 'on') === 'on'} />
          Offered to tenants
        </label>
      </div>
      <TextArea
        id={`${id}-description`}
        name="description"
        label="Description"
        rows={2}
        maxLength={500}
        defaultValue={values.description}
        error={errors.description}
      />

      <fieldset className="rounded-md border border-line px-3 pt-1 pb-3">
        <legend className="px-1 text-sm font-semibold">What the plan includes</legend>
        <p className="mb-2 text-xs text-ink-subtle">
          Leave a quota blank for unlimited. A tenant’s own limits apply on top.
        </p>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {LIMIT_NAMES.map((name) => (
            <TextInput
              key={name}
              id={`${id}-quota-${name}`}
              name={`quota.${name}`}
              label={LIMIT_LABELS[name]}
              inputMode="numeric"
              defaultValue={values[`quota.${name}`]}
              error={errors[`quota.${name}`]}
            />
          ))}
        </div>
      </fieldset>

      <fieldset className="rounded-md border border-line px-3 pt-1 pb-3">
        <legend className="px-1 text-sm font-semibold">Prices</legend>
        <p className="mb-2 text-xs text-ink-subtle">
          In each currency’s major unit (49.00). A blank monthly price: not sold in that currency. A blank overage
          price: not sold, so the quota is a hard limit.
        </p>
        <div className="overflow-x-auto">
          <table className="text-sm">
            <caption className="sr-only">Prices of {values.name || 'the plan'} per currency</caption>
            <thead>
              <tr>
                <th scope="col" className="px-2 py-1 text-left text-xs font-semibold text-ink-subtle">
                  Currency
                </th>
                {PRICE_FIELDS.map((field) => (
                  <th key={field} scope="col" className="px-2 py-1 text-right text-xs font-semibold text-ink-subtle">
                    {PRICE_LABELS[field]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {BILLING_CURRENCIES.map((currency) => (
                <tr key={currency}>
                  <th scope="row" className="px-2 py-1 text-left font-mono text-xs">
                    {currency}
                  </th>
                  {PRICE_FIELDS.map((field) => {
                    const name = `price.${currency}.${field}`;
                    return (
                      <td key={field} className="px-2 py-1 text-right">
                        <input
                          name={name}
                          inputMode="decimal"
                          aria-label={`${currency} ${PRICE_LABELS[field].toLowerCase()}`}
                          aria-invalid={errors[name] ? true : undefined}
                          aria-describedby={errors[name] ? `${id}-prices-errors` : undefined}
                          defaultValue={values[name]}
                          className={cn(CELL_INPUT)}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {priceErrors.length > 0 && (
          <ul id={`${id}-prices-errors`} className="mt-2 text-xs font-medium text-danger-700">
            {priceErrors.map(([name, message]) => (
              <li key={name}>
                {priceFieldLabel(name)}: {message}
              </li>
            ))}
          </ul>
        )}
      </fieldset>

      <ReasonAndSave
        id={id}
        defaultReason={values.reason}
        error={errors.reason}
        pending={pending}
        submitLabel={submitLabel}
      />
    </form>
  );
}

/** `price.EUR.agents` as the person reads it: "EUR extra agent". */
function priceFieldLabel(name: string): string {
  const [, currency, field] = name.split('.');
  const label = PRICE_LABELS[field as (typeof PRICE_FIELDS)[number]] ?? field;
  return `${currency} ${label.toLowerCase()}`;
}
