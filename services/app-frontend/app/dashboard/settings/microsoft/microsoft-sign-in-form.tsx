'use client';

import { useActionState } from 'react';
import type { MicrosoftSignInSettingsDto } from '@aerostic/shared';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { FormField } from '@/components/form-field';
import { SelectField } from '@/components/select-field';
import { TextareaField } from '@/components/textarea-field';
import { IDLE_FORM_STATE } from '@/lib/form-state';
import { updateMicrosoftSignInAction } from './actions';

const FIELDS = ['entraTenantId', 'allowedDomains', 'joinPolicy', 'passwordSignIn'] as const;

export function MicrosoftSignInForm({ settings }: { settings: MicrosoftSignInSettingsDto }) {
  const [state, formAction, pending] = useActionState(updateMicrosoftSignInAction, IDLE_FORM_STATE);
  const values = state.values;
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-4" noValidate>
      {state.status !== 'idle' && (
        <FormAlert
          tone={state.status === 'success' ? 'success' : 'error'}
          message={state.message}
          fields={state.fields}
          knownFields={FIELDS}
        />
      )}
      <FormField
        idPrefix="microsoft"
        name="entraTenantId"
        label="Entra tenant id"
        placeholder="00000000-0000-0000-0000-000000000000"
        defaultValue={values?.entraTenantId ?? settings.entraTenantId ?? ''}
        error={state.fields?.entraTenantId}
      />
      <TextareaField
        idPrefix="microsoft"
        name="allowedDomains"
        label="Allowed email domains"
        rows={3}
        defaultValue={values?.allowedDomains ?? settings.allowedDomains.join('\n')}
        error={state.fields?.allowedDomains}
      />
      <SelectField
        idPrefix="microsoft"
        name="joinPolicy"
        label="People from these domains without an account"
        defaultValue={values?.joinPolicy ?? settings.joinPolicy}
        options={[
          { value: 'invitation', label: 'Need an invitation' },
          { value: 'agent', label: 'Join as agents on their first sign-in' },
        ]}
        error={state.fields?.joinPolicy}
      />
      <label className="flex items-center gap-2 text-sm font-medium">
        <input
          type="checkbox"
          name="passwordSignIn"
          defaultChecked={values ? values.passwordSignIn === 'on' : settings.passwordSignIn}
          className="size-4 accent-brand-600"
        />
        Password sign-in allowed (turn off to make everyone sign in with Microsoft)
      </label>
      {state.fields?.passwordSignIn && <p className="-mt-2 text-xs text-danger-700">{state.fields.passwordSignIn}</p>}
      <div>
        <Button type="submit" pending={pending} pendingLabel="Saving…">
          Save Microsoft sign-in
        </Button>
      </div>
    </form>
  );
}
