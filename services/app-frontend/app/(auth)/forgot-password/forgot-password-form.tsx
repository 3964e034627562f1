'use client';

import { useActionState } from 'react';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { FormField } from '@/components/form-field';
import { IDLE_FORM_STATE } from '@/lib/form-state';
import { requestPasswordResetAction } from './actions';

const FIELDS = ['email'] as const;

export function ForgotPasswordForm() {
  const [state, formAction, pending] = useActionState(requestPasswordResetAction, IDLE_FORM_STATE);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <FormAlert
        tone={state.status === 'success' ? 'success' : 'error'}
        message={state.message}
        fields={state.fields}
        knownFields={FIELDS}
      />
      <FormField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        error={state.fields?.email}
      />
      <Button type="submit" pending={pending} pendingLabel="Sending…" className="mt-2 w-full">
        Send the reset link
      </Button>
    </form>
  );
}
