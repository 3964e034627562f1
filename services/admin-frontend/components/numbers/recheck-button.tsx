'use client';

import { useActionState } from 'react';
import { recheckNumberAction } from '@/app/dashboard/meta-tokens/actions';
import { Button } from '@/components/ui/button';
import type { RecheckState } from './recheck-state';

const NOT_CHECKED: RecheckState = { status: 'idle' };

/** Re-checks one number with Meta and says what it found, next to the button. */
export function RecheckButton({ accountId, number }: { accountId: string; number: string }) {
  const [state, formAction, pending] = useActionState(recheckNumberAction, NOT_CHECKED);
  return (
    <form action={formAction} className="flex flex-col items-start gap-1">
      <input type="hidden" name="accountId" value={accountId} />
      <Button type="submit" look="secondary" busy={pending} busyText="Checking…" aria-label={`Re-check ${number}`}>
        Re-check
      </Button>
      <p
        role={state.status === 'error' ? 'alert' : 'status'}
        className={state.status === 'error' ? 'max-w-56 text-xs text-danger-700' : 'max-w-56 text-xs text-ink-muted'}
      >
        {state.status === 'idle' ? '' : state.status === 'success' ? `Checked: ${state.message}` : state.message}
      </p>
    </form>
  );
}
