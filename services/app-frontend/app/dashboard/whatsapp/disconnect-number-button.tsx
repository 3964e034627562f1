'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/button';
import { FormAlert } from '@/components/form-alert';
import { IDLE_FORM_STATE } from '@/lib/form-state';
import { disconnectWhatsAppAction } from './actions';

/** Disconnecting stops the number's messages at once, so it takes a second, explicit click. */
export function DisconnectNumberButton({ accountId, number }: { accountId: string; number: string }) {
  const [state, formAction, pending] = useActionState(disconnectWhatsAppAction, IDLE_FORM_STATE);
  const [confirming, setConfirming] = useState(false);
  const wasConfirming = useRef(false);
  const questionId = `disconnect-question-${accountId}`;
  const openId = `disconnect-${accountId}`;
  const keepId = `disconnect-keep-${accountId}`;

  // Focus follows the question: onto its safe answer when it opens, back to the button when it closes.
  useEffect(() => {
    if (confirming) document.getElementById(keepId)?.focus();
    else if (wasConfirming.current) document.getElementById(openId)?.focus();
    wasConfirming.current = confirming;
  }, [confirming, keepId, openId]);

  if (!confirming) {
    return (
      <div className="flex flex-col items-start gap-2 sm:items-end">
        <Button
          id={openId}
          type="button"
          variant="danger"
          onClick={() => setConfirming(true)}
          aria-label={`Disconnect ${number}`}
        >
          Disconnect
        </Button>
        {state.status === 'error' && <FormAlert message={state.message} fields={state.fields} className="text-xs" />}
      </div>
    );
  }
  return (
    <form
      action={formAction}
      role="group"
      aria-labelledby={questionId}
      className="flex max-w-sm flex-col gap-3 rounded-lg border border-danger-600/30 bg-danger-50 p-3"
    >
      <input type="hidden" name="accountId" value={accountId} />
      <p id={questionId} className="text-sm text-danger-700">
        <strong className="font-semibold">Disconnect {number}?</strong> New messages to this number stop reaching
        Aerostic and replies can no longer be sent from it. Conversations already here stay.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="danger" pending={pending} pendingLabel="Disconnecting…">
          Yes, disconnect
        </Button>
        <Button id={keepId} type="button" variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>
          Keep it connected
        </Button>
      </div>
      {state.status === 'error' && <FormAlert message={state.message} fields={state.fields} className="text-xs" />}
    </form>
  );
}
