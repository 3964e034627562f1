'use client';

import { useActionState } from 'react';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { FormField } from '@/components/form-field';
import { IDLE_FORM_STATE } from '@/lib/form-state';
import { updateProfileAction } from './actions';

const FIELDS = ['name'] as const;

export function ProfileForm({ name, email }: { name: string; email: string }) {
  const [state, formAction, pending] = useActionState(updateProfileAction, IDLE_FORM_STATE);
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-4" noValidate aria-label="Your profile">
      {state.status !== 'idle' && (
        <FormAlert
          tone={state.status === 'success' ? 'success' : 'error'}
          message={state.message}
          fields={state.fields}
          knownFields={FIELDS}
        />
      )}
      <FormField
        idPrefix="profile"
        name="name"
        label="Your name"
        autoComplete="name"
        required
        defaultValue={state.values?.name ?? name}
        error={state.fields?.name}
        hint="Your team sees this name in the inbox and on the Team page."
      />
      <FormField
        idPrefix="profile"
        name="email"
        label="Email"
        type="email"
        value={email}
        readOnly
        disabled
        hint="Your sign-in email cannot be changed here."
      />
      <div>
        <Button type="submit" pending={pending} pendingLabel="Saving…">
          Save profile
        </Button>
      </div>
    </form>
  );
}
