'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { FormField } from '@/components/form-field';
import { SelectField } from '@/components/select-field';
import { IDLE_FORM_STATE } from '@/lib/form-state';
import { updateWorkspaceAction } from './actions';

const FIELDS = ['name', 'timeZone'] as const;

export function WorkspaceForm({
  name,
  timeZone,
  timeZones,
}: {
  name: string;
  timeZone: string;
  /** Listed by the server, so the page and its hydration agree on them whatever the browser's own list. */
  timeZones: readonly string[];
}) {
  const [state, formAction, pending] = useActionState(updateWorkspaceAction, IDLE_FORM_STATE);
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-4" noValidate>
      {state.status !== 'idle' && (
        <FormAlert
          tone={state.status === 'success' ? 'success' : 'error'}
          message={state.message}
          fields={state.fields}
          wayOut={state.wayOut}
          knownFields={FIELDS}
        />
      )}
      <FormField
        idPrefix="workspace"
        name="name"
        label="Workspace name"
        required
        defaultValue={state.values?.name ?? name}
        error={state.fields?.name}
      />
      <SelectField
        idPrefix="workspace"
        name="timeZone"
        label="Time zone"
        defaultValue={state.values?.timeZone ?? timeZone}
        options={timeZones.map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }))}
        error={state.fields?.timeZone}
        aria-describedby={
          state.fields?.timeZone ? 'workspace-timeZone-error workspace-timeZone-hint' : 'workspace-timeZone-hint'
        }
      />
      <p id="workspace-timeZone-hint" className="-mt-2 text-xs text-ink-subtle">
        Campaigns are scheduled and reported in this time zone.
      </p>
      <p className="text-xs text-ink-subtle">
        Event webhooks for your CRM have their own page:{' '}
        <Link className="underline" href="/dashboard/settings/webhooks">
          Webhooks
        </Link>
        .
      </p>
      <div>
        <Button type="submit" pending={pending} pendingLabel="Saving…">
          Save settings
        </Button>
      </div>
    </form>
  );
}
