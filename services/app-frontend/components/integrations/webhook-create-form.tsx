'use client';

import { useActionState } from 'react';
import { WEBHOOK_EVENT_TYPES } from '@aerostic/shared';
import { Button } from '@/components/button';
import { CopyButton } from '@/components/copy-button';
import { FormAlert } from '@/components/form-alert';
import { FormField } from '@/components/form-field';
import type { FormAction, WebhookCreateState } from './webhook-state';

const FIELDS = ['url', 'events'] as const;

/** The events as checkboxes, all checked unless `checked` names some. */
export function WebhookEventChoices({ idPrefix, checked }: { idPrefix: string; checked?: readonly string[] }) {
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="text-sm font-medium">Events</legend>
      {WEBHOOK_EVENT_TYPES.map((type) => (
        <label key={type} className="flex items-center gap-2 text-sm" htmlFor={`${idPrefix}-${type}`}>
          <input
            id={`${idPrefix}-${type}`}
            type="checkbox"
            name="events"
            value={type}
            defaultChecked={checked ? checked.includes(type) : true}
          />
          <code>{type}</code>
        </label>
      ))}
    </fieldset>
  );
}

export function WebhookCreateForm({ action }: { action: FormAction<WebhookCreateState> }) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' } as WebhookCreateState);
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
      {state.secret && (
        <div className="rounded-md border border-line p-3 text-sm" data-testid="webhook-secret">
          <p className="font-semibold">Signing secret: copy it now, it is not shown again.</p>
          <p className="mt-1 flex items-center gap-2">
            <code id="webhook-secret-value" className="break-all">
              {state.secret}
            </code>
            <CopyButton value={state.secret} label="Copy secret" />
          </p>
        </div>
      )}
      <FormField
        idPrefix="webhook"
        name="url"
        label="Endpoint URL"
        type="url"
        inputMode="url"
        required
        placeholder="https://crm.example.com/aerostic"
        defaultValue={state.values?.url ?? ''}
        error={state.fields?.url}
      />
      <WebhookEventChoices idPrefix="webhook-new" />
      <div>
        <Button type="submit" pending={pending} pendingLabel="Adding…">
          Add endpoint
        </Button>
      </div>
    </form>
  );
}
