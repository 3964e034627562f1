'use client';

import { useActionState } from 'react';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { FormField } from '@/components/form-field';
import { microsToDollars } from '@/lib/billing/billing-format';
import { type FormState, IDLE_FORM_STATE } from '@/lib/form-state';

const FIELDS = ['monthlyBudget'] as const;

/** Sets the monthly Meta budget in US dollars; an empty amount removes it. */
export function BudgetForm({
  action,
  monthlyMicros,
}: {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  monthlyMicros: number | null;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE_FORM_STATE);
  return (
    <form action={formAction} className="flex max-w-md flex-col gap-3" noValidate aria-label="Monthly Meta budget">
      {state.status !== 'idle' && (
        <FormAlert
          tone={state.status === 'success' ? 'success' : 'error'}
          message={state.message}
          fields={state.fields}
          knownFields={FIELDS}
        />
      )}
      <FormField
        idPrefix="budget"
        name="monthlyBudget"
        label="Monthly budget (US dollars)"
        inputMode="decimal"
        placeholder="No budget"
        defaultValue={state.values?.monthlyBudget ?? (monthlyMicros === null ? '' : microsToDollars(monthlyMicros))}
        error={state.fields?.monthlyBudget}
        hint="Admins are warned at 80 %; at 100 % campaigns and marketing templates stop until next month. Leave empty for no budget."
      />
      <div>
        <Button type="submit" pending={pending} pendingLabel="Saving…">
          Save budget
        </Button>
      </div>
    </form>
  );
}
