'use client';

import { useActionState } from 'react';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { type FormState, IDLE_FORM_STATE } from '@/lib/form-state';

/** A button whose action sends the browser to Stripe (Checkout, the customer portal), or says why it cannot. */
export function RedirectButton({
  action,
  fields = {},
  label,
  accessibleName,
  pendingLabel = 'Opening Stripe…',
  variant = 'secondary',
}: {
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
  fields?: Record<string, string>;
  label: string;
  accessibleName?: string;
  pendingLabel?: string;
  variant?: 'primary' | 'secondary';
}) {
  const [state, formAction, pending] = useActionState(action, IDLE_FORM_STATE);
  return (
    <form action={formAction} className="flex flex-col items-start gap-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" variant={variant} pending={pending} pendingLabel={pendingLabel} aria-label={accessibleName}>
        {label}
      </Button>
      {state.status === 'error' && <FormAlert message={state.message} fields={state.fields} className="text-xs" />}
    </form>
  );
}
