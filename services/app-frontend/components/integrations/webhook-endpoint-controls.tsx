'use client';

import { useActionState } from 'react';
import type { WebhookEndpointDto } from '@aerostic/shared';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { StatusBadge } from '@/components/status-badge';
import { WebhookEventChoices } from './webhook-create-form';
import type { FormAction } from './webhook-state';

/** An endpoint's events and state to save, a test event to send, and its deletion: one form, three intents. */
export function WebhookEndpointControls({ endpoint, action }: { endpoint: WebhookEndpointDto; action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  return (
    <form action={formAction} className="flex flex-col gap-3">
      {state.status !== 'idle' && (
        <FormAlert
          tone={state.status === 'success' ? 'success' : 'error'}
          message={state.message}
          fields={state.fields}
        />
      )}
      <input type="hidden" name="endpointId" value={endpoint.id} />
      <p className="flex items-center gap-2 text-sm">
        {endpoint.enabled ? (
          <StatusBadge tone="success">Enabled</StatusBadge>
        ) : (
          <StatusBadge tone="danger">Disabled</StatusBadge>
        )}
        {endpoint.disabledReason && <span role="alert">{endpoint.disabledReason}</span>}
        {endpoint.enabled && endpoint.failingSince && (
          <span>Failing since {endpoint.failingSince.replace('T', ' ').slice(0, 16)} UTC</span>
        )}
      </p>
      <label className="flex items-center gap-2 text-sm" htmlFor={`endpoint-${endpoint.id}-enabled`}>
        <input
          id={`endpoint-${endpoint.id}-enabled`}
          type="checkbox"
          name="enabled"
          defaultChecked={endpoint.enabled}
        />
        Enabled
      </label>
      <WebhookEventChoices idPrefix={`endpoint-${endpoint.id}`} checked={endpoint.events} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="intent" value="save" pending={pending} pendingLabel="Saving…">
          Save
        </Button>
        <Button type="submit" name="intent" value="test" variant="secondary">
          Send a test event
        </Button>
        <Button type="submit" name="intent" value="delete" variant="danger" aria-label={`Delete ${endpoint.url}`}>
          Delete
        </Button>
      </div>
    </form>
  );
}
