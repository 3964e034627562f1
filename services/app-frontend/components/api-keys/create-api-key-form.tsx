'use client';

import { useActionState } from 'react';
import { API_KEY_SCOPES, type ApiKeyScope, type CreatedApiKeyDto } from '@aerostic/shared';
import { Button } from '@/components/button';
import { CopyButton } from '@/components/copy-button';
import { FormAlert } from '@/components/form-alert';
import { FormField } from '@/components/form-field';
import { type FormState, IDLE_FORM_STATE } from '@/lib/form-state';

export type CreateApiKeyState = FormState & { created?: CreatedApiKeyDto };

export const SCOPE_LABELS: Record<ApiKeyScope, { label: string; hint: string }> = {
  read: { label: 'Read', hint: 'List and read conversations, messages and contacts' },
  send: { label: 'Send', hint: 'Send messages in conversations' },
  contacts: { label: 'Manage contacts', hint: 'Create, edit and delete contacts' },
};

/** Name and scopes; the new key is shown here once, with a copy button, and never again. */
export function CreateApiKeyForm({
  action,
}: {
  action: (previous: CreateApiKeyState, formData: FormData) => Promise<CreateApiKeyState>;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE_FORM_STATE as CreateApiKeyState);
  const scopesError =
    state.fields?.scopes ?? Object.entries(state.fields ?? {}).find(([k]) => k.startsWith('scopes'))?.[1];
  return (
    <div className="flex flex-col gap-4">
      {state.created && (
        <div
          role="status"
          className="flex flex-col gap-2 rounded-lg border border-warning-700/30 bg-warning-50 p-3 text-warning-700"
        >
          <p className="text-sm font-semibold">
            Copy the key “{state.created.name}” now: it is not shown again. Anyone holding it acts for this workspace.
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <input
              id="new-api-key"
              readOnly
              value={state.created.key}
              aria-label="New API key"
              className="min-w-0 flex-1 rounded-lg border border-line bg-surface px-3 py-2 font-mono text-xs"
            />
            <CopyButton value={state.created.key} targetId="new-api-key" label="Copy key" />
          </div>
        </div>
      )}
      <form action={formAction} className="flex max-w-xl flex-col gap-4">
        <FormField
          name="name"
          label="Name"
          idPrefix="api-key"
          hint="What uses it, e.g. “CRM sync”"
          defaultValue={state.created ? '' : state.values?.name}
          error={state.fields?.name}
          required
          maxLength={100}
        />
        <fieldset aria-describedby={scopesError ? 'api-key-scopes-error' : undefined} className="flex flex-col gap-2">
          <legend className="text-sm font-medium">Scopes</legend>
          {API_KEY_SCOPES.map((scope) => (
            <label key={scope} className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="scopes" value={scope} className="mt-1" />
              <span>
                <span className="font-medium">{SCOPE_LABELS[scope].label}</span>
                <span className="block text-xs text-ink-muted">{SCOPE_LABELS[scope].hint}</span>
              </span>
            </label>
          ))}
          {scopesError && (
            <p id="api-key-scopes-error" className="text-xs font-medium text-danger-700">
              {scopesError}
            </p>
          )}
        </fieldset>
        <div>
          <Button type="submit" pending={pending} pendingLabel="Creating…">
            Create key
          </Button>
        </div>
        {state.status === 'error' && <FormAlert message={state.message} fields={state.fields} />}
      </form>
    </div>
  );
}
