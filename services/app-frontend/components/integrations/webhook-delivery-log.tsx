'use client';

import { useActionState } from 'react';
import type { WebhookDeliveryDto } from '@aerostic/shared';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { StatusBadge } from '@/components/status-badge';
import type { FormAction } from './webhook-state';

const TONE = { succeeded: 'success', failed: 'danger', pending: 'warning' } as const;

function SendAgain({ endpointId, deliveryId, action }: { endpointId: string; deliveryId: string; action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  return (
    <form action={formAction} className="flex flex-col items-end gap-1">
      <input type="hidden" name="endpointId" value={endpointId} />
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <Button type="submit" variant="secondary" pending={pending} pendingLabel="Sending…">
        Send again
      </Button>
      {state.status !== 'idle' && (
        <FormAlert
          tone={state.status === 'success' ? 'success' : 'error'}
          message={state.message}
          className="text-xs"
        />
      )}
    </form>
  );
}

/** One endpoint's deliveries, newest first, each with what the receiver answered and a "Send again". */
export function WebhookDeliveryLog({
  endpointId,
  deliveries,
  retryAction,
}: {
  endpointId: string;
  deliveries: readonly WebhookDeliveryDto[];
  retryAction: FormAction;
}) {
  if (deliveries.length === 0) return <p className="text-sm text-ink-muted">No deliveries yet.</p>;
  return (
    <table className="w-full text-left text-sm">
      <thead>
        <tr>
          <th scope="col">Event</th>
          <th scope="col">Status</th>
          <th scope="col">Attempts</th>
          <th scope="col">Response</th>
          <th scope="col">Last attempt</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((d) => (
          <tr key={d.id} className="border-t border-line align-top">
            <td>
              <code>{d.type}</code>
              <div className="text-xs text-ink-subtle">{d.eventId}</div>
            </td>
            <td>
              <StatusBadge tone={TONE[d.status]}>{d.status}</StatusBadge>
            </td>
            <td>{d.attempts}</td>
            <td>
              {d.responseCode ?? '—'}
              {d.durationMs !== null && <span className="text-ink-subtle"> · {d.durationMs} ms</span>}
              {d.responseExcerpt && (
                <div className="max-w-xs truncate text-xs text-ink-subtle">{d.responseExcerpt}</div>
              )}
            </td>
            <td>{d.lastAttemptAt ? new Date(d.lastAttemptAt).toISOString().replace('T', ' ').slice(0, 19) : '—'}</td>
            <td>
              <SendAgain endpointId={endpointId} deliveryId={d.id} action={retryAction} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
