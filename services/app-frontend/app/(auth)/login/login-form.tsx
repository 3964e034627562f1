'use client';

import { useActionState } from 'react';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { FormField } from '@/components/form-field';
import { IDLE_FORM_STATE } from '@/lib/form-state';
import { loginAction } from './actions';

const FIELDS = ['email', 'password'] as const;

/** `notice` (logged out, session ended) gives way to the outcome of the first attempt. */
export function LoginForm({ next, notice }: { next?: string; notice?: string }) {
  const [state, formAction, pending] = useActionState(loginAction, IDLE_FORM_STATE);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {next && <input type="hidden" name="next" value={next} />}
      {state.status === 'idle' && notice && <FormAlert tone="info" message={notice} />}
      <FormAlert message={state.message} fields={state.fields} knownFields={FIELDS} />
      <FormField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        error={state.fields?.email}
      />
      <FormField
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        error={state.fields?.password}
      />
      <Button type="submit" pending={pending} pendingLabel="Logging in…" className="mt-2 w-full">
        Log in
      </Button>
    </form>
  );
}
