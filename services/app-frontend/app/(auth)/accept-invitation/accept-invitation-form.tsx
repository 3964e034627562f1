'use client';

import { useActionState } from 'react';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { FormField } from '@/components/form-field';
import { IDLE_FORM_STATE } from '@/lib/form-state';
import { acceptInvitationAction } from './actions';

const FIELDS = ['name', 'password'] as const;

interface AcceptInvitationFormProps {
  token: string;
  email: string;
  passwordMinLength: number;
}

export function AcceptInvitationForm({ token, email, passwordMinLength }: AcceptInvitationFormProps) {
  const [state, formAction, pending] = useActionState(acceptInvitationAction, IDLE_FORM_STATE);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <FormAlert message={state.message} fields={state.fields} knownFields={FIELDS} />
      <FormField
        name="email"
        label="Email"
        type="email"
        value={email}
        readOnly
        disabled
        hint="You will log in with this address."
      />
      <FormField
        name="name"
        label="Your name"
        autoComplete="name"
        required
        defaultValue={state.values?.name}
        error={state.fields?.name}
      />
      <FormField
        name="password"
        label="Choose a password"
        type="password"
        autoComplete="new-password"
        required
        minLength={passwordMinLength}
        error={state.fields?.password}
        hint={`At least ${passwordMinLength} characters.`}
      />
      <Button type="submit" pending={pending} pendingLabel="Joining…" className="mt-2 w-full">
        Join workspace
      </Button>
    </form>
  );
}
