'use client';

import { useActionState } from 'react';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { FormField } from '@/components/form-field';
import { IDLE_FORM_STATE } from '@/lib/form-state';
import { registerAction } from './actions';

const FIELDS = ['tenantName', 'name', 'email', 'password'] as const;

/** `passwordMinLength` comes from the server: the shared package is not bundled for the browser. */
export function RegisterForm({ passwordMinLength }: { passwordMinLength: number }) {
  const [state, formAction, pending] = useActionState(registerAction, IDLE_FORM_STATE);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <FormAlert message={state.message} fields={state.fields} knownFields={FIELDS} />
      <FormField
        name="tenantName"
        label="Business name"
        autoComplete="organization"
        required
        defaultValue={state.values?.tenantName}
        error={state.fields?.tenantName}
        hint="Your workspace is named after it; you can change it later."
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
        name="email"
        label="Work email"
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
        autoComplete="new-password"
        required
        minLength={passwordMinLength}
        error={state.fields?.password}
        hint={`At least ${passwordMinLength} characters.`}
      />
      <Button type="submit" pending={pending} pendingLabel="Creating workspace…" className="mt-2 w-full">
        Create workspace
      </Button>
    </form>
  );
}
