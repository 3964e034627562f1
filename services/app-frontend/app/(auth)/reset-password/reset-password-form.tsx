'use client';

import { useActionState } from 'react';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { FormField } from '@/components/form-field';
import { IDLE_FORM_STATE } from '@/lib/form-state';
import { resetPasswordAction } from './actions';

// A spent or expired link is told by the message; its field error would only repeat it.
const FIELDS = ['password', 'token'] as const;

export function ResetPasswordForm({ token, passwordMinLength }: { token: string; passwordMinLength: number }) {
  const [state, formAction, pending] = useActionState(resetPasswordAction, IDLE_FORM_STATE);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <FormAlert message={state.message} fields={state.fields} knownFields={FIELDS} />
      <FormField
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        minLength={passwordMinLength}
        error={state.fields?.password}
        hint={`At least ${passwordMinLength} characters.`}
      />
      <Button type="submit" pending={pending} pendingLabel="Saving…" className="mt-2 w-full">
        Set the new password
      </Button>
    </form>
  );
}
