'use client';

import { useActionState } from 'react';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { IDLE_FORM_STATE } from '@/lib/form-state';
import { syncTemplatesAction } from './actions';

/** Reads every template from Meta again: ones made in WhatsApp Manager, and decisions a webhook may have missed. */
export function SyncTemplatesButton() {
  const [state, formAction, pending] = useActionState(syncTemplatesAction, IDLE_FORM_STATE);
  return (
    <form action={formAction} className="flex flex-col items-start gap-2 sm:items-end">
      <Button type="submit" variant="secondary" pending={pending} pendingLabel="Syncing…">
        Sync from Meta
      </Button>
      {state.status !== 'idle' && (
        <FormAlert
          tone={state.status === 'success' ? 'success' : 'error'}
          message={state.message}
          fields={state.fields}
          wayOut={state.wayOut}
          className="text-xs"
        />
      )}
    </form>
  );
}
