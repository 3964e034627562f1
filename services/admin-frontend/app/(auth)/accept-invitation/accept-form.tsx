'use client';

import { useActionState } from 'react';
import { IDLE_FORM_STATE } from '@aerostic/shared/web';
import { Button } from '@/components/ui/button';
import { FormFields } from '@/components/ui/form-fields';
import { Notice } from '@/components/ui/notice';
import { acceptInvitationAction } from './actions';

const SHOWN = ['name', 'password'] as const;

export function AcceptForm({ token, email, minLength }: { token: string; email: string; minLength: number }) {
  const [state, formAction, pending] = useActionState(acceptInvitationAction, IDLE_FORM_STATE);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate aria-label="Accept the invitation">
      <input type="hidden" name="token" value={token} />
      {state.status === 'error' && (
        <Notice tone="error" strayFields={state.fields} shownFields={SHOWN}>
          {state.message}
        </Notice>
      )}
      <FormFields
        idPrefix="accept"
        state={state}
        specs={[
          { name: 'email', label: 'Email', value: email, readOnly: true, hint: 'You will sign in with this address.' },
          { name: 'name', label: 'Your name', autoComplete: 'name', required: true, defaultValue: state.values?.name },
          {
            name: 'password',
            label: 'Choose a password',
            type: 'password',
            autoComplete: 'new-password',
            required: true,
            minLength,
            hint: `At least ${minLength} characters.`,
          },
        ]}
      />
      <Button type="submit" look="primary" busy={pending} busyText="Creating your account…" className="mt-1 w-full">
        Create my admin account
      </Button>
    </form>
  );
}
