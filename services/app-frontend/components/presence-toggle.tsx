'use client';

import { useActionState } from 'react';
import type { PresenceDto } from '@aerostic/shared';
import { IDLE_FORM_STATE } from '@/lib/form-state';
import { type PresenceState, setPresenceAction } from '@/lib/team/presence-actions';
import { PresenceDot } from './presence-dot';

/**
 * The member's own away switch in the top bar. Away keeps routing from them while the dashboard stays open; the
 * dot shows the chosen status (this dashboard is connected, so it is not offline).
 */
export function PresenceToggle({ initial }: { initial: PresenceDto }) {
  const [state, formAction, pending] = useActionState<PresenceState, FormData>(setPresenceAction, IDLE_FORM_STATE);
  const status = state.presence?.status ?? initial.status;
  const next = status === 'online' ? 'away' : 'online';
  return (
    <form action={formAction} className="flex items-center gap-2" data-testid="presence-toggle">
      <input type="hidden" name="status" value={next} />
      <PresenceDot presence={status} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-line px-2 py-1 text-xs font-medium text-ink hover:bg-canvas disabled:opacity-60"
      >
        {next === 'away' ? 'Set away' : 'Go online'}
      </button>
      {state.status === 'error' && (
        <span role="alert" className="text-xs text-danger-700">
          {state.message}
        </span>
      )}
      <span className="sr-only" role="status">
        {state.status === 'success' ? state.message : ''}
      </span>
    </form>
  );
}
