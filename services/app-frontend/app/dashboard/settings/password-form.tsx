'use client';

import { useActionState } from 'react';
import { PASSWORD_MIN_LENGTH } from '@aerostic/shared';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { FormField } from '@/components/form-field';
import { IDLE_FORM_STATE } from '@/lib/form-state';
import { changePasswordAction } from './actions';

const FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const;

export function PasswordForm() {
  const [state, formAction, pending] = useActionState(changePasswordAction, IDLE_FORM_STATE);
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-4" noValidate aria-label="Change password">
      {state.status !== 'idle' && (
        <FormAlert
          tone={state.status === 'success' ? 'success' : 'error'}
          message={state.message}
          fields={state.fields}
          knownFields={FIELDS}
        />
      )}
      <FormField
        idPrefix="password"
        name="currentPassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        error={state.fields?.currentPassword}
      />
      <FormField
        idPrefix="password"
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        error={state.fields?.newPassword}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
      />
      <FormField
        idPrefix="password"
        name="confirmPassword"
        label="Repeat the new password"
        type="password"
        autoComplete="new-password"
        required
        error={state.fields?.confirmPassword}
      />
      <div>
        <Button type="submit" pending={pending} pendingLabel="Changing password…">
          Change password
        </Button>
      </div>
    </form>
  );
}
