'use client';

import { useActionState } from 'react';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { FormField } from '@/components/form-field';
import { type FormState, IDLE_FORM_STATE } from '@/lib/form-state';

interface AutomationSettingsFormProps {
  maxAutomatedMessagesPerHour: number;
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
}

/** The safety limit on automated messages: however many rules fire, a conversation gets at most this many an hour. */
export function AutomationSettingsForm({ maxAutomatedMessagesPerHour, action }: AutomationSettingsFormProps) {
  const [state, formAction, pending] = useActionState(action, IDLE_FORM_STATE);
  return (
    <form action={formAction} noValidate className="flex flex-col gap-3">
      <FormAlert
        tone={state.status === 'success' ? 'success' : 'error'}
        message={state.message}
        fields={state.fields}
        wayOut={state.wayOut}
        knownFields={['maxAutomatedMessagesPerHour']}
      />
      <div className="flex flex-wrap items-end gap-3">
        <FormField
          idPrefix="automation-settings"
          name="maxAutomatedMessagesPerHour"
          label="Automated messages per conversation and hour, at most"
          type="number"
          inputMode="numeric"
          min={0}
          // Keyed on the answer so a refused value stays as typed and a saved one shows what the server holds.
          key={`${state.status}-${state.message ?? ''}`}
          defaultValue={state.values?.maxAutomatedMessagesPerHour ?? String(maxAutomatedMessagesPerHour)}
          error={state.fields?.maxAutomatedMessagesPerHour}
          hint="Replies, templates and AI answers count; 0 stops them all. A rule that would send more records why it did not."
          className="max-w-md"
        />
        <Button type="submit" variant="secondary" pending={pending} pendingLabel="Saving…">
          Save limit
        </Button>
      </div>
    </form>
  );
}
